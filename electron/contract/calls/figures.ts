import { z } from 'zod'
import type { MonthlyReport, MonthlySummary, PeriodReport, YearlySummary } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { isoDate, noInput, text, yearMonth } from './common'

export const summaryMonthInput = z.object({ month: yearMonth }).strict()

export const summaryYearInput = z.object({ year: z.string().regex(/^\d{4}$/, '年份格式应为 YYYY') }).strict()

/** Any period, both days included: a month, a quarter, a year, a range, since the first record. */
export const summaryPeriodInput = z.object({ from: isoDate, to: isoDate }).strict()

export const monthCloseInput = z.object({ month: yearMonth, sentence: text(2000).optional() }).strict()

export const monthReopenInput = z.object({ month: yearMonth, reason: text(500) }).strict()

export const figuresCalls = {
  'summary-month': call(summaryMonthInput).returns<MonthlySummary>(),
  'summary-year': call(summaryYearInput).returns<YearlySummary>(),
  // The period's figures, breakdowns and lists, with the report sentence for it.
  'summary-period': call(summaryPeriodInput).returns<PeriodReport>(),
  // The first day the ledger holds anything, for the picker's 建账以来.
  'summary-first-record': call(noInput).returns<{ date: string | null }>(),
  // A closed month answers the report as it was sent, with what changed since (调整).
  'report-month': call(summaryMonthInput).returns<MonthlyReport>(),
  // 月结 by a supervisor, with the sentence as it was sent; reopening needs a reason. Both audited.
  'month-close': call(monthCloseInput).returns<MonthlyReport>(),
  'month-reopen': call(monthReopenInput).returns<MonthlyReport>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
