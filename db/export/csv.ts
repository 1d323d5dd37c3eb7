import fs from 'node:fs'
import { today, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import type { ExportResult } from '../../shared/types'
import { cellText, type Cell } from './cells'
import { refuseLedgerTarget } from './target'
import { monthSpan, readSnapshot, writeAtomically, yearSpan } from './files'
import { ISSUE_COLUMNS, issueRows, type Span } from './ledger-rows'

// The issue ledger as CSV, for other systems (a 12345 hotline platform, a county dashboard) and
// for Excel/WPS users who want plain text. Same columns and rows as the 问题台账 sheet; phones are
// always masked. UTF-8 with a BOM (without it Excel reads the Chinese as GBK and shows mojibake),
// CRLF line ends, RFC 4180 quoting.

export interface CsvExportOptions {
  month?: string | undefined
  year?: number | undefined
  file: string
}

const BOM = '\uFEFF'

// CSV formula injection (CWE-1236): Excel and WPS treat a field beginning with = + - @ (or a tab
// or CR, which they strip before looking) as a formula, so “=HYPERLINK(…)” typed into an issue
// would run in the office's spreadsheet. Such a field gets a leading single quote, which makes
// the spreadsheet show it as text; the rest of the text is kept as typed.
const FORMULA_START = /^[=+\-@\t\r]/

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function csvField(cell: Cell): string {
  const text = typeof cell === 'string' ? neutralizeFormula(cell) : cellText(cell)
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`
}

function spanOf(options: CsvExportOptions): Span {
  const hasMonth = options.month !== undefined
  const hasYear = options.year !== undefined
  if (hasMonth === hasYear) throw new LedgerError('invalid_input', '请选择导出的月份或年份（二选一）')
  return options.month !== undefined ? monthSpan(options.month) : yearSpan(options.year ?? 0)
}

export async function exportIssuesCsv(ctx: LedgerContext, options: CsvExportOptions): Promise<ExportResult> {
  const span = spanOf(options)
  await refuseLedgerTarget(ctx.db, options.file)
  const day = today(ctx)
  const rows = await readSnapshot(ctx.db, (db) => issueRows(db, span, { unmasked: false }, day))
  const text = BOM + csvLine(ISSUE_COLUMNS.map((c) => c.header)) + rows.map(csvLine).join('')
  await writeAtomically(options.file, async (temp) => {
    await fs.promises.writeFile(temp, text, 'utf8')
  })
  return { file: options.file, rows: rows.length }
}
