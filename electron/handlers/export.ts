import { assertSupervisor } from '../../db/core/access'
import { LedgerError } from '../../db/core/errors'
import { exportIssuesCsv, exportMonthXlsx, exportPeriodXlsx, exportYearXlsx } from '../../db/export'
import { periodRange } from '../../db/figures/period'
import { isYearMonth } from '../../db/validation/dates'
import { requireText } from '../../db/validation/text'
import { ledgerContext } from './ledger-context'
import { progressTracker } from './progress'
import { chooseSavePath, CSV, XLSX } from './save-target'
import type { Handlers } from './types'

function requireMonth(month: string): void {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
}

// One long export at a time (a year or any period); the renderer polls export-progress for its bar.
const yearExport = progressTracker('上一次导出尚未完成，请稍候')

export const exportHandlers = {
  'export-month': async (state, input) => {
    requireMonth(input.month)
    const ctx = ledgerContext(state)
    if (input.unmasked === true) {
      // Checked before the dialog opens (db/ checks again): a desk clerk should not be asked where to save.
      await assertSupervisor(ctx, '导出未脱敏的联系电话和身份证号')
      requireText(input.reason, '导出原因', 200)
    }
    const file = await chooseSavePath(state, `接待日台账-${input.month}${input.unmasked === true ? '-未脱敏' : ''}.xlsx`, XLSX)
    if (file === null) return null
    // A fresh context: the operator or the ledger may have changed while the dialog was open (db/ checks again).
    return exportMonthXlsx(ledgerContext(state), { month: input.month, file, unmasked: input.unmasked, reason: input.reason })
  },

  'export-progress': async (state) => yearExport.read(state),

  'export-year': async (state, input) => {
    yearExport.refuseIfBusy(state)
    const file = await chooseSavePath(state, `接待日台账-${input.year}年.xlsx`, XLSX)
    if (file === null) return null
    return yearExport.run(state, (onProgress) => exportYearXlsx(ledgerContext(state), { year: input.year, file, onProgress }))
  },

  'export-period': async (state, input) => {
    periodRange(input.from, input.to)
    yearExport.refuseIfBusy(state)
    const file = await chooseSavePath(state, `接待日台账-${input.from}至${input.to}.xlsx`, XLSX)
    if (file === null) return null
    return yearExport.run(state, (onProgress) => exportPeriodXlsx(ledgerContext(state), { ...input, file, onProgress }))
  },

  'export-issues-csv': async (state, input) => {
    if (input.month !== undefined) requireMonth(input.month)
    const period = input.month ?? `${input.year ?? ''}年`
    const file = await chooseSavePath(state, `问题台账-${period}.csv`, CSV)
    if (file === null) return null
    return exportIssuesCsv(ledgerContext(state), { month: input.month, year: input.year, file })
  },
} satisfies Partial<Handlers>
