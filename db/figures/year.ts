import type { Executor } from '../core/context'
import { LedgerError } from '../core/errors'
import type { MonthFigures, YearlySummary } from '../../shared/types'
import { caseFileFigures } from './case-file'
import { figuresByBucket, periodBreakdown } from './period'

// The year as one period and month by month, from the same engine as every period
// (db/figures/period.ts): the months in one set of grouped queries rather than twelve summaries.

export async function yearlySummary(db: Executor, year: string): Promise<YearlySummary> {
  if (!/^\d{4}$/.test(year)) throw new LedgerError('invalid_date', `年份格式应为 YYYY：${year}`)
  const range = { first: `${year}-01-01`, nextFirst: `${Number(year) + 1}-01-01` }
  const byMonth = await figuresByBucket(db, range, 'month')
  const months: MonthFigures[] = [...byMonth].map(([month, figures]) => ({ month, ...figures }))
  const { byCategory, byDepartment: _byDepartment, ...total } = await periodBreakdown(db, range)
  return { year, months, total, byCategory, caseFile: await caseFileFigures(db, range) }
}
