import type { Executor } from '../../db/core/context'
import { firstRecordDate } from '../../db/figures/queries'
import { monthlyReport, periodReport } from '../../db/figures/report'
import { isIsoDate, isYearMonth } from '../../db/validation/dates'
import type { PeriodReport } from '../../shared/types'

// `npm run ledger -- summary`: a month (--month, the report as the app gives it, closed months as
// sent), or any period (--from … --to …, both days included; --from start for 建账以来, no --to
// for up to today).

export interface SummaryArgs {
  month: string | undefined
  from: string | undefined
  to: string | undefined
}

export type SummaryPlan = { month: string } | { from: string | 'start'; to: string | undefined }

/** Checks the arguments before the ledger is opened; `usage` builds the error that prints the usage text. */
export function planSummary(args: SummaryArgs, usage: (message: string) => Error): SummaryPlan {
  if (args.month !== undefined && (args.from !== undefined || args.to !== undefined)) throw usage('--month 与 --from/--to 只能选一种')
  if (args.month !== undefined) {
    if (!isYearMonth(args.month)) throw usage(`月份格式应为 YYYY-MM：${args.month}`)
    return { month: args.month }
  }
  if (args.from === undefined) throw usage('请用 --month YYYY-MM，或 --from YYYY-MM-DD --to YYYY-MM-DD 指定期间')
  if (args.from !== 'start' && !isIsoDate(args.from)) throw usage(`开始日期格式应为 YYYY-MM-DD（或 start 表示建账以来）：${args.from}`)
  if (args.to !== undefined && !isIsoDate(args.to)) throw usage(`结束日期格式应为 YYYY-MM-DD：${args.to}`)
  return { from: args.from, to: args.to }
}

export async function runSummary(db: Executor, plan: SummaryPlan, today: string): Promise<PeriodReport> {
  if ('month' in plan) return monthlyReport(db, plan.month, today)
  const from = plan.from === 'start' ? ((await firstRecordDate(db)) ?? today) : plan.from
  return periodReport(db, from, plan.to ?? today, today)
}
