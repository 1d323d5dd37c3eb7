import { today } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import { handoverSheets, monthlyReport } from '../../db/print/sheets'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

export const reportMonth: Handler<'report-month'> = (state, input) => monthlyReport(state.ledger.db, input.month, today(ledgerContext(state)))

export const printHandover: Handler<'print-handover'> = (state, input) => handoverSheets(state.ledger.db, input)

export const printPage: Handler<'print-page'> = async (state, input) => {
  if (!state.printer) throw new LedgerError('unavailable', '此环境不能直接打印，请使用浏览器的打印功能')
  if (input.mode === 'print') return { done: await state.printer.print(), file: null }
  // A file name, never a path: the user picks the folder in the save dialog.
  const safeName = input.fileName.replace(/[\\/:*?"<>|]/g, '_')
  const file = await state.printer.savePdf(safeName.endsWith('.pdf') ? safeName : `${safeName}.pdf`)
  return { done: file !== null, file }
}
