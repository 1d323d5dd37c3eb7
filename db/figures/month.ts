import type { Executor } from '../core/context'
import { LedgerError } from '../core/errors'
import type { MonthlySummary } from '../../shared/types'
import { isYearMonth, monthRange } from '../validation/dates'
import { periodSummary } from './period'

// A month is a period like any other (db/figures/period.ts states every definition).
export { carriedOverIds, percent } from './period'

export async function monthlySummary(db: Executor, month: string, today: string): Promise<MonthlySummary> {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
  const { first, last } = monthRange(month)
  return { month, ...(await periodSummary(db, first, last, today)) }
}
