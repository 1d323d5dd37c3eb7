import type { ImportField, ImportFieldInfo, ImportMapping } from '../../../../electron/contract/types'

/** The guessed mapping as field → column number, over the fields main listed. */
export function mappedColumns(mapping: ImportMapping, fields: readonly ImportFieldInfo[]): Map<ImportField, number> {
  const out = new Map<ImportField, number>()
  for (const { field } of fields) {
    const column = mapping[field]
    if (typeof column === 'number') out.set(field, column)
  }
  return out
}

export function toMapping(columns: ReadonlyMap<ImportField, number>): ImportMapping {
  const mapping: ImportMapping = {}
  for (const [field, column] of columns) mapping[field] = column
  return mapping
}
