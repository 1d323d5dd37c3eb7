import { WorkCalendar } from '../calendar/working-days'
import type { Executor } from '../core/context'
import type { DueState, IssueStatus } from '../../shared/types'

/** Statuses in which the bureau still owes the visitor something. */
export const OPEN_STATUSES: readonly IssueStatus[] = ['accepted', 'assigned', 'in_progress', 'reopened']

export const DUE_SOON_WORKDAYS = 3

export function isOpenStatus(status: IssueStatus): boolean {
  return OPEN_STATUSES.includes(status)
}

export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  const rows = await db.selectFrom('holiday_overrides').select(['date', 'kind']).execute()
  return new WorkCalendar(rows)
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
