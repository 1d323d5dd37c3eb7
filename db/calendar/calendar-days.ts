import type { LimitUnit } from '../../shared/codes/petitions'
import { LedgerError } from '../core/errors'
import type { WorkCalendar } from './working-days'

// Calendar days, as the 信访 statute counts them: every day counts, holidays included, and the
// start day itself does not (registered on the 25th, 15 days → the 10th of next month).

const MS_PER_DAY = 86_400_000

function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / MS_PER_DAY
  }
  throw new LedgerError('invalid_date', `不是有效日期：${date}`)
}

/** The date `n` calendar days after `start`. */
export function addCalendarDays(start: string, n: number): string {
  if (!Number.isInteger(n)) throw new LedgerError('invalid_input', `天数应为整数：${n}`)
  return new Date((dayNumber(start) + n) * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Calendar days from `from` to `to`: addCalendarDays(from, daysBetween(from, to)) === to. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/** A category's deadline: its limit after `start`, in working days or calendar days as the category says. */
export function dueAfter(calendar: WorkCalendar, start: string, days: number, unit: LimitUnit): string {
  return unit === 'calendar' ? addCalendarDays(start, days) : calendar.addWorkdays(start, days)
}
