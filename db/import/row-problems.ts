import { LedgerError } from '../core/errors'
import type { ImportField, ImportRowProblem } from '../../shared/types'
import { fieldLabel } from './fields'
import type { LinkedSheets } from './linked-sheets'
import type { RowReader } from './row-reader'
import { readDate, type DateTime } from './values'

// Reading a row's values the desk's way: what cannot be read becomes a problem of that row, so the
// report can name every reason at once instead of stopping at the first.

/** A remark for the report: the same message for many rows is shown once with the rows. */
export type Warn = (message: string, row: number | null) => void

export interface BuildOptions {
  today: string
  titleYear: number | null
  links: LinkedSheets
  warn: Warn
}

export class RowProblems {
  readonly list: ImportRowProblem[] = []
  constructor(private readonly rowNumber: number) {}
  add(column: string | null, message: string): void {
    this.list.push({ row: this.rowNumber, column, message })
  }
}

export function dateOf(reader: RowReader, field: ImportField, problems: RowProblems, o: BuildOptions): DateTime | null {
  const r = readDate(reader.cell(field), o.titleYear)
  if (r === null) return null
  if ('error' in r) {
    problems.add(reader.column(field), r.error)
    return null
  }
  if (r.value.date > o.today) {
    problems.add(reader.column(field), `日期晚于今天：${r.value.date}`)
    return null
  }
  if (r.value.date < '1990-01-01') {
    problems.add(reader.column(field), `日期早于 1990 年，请核对：${r.value.date}`)
    return null
  }
  return r.value
}

/** Runs a validator from db/ (the desk's own rules) and turns its refusal into a row problem. */
export function checked<T>(problems: RowProblems, column: string | null, work: () => T): T | null {
  try {
    return work()
  } catch (e) {
    if (e instanceof LedgerError) {
      problems.add(column, e.message)
      return null
    }
    throw e
  }
}

export function tooLong(problems: RowProblems, reader: RowReader, field: ImportField, max: number): void {
  const text = reader.text(field)
  if (text !== null && [...text].length > max) problems.add(reader.column(field), `${fieldLabel(field)}超过 ${max} 个字`)
}
