import { LedgerError } from '../../db/core/errors'
import { refuseLedgerTarget } from '../../db/export/target'
import { handoverSheets, receiptSheet } from '../../db/print/sheets'
import type { Handlers } from './types'
import { recoverySheet } from '../../db/keys/recovery'
import { ledgerContext, localLedgerOf, ON_SERVER_INSTEAD } from './ledger-context'

export const printHandlers = {
  'print-handover': (state, input) => handoverSheets(state.ledger.db, input),
  'print-receipt': (state, input) => receiptSheet(state.ledger.db, input.visitId),
  'print-recovery-sheet': (state) =>
    recoverySheet(ledgerContext(state), localLedgerOf(state, '打印恢复口令单', ON_SERVER_INSTEAD.recovery)),
  'print-page': async (state, input) => {
    if (!state.printer) throw new LedgerError('unavailable', '此环境不能直接打印，请使用浏览器的打印功能')
    if (input.mode === 'print') return { done: await state.printer.print(), file: null }
    // A file name, never a path: the user picks the folder in the save dialog.
    const safeName = input.fileName.replace(/[\\/:*?"<>|]/g, '_')
    const file = await state.printer.savePdf(safeName.endsWith('.pdf') ? safeName : `${safeName}.pdf`, (chosen) =>
      refuseLedgerTarget(state.ledger.db, chosen),
    )
    return { done: file !== null, file }
  },
} satisfies Partial<Handlers>
