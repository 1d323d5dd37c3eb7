import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Database } from '../core/schema'
import dayjs from 'dayjs'
import { assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { today, write, type LedgerContext } from '../core/context'
import { activeClose, restoreSheet } from '../figures/close'
import { monthlySummary } from '../figures/month'
import { periodRange, periodSummary } from '../figures/period'
import { adjustmentsBetween } from '../figures/report'
import type { ExportProgress, ExportResult } from '../../shared/types'
import { requireText } from '../validation/text'
import { columnLetter, columnWidths, DATE_FORMAT, isPercent, PERCENT_FORMAT, type Cell, type SheetData } from './cells'
import { refuseLedgerTarget } from './target'
import { monthSpan, monthsOf, readSnapshot, requireMonth, requireYear, writeAtomically, yearSpan } from './files'
import { callbackSheet, countListRows, issueSheet, visitSheet, type Span } from './ledger-rows'
import { summarySheet, yearSummaryColumns, yearSummaryRow } from './summary-sheet'
import { petitionSheet } from './petition-sheet'
import { petitionFigures } from '../figures/petition-figures'

// The month's ledger as one .xlsx: 汇总, 来访登记, 问题台账, 回访, 信访. A year and any period go through exceljs's
// streaming writer instead, which writes each row to the zip as it is committed rather than
// building the whole workbook model in memory.

export interface MonthExportOptions {
  month: string
  file: string
  /** Phones and ID numbers in full. Only a signed-in supervisor, for a stated reason; audited. */
  unmasked?: boolean | undefined
  reason?: string | undefined
}

export interface PeriodExportOptions {
  /** 'YYYY-MM-DD', both days included. */
  from: string
  to: string
  file: string
  onProgress?: ((progress: Pick<ExportProgress, 'done' | 'total'>) => void) | undefined
  progressEvery?: number | undefined
}

export interface YearExportOptions {
  year: number
  file: string
  /** Called as rows are written, with done rising to total. */
  onProgress?: ((progress: Pick<ExportProgress, 'done' | 'total'>) => void) | undefined
  /** Rows between progress reports (default 200). */
  progressEvery?: number | undefined
}

type ExcelValue = string | number | Date | null

// Excel's limit for one cell (longer text makes it "repair" the file); a visit with twenty long
// matters could pass it. Control characters XML cannot hold are dropped by exceljs itself.
const MAX_CELL_TEXT = 32767

function excelValue(cell: Cell): ExcelValue {
  if (isPercent(cell)) return cell.percent / 100
  if (typeof cell !== 'string' || cell.length <= MAX_CELL_TEXT) return cell
  return `${cell.slice(0, MAX_CELL_TEXT - 1)}…`
}

/** Frozen, bold header row, widths from the content, autofilter over the list. */
function addSheet(workbook: ExcelJS.Workbook, sheet: SheetData): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] })
  const widths = columnWidths(sheet)
  ws.columns = sheet.columns.map((_column, i) => ({ key: `c${i + 1}`, width: widths[i] ?? 10 }))
  if (sheet.autoFilter) ws.autoFilter = `A1:${columnLetter(sheet.columns.length)}${sheet.rows.length + 1}`
  const header = ws.addRow(sheet.columns.map((c) => c.header))
  header.eachCell((cell) => {
    cell.font = { bold: true }
    cell.alignment = { vertical: 'middle' }
  })
  header.commit()
  return ws
}

function addRow(ws: ExcelJS.Worksheet, sheet: SheetData, cells: Cell[], bold: boolean): void {
  const row = ws.addRow(cells.map(excelValue))
  cells.forEach((cell, i) => {
    const target = row.getCell(i + 1)
    if (cell instanceof Date) target.numFmt = DATE_FORMAT
    else if (isPercent(cell)) target.numFmt = PERCENT_FORMAT
    target.alignment = sheet.columns[i]?.wrap ? { vertical: 'top', wrapText: true } : { vertical: 'top' }
    if (bold) target.font = { bold: true }
  })
  row.commit()
}

function describeWorkbook(workbook: ExcelJS.Workbook, ctx: LedgerContext, title: string): void {
  workbook.creator = `接待日台账（${ctx.actor.name}）`
  workbook.title = title
  workbook.created = ctx.now()
}

export async function exportMonthXlsx(ctx: LedgerContext, options: MonthExportOptions): Promise<ExportResult> {
  const month = requireMonth(options.month)
  await refuseLedgerTarget(ctx.db, options.file)
  const unmasked = options.unmasked === true
  let privacy = '已脱敏'
  if (unmasked) {
    await assertSupervisor(ctx, '导出未脱敏的联系电话和身份证号')
    const reason = requireText(options.reason, '导出原因', 200)
    // Recorded before any personal data is read: the log shows the attempt even if writing fails.
    await write(ctx, (trx) => audit(trx, ctx, 'export_unmasked', 'ledger', null, { month, reason, file: options.file }))
    privacy = `未脱敏（${ctx.actor.name} 批准，原因：${reason}）`
  }
  const day = today(ctx)
  const span = monthSpan(month)
  const sheets = await readSnapshot(ctx.db, async (db) => {
    const head = { period: month, exportedAt: dayjs(ctx.now()).format('YYYY-MM-DD HH:mm'), exportedBy: ctx.actor.name, privacy }
    // A closed month reprints what was sent: its frozen figures and (masked) lists, and what
    // changed since as 调整 rows. An unmasked copy needs the full numbers, so its lists are live.
    const closed = await activeClose(db, month)
    const live = await monthlySummary(db, month, day)
    if (closed) {
      const reported = closed.snapshot.report.summary
      const close = { close: closed.close, adjustments: adjustmentsBetween(reported, live), listsLive: unmasked }
      const lists = unmasked
        ? [
            await visitSheet(db, span, { unmasked }),
            await issueSheet(db, span, { unmasked }, day),
            await callbackSheet(db, span, { unmasked }),
          ]
        : closed.snapshot.sheets.map(restoreSheet)
      // A report closed before the 信访 figures existed has none frozen: today's stand in.
      const petitions = await petitionSheet(db, span, reported.petitions ?? live.petitions, { unmasked })
      return [summarySheet(reported, { ...head, close }), ...lists, petitions]
    }
    return [
      summarySheet(live, head),
      await visitSheet(db, span, { unmasked }),
      await issueSheet(db, span, { unmasked }, day),
      await callbackSheet(db, span, { unmasked }),
      await petitionSheet(db, span, live.petitions, { unmasked }),
    ]
  })
  const workbook = new ExcelJS.Workbook()
  describeWorkbook(workbook, ctx, `${month} 接待日台账`)
  for (const sheet of sheets) {
    const ws = addSheet(workbook, sheet)
    const bold = new Set(sheet.boldRows ?? [])
    sheet.rows.forEach((cells, index) => addRow(ws, sheet, cells, bold.has(index)))
  }
  await writeAtomically(options.file, async (temp) => {
    await workbook.xlsx.writeFile(temp)
  })
  // The three record lists; 汇总 and 信访 are figures (信访's rows are the same issues as 问题台账's).
  return { file: options.file, rows: sheets.slice(1, 4).reduce((n, s) => n + s.rows.length, 0) }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))
const PROGRESS_EVERY = 200

/**
 * Streams a workbook: 汇总 first, then the list sheets read one at a time from the same snapshot,
 * each committed row by row, so only one sheet's rows are ever in memory. The rows are counted
 * first, for the progress bar.
 */
async function streamWorkbook(
  ctx: LedgerContext,
  db: Kysely<Database>,
  options: {
    file: string
    title: string
    summary: SheetData
    /** The period's 信访 sheet, written after the lists. */
    petitions: SheetData
    span: Span
    onProgress?: PeriodExportOptions['onProgress']
    progressEvery?: number | undefined
  },
): Promise<number> {
  const day = today(ctx)
  const masked = { unmasked: false }
  const every = Math.max(1, options.progressEvery ?? PROGRESS_EVERY)
  let done = 0
  let listed = 0
  const total = options.summary.rows.length + options.petitions.rows.length + (await countListRows(db, options.span))
  options.onProgress?.({ done, total })
  const span = options.span
  const lists = [() => visitSheet(db, span, masked), () => issueSheet(db, span, masked, day), () => callbackSheet(db, span, masked)]
  await writeAtomically(options.file, async (temp) => {
    // Strings inline: a shared-string table would hold every distinct text until the end.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: false })
    describeWorkbook(workbook, ctx, options.title)
    const stream = async (sheet: SheetData) => {
      const ws = addSheet(workbook, sheet)
      const bold = new Set(sheet.boldRows ?? [])
      for (const [index, cells] of sheet.rows.entries()) {
        addRow(ws, sheet, cells, bold.has(index))
        done += 1
        if (done % every === 0) {
          options.onProgress?.({ done, total })
          // Lets the app answer other calls (the progress poll among them) while a long export writes.
          await yieldToEventLoop()
        }
      }
      ws.commit()
    }
    await stream(options.summary)
    for (const read of lists) {
      const sheet = await read()
      listed += sheet.rows.length
      await stream(sheet)
    }
    await stream(options.petitions)
    await workbook.commit()
  })
  options.onProgress?.({ done, total })
  return listed
}

/** A year: 汇总 with one row per month, then every visit, issue and callback of the year. */
export async function exportYearXlsx(ctx: LedgerContext, options: YearExportOptions): Promise<ExportResult> {
  const year = requireYear(options.year)
  await refuseLedgerTarget(ctx.db, options.file)
  const day = today(ctx)
  const span = yearSpan(year)
  const rows = await readSnapshot(ctx.db, async (db) => {
    const summaries = []
    for (const month of monthsOf(year)) summaries.push(await monthlySummary(db, month, day))
    const summary: SheetData = { name: '汇总', columns: yearSummaryColumns(), rows: summaries.map(yearSummaryRow), autoFilter: true }
    const petitions = await petitionSheet(db, span, await petitionFigures(db, span.from, span.to, day), { unmasked: false })
    return streamWorkbook(ctx, db, { ...options, title: `${year} 年接待日台账`, summary, petitions, span })
  })
  return { file: options.file, rows }
}

/**
 * Any period (a quarter, a half-year, a range, the ledger's whole life): 汇总 with the period's
 * figures, definitions and breakdowns, then every visit, issue and callback of it, masked, streamed.
 */
export async function exportPeriodXlsx(ctx: LedgerContext, options: PeriodExportOptions): Promise<ExportResult> {
  const range = periodRange(options.from, options.to)
  await refuseLedgerTarget(ctx.db, options.file)
  const day = today(ctx)
  let label = ''
  const rows = await readSnapshot(ctx.db, async (db) => {
    const s = await periodSummary(db, options.from, options.to, day)
    label = s.period.label
    const head = { period: label, exportedAt: dayjs(ctx.now()).format('YYYY-MM-DD HH:mm'), exportedBy: ctx.actor.name, privacy: '已脱敏' }
    const span = { from: range.first, to: range.nextFirst }
    const petitions = await petitionSheet(db, span, s.petitions, { unmasked: false })
    return streamWorkbook(ctx, db, { ...options, title: `${label} 接待日台账`, summary: summarySheet(s, head), petitions, span })
  })
  return { file: options.file, rows }
}
