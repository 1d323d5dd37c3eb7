import officialDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { LedgerError } from '../core/errors'

// We read chinese-days' published JSON instead of calling its isWorkday(): the functions build
// their table by parsing 'YYYY-M-D' as UTC and formatting it in local time, so on any machine
// west of UTC every holiday moves a day earlier (isWorkday('2026-03-02'), a plain Monday, is
// false in America/Los_Angeles). The JSON is plain date strings and cannot drift.
type OfficialDays = { holidays: Record<string, string>; workdays: Record<string, string> }
const official: OfficialDays = officialDays

const officialYears = new Set(Object.keys(official.holidays).map((d) => Number(d.slice(0, 4))))

export type DayOverride = { date: string; kind: 'holiday' | 'workday' }

const MS_PER_DAY = 86_400_000

// Dates are handled as whole days since 1970-01-01 in UTC arithmetic, which has no local-time
// or daylight-saving shifts, and makes "the next day" a plain +1 in the hot loops.
function toDayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / MS_PER_DAY
  }
  throw new LedgerError('invalid_date', `不是有效日期：${date}`)
}

function toIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export class WorkCalendar {
  private readonly overrides = new Map<string, boolean>()
  private readonly cache = new Map<number, boolean>()

  // Overrides are the office's word (a local closure, a notice newer than the installed
  // chinese-days) and beat the official data. A later entry for the same date wins.
  constructor(overrides: readonly DayOverride[]) {
    for (const o of overrides) {
      toDayNumber(o.date)
      this.overrides.set(o.date, o.kind === 'workday')
    }
  }

  hasOfficialData(year: number): boolean {
    return officialYears.has(year)
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayNumber(toDayNumber(date))
  }

  // The n-th working day after start; start itself never counts, even when it is a working day.
  addWorkdays(start: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) {
      throw new LedgerError('invalid_workdays', `工作日天数应为正整数：${n}`)
    }
    let day = toDayNumber(start)
    for (let left = n; left > 0;) {
      day += 1
      if (this.isWorkdayNumber(day)) left -= 1
    }
    return toIsoDate(day)
  }

  // Working days in (from, to]: the same counting as addWorkdays, so
  // workdaysBetween(d, addWorkdays(d, n)) === n.
  workdaysBetween(from: string, to: string): number {
    const last = toDayNumber(to)
    let count = 0
    for (let day = toDayNumber(from) + 1; day <= last; day++) {
      if (this.isWorkdayNumber(day)) count += 1
    }
    return count
  }

  private isWorkdayNumber(day: number): boolean {
    const cached = this.cache.get(day)
    if (cached !== undefined) return cached
    const date = toIsoDate(day)
    const result = this.overrides.get(date) ?? this.officialWorkday(date, day)
    this.cache.set(day, result)
    return result
  }

  // For years chinese-days has no data for (2027 on, in 1.5.7) nothing is known about holidays
  // or make-up days, so without an override a day is a working day iff it is Monday to Friday.
  private officialWorkday(date: string, day: number): boolean {
    if (Object.hasOwn(official.workdays, date)) return true
    if (Object.hasOwn(official.holidays, date)) return false
    const weekday = new Date(day * MS_PER_DAY).getUTCDay()
    return weekday >= 1 && weekday <= 5
  }
}
