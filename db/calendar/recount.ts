import { nextVersion } from '../core/versions'
import { sql } from 'kysely'
import type { Executor, LedgerContext, Tx } from '../core/context'
import { stamp } from '../core/context'
import { recordHistory } from '../issues/history'
import { OPEN_STATUSES } from '../issues/deadlines'
import type { RecountedDeadline } from '../../shared/types'
import { LAST_OFFICIAL_YEAR, type WorkCalendar } from './working-days'

// A change to the calendar (a day entered or removed, a year's arrangement entered) moves the
// deadline of every open issue whose count it changes: the issue keeps the number of working days
// it was given and is counted again on the new calendar. Resolved, closed, transferred and refused
// issues never change (their deadline was what it was when they left the desk's hands), nor does a
// deadline a person chose: an approved extension, or a date that was not a count of working days
// in the first place (an imported sheet's own date).

const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

function spoken(from: string, to: string): [string, string] {
  if (from.slice(0, 4) === to.slice(0, 4)) return [monthDay(from), monthDay(to)]
  return [`${from.slice(0, 4)}年${monthDay(from)}`, `${to.slice(0, 4)}年${monthDay(to)}`]
}

export async function recountOpenDeadlines(
  trx: Tx,
  ctx: LedgerContext,
  before: WorkCalendar,
  after: WorkCalendar,
  years: readonly number[],
): Promise<RecountedDeadline[]> {
  const open = await trx
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .select(['i.id', 'i.number', 'i.status', 'i.accepted_date', 'i.due_date'])
    .where('i.status', 'in', OPEN_STATUSES)
    .where('v.voided_at', 'is', null)
    // Only working-day counts move: a 信访事项's calendar days, a 转办件's given date and a category
    // counted in calendar days stay where they are.
    .where('i.procedure', '=', 'general')
    .where('c.time_limit_unit', '=', 'workdays')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('extensions as e').select('e.id').whereRef('e.issue_id', '=', 'i.id'))))
    .orderBy('i.id')
    .execute()
  const cause = `因${[...new Set(years)].sort().join('、')}年放假安排调整`
  const moved: RecountedDeadline[] = []
  for (const issue of open) {
    const workdays = before.workdaysBetween(issue.accepted_date, issue.due_date)
    if (workdays < 1 || before.addWorkdays(issue.accepted_date, workdays) !== issue.due_date) continue
    const due = after.addWorkdays(issue.accepted_date, workdays)
    if (due === issue.due_date) continue
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, due_date: due, updated_at: stamp(ctx) })
      .where('id', '=', issue.id)
      .execute()
    const [was, now] = spoken(issue.due_date, due)
    await recordHistory(trx, ctx, issue.id, 'recount_due', issue.status, issue.status, `${cause}，办结时限由${was}改为${now}`, {
      from: issue.due_date,
      to: due,
      workdays,
    })
    moved.push({ issueId: issue.id, number: issue.number, from: issue.due_date, to: due })
  }
  return moved
}

/** Open issues whose deadline counts a day of a provisional year. */
export async function countProvisionalDeadlines(db: Executor, calendar: WorkCalendar): Promise<number> {
  const rows = await db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .select(['i.accepted_date', 'i.due_date'])
    .where('i.status', 'in', OPEN_STATUSES)
    .where('v.voided_at', 'is', null)
    // Kept off the procedure's index (nearly every issue is general): the open issues due past the
    // installed years are a short range of issues_due, read first (38 ms → 0.1 at ten years; the
    // desk asks for this count at every start).
    .where(sql<string>`${sql.ref('i.procedure')} || ''`, '=', 'general')
    .where('c.time_limit_unit', '=', 'workdays')
    // Only years past the installed data can be provisional.
    .where('i.due_date', '>', `${LAST_OFFICIAL_YEAR}-12-31`)
    .execute()
  return rows.filter((r) => calendar.isProvisionalSpan(r.accepted_date, r.due_date)).length
}
