import path from 'node:path'
import { LedgerError } from '../core/errors'
import type { ImportInspection, ImportMapping, ImportSheetInfo } from '../../shared/types'
import { fieldInfo } from './fields'
import { findLayout, guessLayout, isBlankRow, isTotalRow, type SheetLayout } from './layout'
import { linkedSheets } from './linked-sheets'
import { readWorkbook, type Grid, type Workbook } from './read'
import { splitExportMatters } from './records'
import { cellText } from './values'

// What the mapping screen shows first: the sheets, where each one's header is, its columns, a
// guess of which column is which ledger field, and a few rows to look at.

const SAMPLE_ROWS = 5

export interface LaidOut {
  grid: Grid
  layout: SheetLayout | null
}

export function layOut(workbook: Workbook): LaidOut[] {
  return workbook.grids.map((grid) => ({ grid, layout: findLayout(grid) }))
}

function guessedMapping(layout: SheetLayout): ImportMapping {
  const mapping: ImportMapping = {}
  for (const [index, field] of guessLayout(layout)) mapping[field] = index
  return mapping
}

function dataRows(grid: Grid, layout: SheetLayout): Grid['rows'] {
  return grid.rows.slice(layout.headerIndex + 1).filter((r) => !isBlankRow(r) && !isTotalRow(r))
}

/** True when the sheet's content column is this app's own export (one matter a line, with 问题编号). */
function carriesIssueNumbers(grid: Grid, layout: SheetLayout, mapping: ImportMapping): boolean {
  if (mapping.issueNumber !== undefined) return true
  const content = mapping.content
  if (typeof content !== 'number') return false
  return dataRows(grid, layout)
    .slice(0, 20)
    .some((r) => (splitExportMatters(cellText(r[content - 1] ?? null)) ?? []).some((p) => p.number !== null))
}

function sheetInfo(all: readonly LaidOut[], { grid, layout }: LaidOut): ImportSheetInfo {
  if (layout === null) {
    return {
      name: grid.name,
      headerRow: null,
      dataRows: grid.rows.filter((r) => !isBlankRow(r)).length,
      columns: [],
      mapping: {},
      samples: [],
      linked: [],
      titleYear: null,
    }
  }
  const mapping = guessedMapping(layout)
  const guessed = guessLayout(layout)
  const rows = dataRows(grid, layout)
  return {
    name: grid.name,
    headerRow: layout.headerIndex + 1,
    dataRows: rows.length,
    columns: layout.columns.map((c) => ({ ...c, field: guessed.get(c.index) ?? null })),
    mapping,
    samples: rows.slice(0, SAMPLE_ROWS).map((r) => layout.columns.map((c) => cellText(r[c.index - 1] ?? null))),
    linked: carriesIssueNumbers(grid, layout, mapping) ? linkedSheets(all, grid.name).names : [],
    titleYear: layout.titleYear,
  }
}

/**
 * The sheet that looks most like a ledger: most fields recognised, and a sheet that other sheets
 * add to first (this app's export: 来访登记, which 问题台账 and 回访 complete).
 */
export function defaultSheetOf(sheets: readonly ImportSheetInfo[]): string {
  let best: ImportSheetInfo | undefined
  let bestScore = -1
  for (const s of sheets) {
    const score = Object.keys(s.mapping).length + 20 * s.linked.length + (s.headerRow === null ? -100 : 0)
    if (score > bestScore) {
      best = s
      bestScore = score
    }
  }
  return best?.name ?? ''
}

export function describeSheets(all: readonly LaidOut[]): ImportSheetInfo[] {
  return all.map((laid) => sheetInfo(all, laid))
}

export async function inspectImportFile(file: string): Promise<ImportInspection> {
  const workbook = await readWorkbook(file)
  const sheets = describeSheets(layOut(workbook))
  if (sheets.length === 0) throw new LedgerError('import_empty', `${path.basename(file)} 中没有可读取的工作表`)
  return {
    file,
    fileName: path.basename(file),
    format: workbook.format,
    encoding: workbook.encoding,
    sheets,
    defaultSheet: defaultSheetOf(sheets),
    fields: fieldInfo(),
  }
}
