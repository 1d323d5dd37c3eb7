import { LedgerError } from '../core/errors'
import type { ImportField, ImportMapping } from '../../shared/types'
import { fieldLabel, FIELD_DEFS, isImportField, normalizeHeader } from './fields'
import type { LayoutColumn, SheetLayout } from './layout'
import type { RawCell } from './read'
import { textOf } from './values'

/** Reads fields from one row by a mapping; names columns in messages the way Excel shows them. */
export class RowReader {
  constructor(
    readonly row: readonly RawCell[],
    readonly rowNumber: number,
    private readonly columns: ReadonlyMap<ImportField, LayoutColumn>,
  ) {}
  has(field: ImportField): boolean {
    return this.columns.has(field)
  }
  cell(field: ImportField): RawCell {
    const col = this.columns.get(field)
    return col ? (this.row[col.index - 1] ?? null) : null
  }
  text(field: ImportField): string | null {
    return textOf(this.cell(field))
  }
  column(field: ImportField): string {
    const col = this.columns.get(field)
    return col ? `${col.letter} ${col.header}` : fieldLabel(field)
  }
}

/** The mapping as columns of the layout; refuses a column that is not there and a missing required field. */
export function resolveMapping(layout: SheetLayout, mapping: ImportMapping): Map<ImportField, LayoutColumn> {
  const out = new Map<ImportField, LayoutColumn>()
  for (const [key, ref] of Object.entries(mapping)) {
    if (!isImportField(key)) throw new LedgerError('import_mapping', `映射中有未知的字段：${key}`)
    if (ref === undefined || ref === null || ref === '') continue
    let col: LayoutColumn | undefined
    if (typeof ref === 'number') col = layout.columns.find((c) => c.index === ref)
    else {
      const wanted = ref.trim()
      col =
        layout.columns.find((c) => c.header === wanted) ??
        layout.columns.find((c) => normalizeHeader(c.header) === normalizeHeader(wanted)) ??
        (/^[A-Za-z]{1,3}$/.test(wanted) ? layout.columns.find((c) => c.letter === wanted.toUpperCase()) : undefined)
    }
    if (!col) throw new LedgerError('import_mapping', `“${fieldLabel(key)}”对应的列“${String(ref)}”在工作表中找不到，请重新选择`)
    out.set(key, col)
  }
  const missing = FIELD_DEFS.filter((d) => d.required && !out.has(d.field)).map((d) => `“${d.label}”`)
  if (missing.length > 0) throw new LedgerError('import_mapping', `请为${missing.join('、')}指定表格中的列`)
  return out
}

export function mappingByNumber(columns: ReadonlyMap<ImportField, LayoutColumn>): ImportMapping {
  const out: ImportMapping = {}
  for (const [field, col] of columns) out[field] = col.index
  return out
}
