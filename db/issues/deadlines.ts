import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { WorkCalendar } from '../calendar/working-days'
import type { Executor } from '../core/context'
import { DUE_SOON_WORKDAYS } from '../../shared/limits'
import { isOpenStatus } from '../../shared/lifecycle'
import type { DueState, IssueStatus } from '../../shared/types'
import type { HolidayOverridesTable } from '../core/schema'

export { isOpenStatus, OPEN_STATUSES } from '../../shared/lifecycle'

/** The office's calendar: its entries and the years whose official arrangement it has entered. */
// The calendar is made from the office's rows each time, and the same rows give the same
// calendar: one kept for them keeps the days it has counted, which every list and figure reuses.
let lastCalendar: { key: string; calendar: WorkCalendar } | null = null

export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  // One statement for both tables: under the server's write lock every round trip is one the other desks wait.
  const rows = await db
    .selectFrom('holiday_overrides')
    .select((eb) => [
      eb.ref('date').$castTo<string | null>().as('date'),
      eb.ref('kind').$castTo<HolidayOverridesTable['kind'] | null>().as('kind'),
      sql<number | null>`null`.as('year'),
    ])
    .unionAll(db.selectFrom('calendar_years').select([sql<string | null>`null`.as('date'), sql<null>`null`.as('kind'), 'year']))
    .execute()
  return calendarOf({
    overrides: rows.flatMap((r) => (r.date !== null && r.kind !== null ? [{ date: r.date, kind: r.kind }] : [])),
    years: rows.flatMap((r) => (r.year !== null ? [{ year: r.year }] : [])),
  })
}

/** The calendar's rows as one row, each table a JSON array: a read under a server's write lock (db/core/write-lock.ts). */
export function calendarReadOnServer(db: Executor) {
  return db.selectNoFrom((eb) => [
    jsonArrayFrom(eb.selectFrom('holiday_overrides').select(['date', 'kind'])).as('overrides'),
    jsonArrayFrom(eb.selectFrom('calendar_years').select('year')).as('years'),
  ])
}

/** The calendar the office's rows make, in any order. */
export function calendarOf(rows: {
  overrides: readonly Pick<HolidayOverridesTable, 'date' | 'kind'>[]
  years: readonly { year: number }[]
}): WorkCalendar {
  const overrides = [...rows.overrides].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const entered = rows.years.map((r) => r.year).sort((a, b) => a - b)
  const key = JSON.stringify([overrides.map((o) => ({ date: o.date, kind: o.kind })), entered])
  if (lastCalendar?.key !== key) lastCalendar = { key, calendar: new WorkCalendar(overrides, entered) }
  return lastCalendar.calendar
}

/** The last date that still counts as "due soon" seen from `today`. */
export function dueSoonUntil(calendar: WorkCalendar, today: string): string {
  return calendar.addWorkdays(today, DUE_SOON_WORKDAYS)
}

// Derived on every read: a stored flag would go stale at midnight.
export function dueState(status: IssueStatus, dueDate: string, today: string, soonUntil: string): DueState {
  if (!isOpenStatus(status)) return 'done'
  if (dueDate < today) return 'overdue'
  if (dueDate <= soonUntil) return 'due_soon'
  return 'on_time'
}
