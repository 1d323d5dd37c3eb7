import { z } from 'zod'
import type { MonthlyReport, MonthlySummary, YearlySummary } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { yearMonth } from './common'

export const summaryMonthInput = z.object({ month: yearMonth }).strict()

export const summaryYearInput = z.object({ year: z.string().regex(/^\d{4}$/, '年份格式应为 YYYY') }).strict()

export const figuresCalls = {
  'summary-month': call(summaryMonthInput).returns<MonthlySummary>(),
  'summary-year': call(summaryYearInput).returns<YearlySummary>(),
  'report-month': call(summaryMonthInput).returns<MonthlyReport>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
