import type { ImportField } from '../../shared/types'
import { toHalfWidth } from '../validation/text'
import { guessLayout, isBlankRow, type LayoutColumn, type SheetLayout } from './layout'
import type { Grid } from './read'
import { RowReader } from './row-reader'

// Linked sheets: this app's own export (问题台账, 回访 keyed by 问题编号).

export interface LinkedSheets {
  /** Sheet names, for the report. */
  names: string[]
  issues: Map<string, RowReader>
  callbacks: Map<string, RowReader[]>
}

export function numberKey(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').toUpperCase()
}

export function emptyLinks(): LinkedSheets {
  return { names: [], issues: new Map(), callbacks: new Map() }
}

/** Sheets other than the one imported whose rows add issue details or callbacks by 问题编号. */
export function linkedSheets(grids: readonly { grid: Grid; layout: SheetLayout | null }[], mainSheet: string): LinkedSheets {
  const links = emptyLinks()
  for (const { grid, layout } of grids) {
    if (grid.name === mainSheet || layout === null) continue
    const guessed = guessLayout(layout)
    const columns = new Map<ImportField, LayoutColumn>()
    for (const [index, field] of guessed) {
      const col = layout.columns.find((c) => c.index === index)
      if (col) columns.set(field, col)
    }
    if (!columns.has('issueNumber')) continue
    const isCallbacks = columns.has('callbackDate') && columns.has('callback')
    const isIssues = !isCallbacks && columns.has('status')
    if (!isCallbacks && !isIssues) continue
    links.names.push(grid.name)
    grid.rows.forEach((row, i) => {
      if (i <= layout.headerIndex || isBlankRow(row)) return
      const reader = new RowReader(row, i + 1, columns)
      const number = reader.text('issueNumber')
      if (number === null) return
      const key = numberKey(number)
      if (isIssues) links.issues.set(key, reader)
      else links.callbacks.set(key, [...(links.callbacks.get(key) ?? []), reader])
    })
  }
  return links
}
