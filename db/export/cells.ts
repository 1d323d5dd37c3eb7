// What an export sheet is before it becomes a file: headers and rows of plain values. The same
// model feeds the in-memory month workbook, the streaming year workbook and the CSV file, so the
// three can never disagree about what a row holds.

/** A rate as db/figures.ts gives it: percent 0–100 with one decimal. Written as an Excel percentage. */
export interface Percent {
  readonly percent: number
}

export type Cell = string | number | Date | Percent | null

export interface Column {
  header: string
  /** Long free text (content, result): wrapped in the cell, and allowed a wider column. */
  wrap?: boolean
  /** A structured value (a credit code) that the masking of numbers in text must leave alone. */
  verbatim?: boolean
}

export interface SheetData {
  name: string
  columns: Column[]
  rows: Cell[][]
  /** Indexes into `rows` of rows to set in bold (a second table's header on 汇总). */
  boldRows?: number[]
  /** An autofilter over the header and every row (list sheets; not the label/value 汇总). */
  autoFilter: boolean
}

export const DATE_FORMAT = 'yyyy-mm-dd'
export const PERCENT_FORMAT = '0.0%'

export function isPercent(cell: Cell): cell is Percent {
  return cell !== null && typeof cell === 'object' && !(cell instanceof Date)
}

/**
 * A ledger date 'YYYY-MM-DD' as a Date at UTC midnight. exceljs turns a Date into an Excel serial
 * from its UTC time, so a local-midnight Date would land on the day before east of Greenwich.
 */
export function excelDate(iso: string | null): Date | null {
  if (iso === null || iso === '') return null
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  if (y === undefined || m === undefined || d === undefined || Number.isNaN(y + m + d)) return null
  return new Date(Date.UTC(y, m - 1, d))
}

/** The date as the ledger writes it, for CSV. */
export function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10)
}

// East Asian wide and full-width characters take two columns in a spreadsheet cell, as they do in
// a terminal: CJK ideographs, kana, hangul, CJK and full-width punctuation.
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  )
}

/** Width in Excel column units (the width of '0'): a CJK character counts two. Longest line wins. */
export function displayWidth(text: string): number {
  let widest = 0
  for (const line of text.split('\n')) {
    let w = 0
    for (const ch of line) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1
    widest = Math.max(widest, w)
  }
  return widest
}

export function cellText(cell: Cell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return isoOf(cell)
  if (isPercent(cell)) return `${cell.percent}%`
  return String(cell)
}

const MIN_WIDTH = 6
const MAX_WIDTH = 40
const MAX_WRAPPED_WIDTH = 60

/** Column widths that fit the header and the content, capped so one long text cannot take the screen. */
export function columnWidths(sheet: Pick<SheetData, 'columns' | 'rows'>): number[] {
  return sheet.columns.map((column, index) => {
    let widest = displayWidth(column.header)
    for (const row of sheet.rows) widest = Math.max(widest, displayWidth(cellText(row[index] ?? null)))
    const cap = column.wrap ? MAX_WRAPPED_WIDTH : MAX_WIDTH
    return Math.min(cap, Math.max(MIN_WIDTH, widest + 2))
  })
}

/** 'A', 'B', … 'Z', 'AA': for autofilter ranges and for naming an imported sheet's columns. */
export function columnLetter(index1: number): string {
  let n = index1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}
