import { z } from 'zod'
import type { ExportProgress, ExportResult } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { isoDate, noInput, yearMonth, text, year } from './common'

// unmasked: phones and ID numbers in full, supervisor only, with a reason (checked in db/export).
export const exportMonthInput = z.object({ month: yearMonth, unmasked: z.boolean().optional(), reason: text(200).optional() }).strict()

export const exportYearInput = z.object({ year }).strict()

export const exportPeriodInput = z.object({ from: isoDate, to: isoDate }).strict()

export const exportIssuesCsvInput = z
  .object({ month: yearMonth.optional(), year: year.optional() })
  .strict()
  .refine((v) => (v.month === undefined) !== (v.year === undefined), '请选择导出的月份或年份（二选一）')

export const exportCalls = {
  // Excel / CSV files: main asks where to save; null when the user cancels the dialog.
  'export-month': call(exportMonthInput).returns<ExportResult | null>(),
  'export-year': call(exportYearInput).returns<ExportResult | null>(),
  // Any period (a quarter, a range, 建账以来), masked; its progress through export-progress like the year's.
  'export-period': call(exportPeriodInput).returns<ExportResult | null>(),
  'export-issues-csv': call(exportIssuesCsvInput).returns<ExportResult | null>(),
  'export-progress': call(noInput).returns<ExportProgress>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
