import { columnLetter } from '../export/cells'
import type { ImportField } from '../../shared/types'
import { toHalfWidth } from '../validation/text'
import { guessFields, looksLikeHeader, normalizeHeader } from './fields'
import type { Grid, RawCell } from './read'
import { cellText, isBlankText } from './values'

// Where the list starts on a sheet: title rows above it (“2023年接待日台账”), a header of one or
// two rows (merged group cells like “来访人信息” over 姓名 / 电话), then the data rows, with blank
// rows and a 合计 row mixed in.

export interface LayoutColumn {
  /** 1 = column A. */
  index: number
  letter: string
  header: string
  group: string | null
}

export interface SheetLayout {
  /** 0-based index into grid.rows of the header row (the lower one of a two-row header). */
  headerIndex: number
  columns: LayoutColumn[]
  titleYear: number | null
}

const HEADER_SCAN_ROWS = 30

function texts(row: readonly RawCell[]): string[] {
  return row.map((c) => (typeof c === 'string' ? cellText(c) : ''))
}

/** Distinct header-like texts in a row: a merged cell repeats its text over its columns, and counts once. */
function headerScore(row: readonly RawCell[]): number {
  const seen = new Set<string>()
  for (const t of texts(row)) if (t !== '' && looksLikeHeader(t)) seen.add(normalizeHeader(t))
  return seen.size
}

function distinctTexts(row: readonly RawCell[]): number {
  return new Set(row.map((c) => cellText(c)).filter((t) => t !== '')).size
}

export function isBlankRow(row: readonly RawCell[]): boolean {
  return row.every((c) => isBlankText(cellText(c)))
}

/** 合计 / 总计 / 小计 under a list: not a record. */
export function isTotalRow(row: readonly RawCell[]): boolean {
  const first = row.map((c) => cellText(c)).find((t) => t !== '')
  return first !== undefined && /^(合\s*计|总\s*计|小\s*计|累\s*计|共\s*计)[:：]?/.test(first)
}

export function findLayout(grid: Grid): SheetLayout | null {
  const scan = grid.rows.slice(0, HEADER_SCAN_ROWS)
  let best = -1
  let bestScore = 0
  scan.forEach((row, i) => {
    const score = headerScore(row)
    // A lower row of a two-row header repeats the merged cells above it and scores at least as
    // well: take it, so the column names are the specific ones (姓名, not 来访人信息).
    if (score > bestScore || (score === bestScore && score > 0 && i === best + 1)) {
      best = i
      bestScore = score
    }
  })
  if (best < 0 || bestScore < 2) return null

  const header = grid.rows[best] ?? []
  const above = best > 0 ? (grid.rows[best - 1] ?? []) : []
  // The row above is part of the header (a group row) when it holds several texts; a title row
  // is one text, usually merged across the whole width.
  const groupRow = distinctTexts(above) >= 2 && headerScore(above) + distinctTexts(above) >= 2 ? above : []
  const width = Math.max(header.length, ...grid.rows.slice(best + 1, best + 200).map((r) => r.length))

  const columns: LayoutColumn[] = []
  for (let c = 0; c < width; c++) {
    const own = cellText(header[c] ?? null)
    const group = cellText(groupRow[c] ?? null)
    // A header cell left empty under a group label (CSV, or a header merged vertically and saved
    // without the merge): the group label is the column's name.
    const name = own !== '' ? own : group
    const hasData = grid.rows.slice(best + 1).some((r) => !isBlankText(cellText(r[c] ?? null)))
    if (name === '' && !hasData) continue
    columns.push({
      index: c + 1,
      letter: columnLetter(c + 1),
      header: name === '' ? `${columnLetter(c + 1)}列` : name,
      group: group !== '' && group !== name ? group : null,
    })
  }
  // The same header twice (日期 under 来访 and under 办结): told apart by the group, else numbered.
  const counts = new Map<string, number>()
  for (const col of columns) counts.set(col.header, (counts.get(col.header) ?? 0) + 1)
  const seen = new Map<string, number>()
  for (const col of columns) {
    if ((counts.get(col.header) ?? 0) < 2) continue
    const n = (seen.get(col.header) ?? 0) + 1
    seen.set(col.header, n)
    col.header = col.group !== null ? `${col.group}${col.header}` : n === 1 ? col.header : `${col.header}(${n})`
  }

  let titleYear: number | null = null
  for (const row of grid.rows.slice(0, best)) {
    for (const c of row) {
      const m = /((?:19|20)\d{2})\s*年/.exec(toHalfWidth(cellText(c)))
      if (m && titleYear === null) titleYear = Number(m[1])
    }
  }
  return { headerIndex: best, columns, titleYear }
}

/** The guessed field for each column of the layout. */
export function guessLayout(layout: SheetLayout): Map<number, ImportField> {
  const guessed = guessFields(layout.columns.map((c) => c.header))
  const out = new Map<number, ImportField>()
  guessed.forEach((field, position) => {
    const col = layout.columns[position]
    if (col) out.set(col.index, field)
  })
  return out
}
