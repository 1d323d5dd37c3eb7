import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { OPEN_STATUSES } from '../issues/deadlines'
import { LedgerError } from '../core/errors'
import { callbackCounts, consultationCounts, issueCounts, num, sessionCounts, visitCounts } from './queries'
import { listIssues } from '../issues/queries'
import type { CategoryFigure, MonthlySummary, SessionKind } from '../../shared/types'
import { isYearMonth, monthRange } from '../validation/dates'

/**
 * Definitions, stated once and shown to users in the README and on the 统计 screen:
 * - 受理 (issuesAccepted): issues registered in the month, less those refused (不予受理).
 * - 办结 (issuesResolved): of those, the ones now 办结 or 销号.
 * - 办结率 = 办结 ÷ (受理 − 转办): a transferred issue left the bureau's hands.
 * - 按期办结率 = 办结 on or before the due date in force (after approved extensions) ÷ 办结.
 * - 满意率 = (满意 + 基本满意) ÷ callbacks made in the month.
 * - 结转 (carriedOver): issues registered before the month that were still open on its first day,
 *   read from the history rows, so the figure does not move when they are later resolved.
 * Every figure is "as of now" for statuses; the month only selects which records count.
 * Voided visits (and the issues and callbacks that hang off them) and voided sessions never count.
 */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null
  return Math.round((part / whole) * 1000) / 10
}

/**
 * 结转: issues registered before `first` (a 'YYYY-MM-DD') that were still open on that day, read
 * from the history: the status an issue had is the last history row written before it.
 */
export async function carriedOverIds(db: Executor, first: string): Promise<number[]> {
  const rows = await db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select('i.id')
    .where('v.voided_at', 'is', null)
    .where('i.accepted_date', '<', first)
    // Only an issue open now, or changed since, can have been open then. Every change of status
    // is a history row and no issue's updated_at is older than its last one (migration 0002), so
    // two index ranges (issues_status, issues_updated) narrow ten years to a handful. UNION ALL:
    // a plain UNION makes SQLite walk the table to merge the two in id order.
    .where('i.id', 'in', (eb) =>
      eb
        .selectFrom('issues as c')
        .select('c.id')
        .where('c.status', 'in', OPEN_STATUSES)
        .where('c.accepted_date', '<', first)
        .unionAll(eb.selectFrom('issues as u').select('u.id').where('u.updated_at', '>=', first).where('u.accepted_date', '<', first)),
    )
    .where(
      sql<string>`(select h.to_status from issue_history h where h.issue_id = i.id and h.at < ${first} order by h.at desc, h.id desc limit 1)`,
      'in',
      OPEN_STATUSES,
    )
    .execute()
  return rows.map((r) => r.id)
}

export async function monthlySummary(db: Executor, month: string, today: string): Promise<MonthlySummary> {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
  const { first, nextFirst } = monthRange(month)

  const sessionRows = await sessionCounts(db, first, nextFirst).select('kind').groupBy('kind').execute()
  const sessionsByKind: Record<SessionKind, number> = { enterprise: 0, public: 0, leader: 0, field: 0 }
  for (const r of sessionRows) sessionsByKind[r.kind] = num(r.n)

  const visitRow = await visitCounts(db, first, nextFirst).executeTakeFirstOrThrow()
  const consultationRows = await consultationCounts(db, first, nextFirst).groupBy('m.category_id').execute()
  const issueRows = await issueCounts(db, first, nextFirst).groupBy('i.category_id').execute()
  const callbackRow = await callbackCounts(db, first, nextFirst).executeTakeFirstOrThrow()

  const carried = await carriedOverIds(db, first)

  const overdue = await listIssues(db, { dueState: 'overdue', sort: 'dueDate', order: 'asc', pageSize: 500 }, today)
  const carriedOverIssues = await listIssues(db, { issueIds: carried, sort: 'acceptedDate', order: 'asc', pageSize: 500 }, today)

  const categories = await db.selectFrom('categories').select(['id', 'name', 'sort_order']).orderBy('sort_order').orderBy('id').execute()
  const byCategory: CategoryFigure[] = categories
    .map((c) => {
      const i = issueRows.find((r) => r.category_id === c.id)
      return {
        categoryId: c.id,
        categoryName: c.name,
        consultations: num(consultationRows.find((r) => r.category_id === c.id)?.n),
        issuesAccepted: i ? num(i.registered) - num(i.rejected) : 0,
        issuesResolved: i ? num(i.resolved) : 0,
      }
    })
    .filter((c) => c.consultations > 0 || c.issuesAccepted > 0 || c.issuesResolved > 0)

  const sum = (key: 'registered' | 'rejected' | 'transferred' | 'resolved' | 'on_time' | 'closed' | 'open') =>
    issueRows.reduce((acc, r) => acc + num(r[key]), 0)
  const registered = sum('registered')
  const rejected = sum('rejected')
  const transferred = sum('transferred')
  const accepted = registered - rejected
  const resolved = sum('resolved')
  const onTime = sum('on_time')
  const satisfied = num(callbackRow.satisfied)
  const basically = num(callbackRow.basically)
  const callbacks = num(callbackRow.n)
  const personTimes = num(visitRow.person_times)
  const residentTimes = num(visitRow.resident_times)

  // Visits of this month only count in the overdue list when the issue was registered by then.
  const overdueRows = overdue.rows.filter((r) => r.acceptedDate < nextFirst)
  return {
    month,
    sessions: Object.values(sessionsByKind).reduce((a, b) => a + b, 0),
    sessionsByKind,
    visits: num(visitRow.visits),
    enterprises: num(visitRow.enterprises),
    residentPersonTimes: residentTimes,
    enterprisePersonTimes: personTimes - residentTimes,
    personTimes,
    consultations: consultationRows.reduce((acc, r) => acc + num(r.n), 0),
    issuesRegistered: registered,
    issuesAccepted: accepted,
    issuesResolved: resolved,
    issuesResolvedOnTime: onTime,
    issuesClosed: sum('closed'),
    issuesTransferred: transferred,
    issuesRejected: rejected,
    issuesOpen: sum('open'),
    resolutionRate: percent(resolved, accepted - transferred),
    onTimeRate: percent(onTime, resolved),
    callbacks,
    satisfied,
    basicallySatisfied: basically,
    unsatisfied: num(callbackRow.unsatisfied),
    satisfactionRate: percent(satisfied + basically, callbacks),
    carriedOver: carried.length,
    overdue: overdueRows,
    carriedOverIssues: carriedOverIssues.rows,
    byCategory,
  }
}
