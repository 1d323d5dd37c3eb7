import path from 'node:path'
import { today, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { sessionKind } from '../../shared/codes/sessions'
import type { ImportField, ImportMapping, ImportOptions, ImportRowProblem, ImportWarning, SessionKind } from '../../shared/types'
import { defaultSheetOf, describeSheets, layOut } from './inspect'
import type { LayoutColumn, SheetLayout } from './layout'
import { linkedSheets, numberKey, type LinkedSheets } from './linked-sheets'
import { readWorkbook, type Grid } from './read'
import { buildRecords, type ImportRecord } from './records'
import { resolveMapping } from './row-reader'

// Everything the import needs that does not depend on the ledger's contents, read once so the dry run
// and the import work from the same records and warnings.

export interface ImportRequest {
  file: string
  mapping: ImportMapping
  options?: ImportOptions | undefined
  /** Called after each row with the rows done so far; throwing from it cancels the import. */
  onProgress?: ((progress: { done: number; total: number }) => void) | undefined
}

export class Warnings {
  private readonly byMessage = new Map<string, Set<number>>()
  add(message: string, row: number | null): void {
    const rows = this.byMessage.get(message) ?? new Set<number>()
    if (row !== null) rows.add(row)
    this.byMessage.set(message, rows)
  }
  list(): ImportWarning[] {
    return [...this.byMessage].map(([message, rows]) => ({ message, rows: [...rows].sort((a, b) => a - b) }))
  }
}

export interface Prepared {
  fileName: string
  grid: Grid
  layout: SheetLayout
  columns: Map<ImportField, LayoutColumn>
  links: LinkedSheets
  records: ImportRecord[]
  unreadable: ImportRowProblem[]
  blankRows: number
  totalRows: number
  defaultKind: SessionKind
  location: string | null
  warnings: Warnings
}

export async function prepare(ctx: LedgerContext, req: ImportRequest): Promise<Prepared> {
  const workbook = await readWorkbook(req.file)
  const all = layOut(workbook)
  let sheetName = req.options?.sheet
  if (sheetName === undefined) sheetName = defaultSheetOf(describeSheets(all))
  const chosen = all.find((l) => l.grid.name === sheetName)
  if (!chosen) throw new LedgerError('import_sheet', `工作表“${sheetName}”不存在`)
  if (chosen.layout === null) {
    throw new LedgerError(
      'import_header',
      `工作表“${chosen.grid.name}”中找不到表头行（如“来访日期”“来访人”“反映问题”），请确认选对了工作表`,
    )
  }
  const layout = chosen.layout
  const columns = resolveMapping(layout, req.mapping)
  const links = linkedSheets(all, chosen.grid.name)
  const warnings = new Warnings()
  const built = buildRecords(chosen.grid, layout, columns, {
    today: today(ctx),
    titleYear: layout.titleYear,
    links,
    warn: (m, r) => warnings.add(m, r),
  })
  if (links.names.length > 0) warnings.add(`已按问题编号从工作表“${links.names.join('”“')}”补充办理情况和回访记录`, null)
  // Issues taken by phone or letter have no visit in 来访登记: they are not in the imported sheet.
  const referenced = new Set(
    built.records.flatMap((r) => r.matters.map((m) => (m.issue?.originalNumber ? numberKey(m.issue.originalNumber) : ''))),
  )
  const unreferenced = [...links.issues.keys()].filter((n) => !referenced.has(n))
  if (unreferenced.length > 0 && links.issues.size > 0) {
    const shown = unreferenced.slice(0, 5).join('、')
    warnings.add(
      `问题台账中有 ${unreferenced.length} 个问题在本表中没有对应的来访（如电话、来信受理的问题，或本表无法读取的行），未导入：${shown}${unreferenced.length > 5 ? ' 等' : ''}`,
      null,
    )
  }

  let defaultKind = req.options?.defaultKind
  if (defaultKind === undefined) {
    const withOrganization = built.records.filter((r) => r.organization !== null).length
    defaultKind = withOrganization * 2 >= built.records.length ? 'enterprise' : 'public'
  }
  const unlabelled = built.records.filter((r) => r.kind === null)
  if (unlabelled.length > 0) {
    warnings.add(`表格未注明接待类型的行按“${sessionKind.labels[defaultKind]}”导入`, null)
  }
  const location = req.options?.location?.trim() || null
  return { fileName: path.basename(req.file), grid: chosen.grid, layout, columns, links, ...built, defaultKind, location, warnings }
}
