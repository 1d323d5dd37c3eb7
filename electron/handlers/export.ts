import { requireSupervisor } from '../../db/core/access'
import { LedgerError } from '../../db/core/errors'
import { exportAuditCsv, exportIssuesCsv, exportMonthXlsx, exportYearXlsx } from '../../db/export'
import type { ExportProgress } from '../../shared/types'
import { isYearMonth } from '../../db/validation/dates'
import { requireText } from '../../db/validation/text'
import { ledgerContext } from './ledger-context'
import type { AppState, Handler, SaveFilter } from './types'

// Excel and CSV exports (issue 4). Main supplies the destination through state.chooseSavePath
// (the system save dialog in the app, a temp path in tests); these handlers never import electron.
// Every check that can refuse runs before the dialog, so nobody picks a file only to be refused.

const XLSX: SaveFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]
const CSV: SaveFilter[] = [{ name: 'CSV（逗号分隔）', extensions: ['csv'] }]

async function choosePath(state: AppState, suggestedName: string, filters: SaveFilter[]): Promise<string | null> {
  if (!state.chooseSavePath) throw new LedgerError('unavailable', '当前环境无法选择保存位置，请在桌面程序中导出，或使用命令行 npm run ledger -- export')
  return state.chooseSavePath(suggestedName, filters)
}

function requireMonth(month: string): void {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
}

export const exportMonth: Handler<'export-month'> = async (state, input) => {
  requireMonth(input.month)
  const ctx = ledgerContext(state)
  if (input.unmasked === true) {
    requireSupervisor(ctx, '导出未脱敏的联系电话和身份证号')
    requireText(input.reason, '导出原因', 200)
  }
  const file = await choosePath(state, `接待日台账-${input.month}${input.unmasked === true ? '-未脱敏' : ''}.xlsx`, XLSX)
  if (file === null) return null
  // A fresh context: the operator or the ledger may have changed while the dialog was open (db/ checks again).
  return exportMonthXlsx(ledgerContext(state), { month: input.month, file, unmasked: input.unmasked, reason: input.reason })
}

// One year export at a time per app; the renderer polls export-progress for its progress bar.
const progress = new WeakMap<AppState, ExportProgress>()
const idle: ExportProgress = { running: false, done: 0, total: 0 }

export const exportProgress: Handler<'export-progress'> = async (state) => ({ ...(progress.get(state) ?? idle) })

export const exportYear: Handler<'export-year'> = async (state, input) => {
  if (progress.get(state)?.running) throw new LedgerError('busy', '上一次年度导出尚未完成，请稍候')
  const file = await choosePath(state, `接待日台账-${input.year}年.xlsx`, XLSX)
  if (file === null) return null
  const current: ExportProgress = { running: true, done: 0, total: 0 }
  progress.set(state, current)
  try {
    return await exportYearXlsx(ledgerContext(state), {
      year: input.year,
      file,
      onProgress: ({ done, total }) => {
        current.done = done
        current.total = total
      },
    })
  } finally {
    current.running = false
  }
}

export const exportIssuesCsvHandler: Handler<'export-issues-csv'> = async (state, input) => {
  if (input.month !== undefined) requireMonth(input.month)
  const period = input.month ?? `${input.year ?? ''}年`
  const file = await choosePath(state, `问题台账-${period}.csv`, CSV)
  if (file === null) return null
  return exportIssuesCsv(ledgerContext(state), { month: input.month, year: input.year, file })
}

export const auditExportHandler: Handler<'audit-export'> = async (state, input) => {
  // Refused before the dialog opens: a desk clerk should not be asked where to save.
  requireSupervisor(ledgerContext(state), '导出审计日志')
  const span = input.from || input.to ? `${input.from ?? '开始'}至${input.to ?? '今'}` : '全部'
  const file = await choosePath(state, `审计日志-${span}.csv`, CSV)
  if (file === null) return null
  return exportAuditCsv(ledgerContext(state), { from: input.from, to: input.to, file })
}
