import officialDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { LedgerError } from '../core/errors'
import { toDayNumber, toIsoDate, weekdayOf, yearOf } from './days'
import { statutoryHolidays } from './statutory'

// We read chinese-days' published JSON instead of calling its isWorkday(): the functions build
// their table by parsing 'YYYY-M-D' as UTC and formatting it in local time, so on any machine
// west of UTC every holiday moves a day earlier (isWorkday('2026-03-02'), a plain Monday, is
// false in America/Los_Angeles). The JSON is plain date strings and cannot drift.
type OfficialDays = { holidays: Record<string, string>; workdays: Record<string, string> }
const official: OfficialDays = officialDays

const officialYears = new Set(Object.keys(official.holidays).map((d) => Number(d.slice(0, 4))))

/** The last year the installed chinese-days holds the State Council's arrangement for. */
export const LAST_OFFICIAL_YEAR = Math.max(...officialYears)

export type DayOverride = { date: string; kind: 'holiday' | 'workday' }

export class WorkCalendar {
  private readonly overrides = new Map<string, boolean>()
  private readonly settled: ReadonlySet<number>
  private readonly cache = new Map<number, boolean>()
  private readonly provisionalHolidays = new Map<number, ReadonlySet<string>>()

  /**
   * Overrides are the office's word (a local closure, a notice newer than the installed
   * chinese-days) and beat the official data. A later entry for the same date wins.
   * `enteredYears` are the years whose official arrangement the office has entered in full: from
   * then on their days are what the office typed, weekends and nothing else.
   */
  constructor(overrides: readonly DayOverride[], enteredYears: readonly number[] = []) {
    for (const o of overrides) {
      toDayNumber(o.date)
      this.overrides.set(o.date, o.kind === 'workday')
    }
    this.settled = new Set(enteredYears)
  }

  hasOfficialData(year: number): boolean {
    return officialYears.has(year)
  }

  /**
   * A year past the installed data whose arrangement nobody has entered: its days are counted on
   * the statutory holidays alone and every deadline that reaches into it is 暂定. Years before
   * the data (old imported records) are long settled and stay plain weekdays.
   */
  isProvisionalYear(year: number): boolean {
    return year > LAST_OFFICIAL_YEAR && !this.settled.has(year) && !officialYears.has(year)
  }

  /** Whether counting from `from` to `to` (the days after from, up to and including to) touches a provisional year. */
  isProvisionalSpan(from: string, to: string): boolean {
    const last = yearOf(to)
    for (let year = yearOf(toIsoDate(toDayNumber(from) + 1)); year <= last; year++) if (this.isProvisionalYear(year)) return true
    return false
  }

  /** The statutory holidays counted for a provisional year (empty for any other). */
  provisionalDays(year: number): readonly { date: string; name: string }[] {
    return this.isProvisionalYear(year) ? statutoryHolidays(year) : []
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
    const first = toDayNumber(from) + 1
    const last = toDayNumber(to)
    if (last < first) return 0
    this.countThrough(first, last + 1)
    return (this.counted[last + 1 - this.countedFrom] ?? 0) - (this.counted[first - this.countedFrom] ?? 0)
  }

  // A running count of working days, kept: counted[i] is the number of working days from
  // countedFrom up to (not including) countedFrom + i. The ledger's lists ask how late hundreds of
  // issues are, some by years, and counting each day of each span again took tens of
  // milliseconds. The calendar never changes once made (a new holiday makes a new calendar).
  private countedFrom = 0
  private readonly counted: number[] = []

  /** Makes the running count reach from `lo` to `hi`, both included, counting afresh when it must grow. */
  private countThrough(lo: number, hi: number): void {
    const end = this.countedFrom + this.counted.length - 1
    if (this.counted.length > 0 && lo >= this.countedFrom && hi <= end) return
    const from = this.counted.length === 0 ? lo : Math.min(lo, this.countedFrom)
    const to = this.counted.length === 0 ? hi : Math.max(hi, end)
    this.counted.length = 0
    this.countedFrom = from
    let running = 0
    for (let d = from; d <= to; d++) {
      this.counted.push(running)
      if (this.isWorkdayNumber(d)) running += 1
    }
  }

  private isWorkdayNumber(day: number): boolean {
    const cached = this.cache.get(day)
    if (cached !== undefined) return cached
    const date = toIsoDate(day)
    const result = this.overrides.get(date) ?? this.officialWorkday(date, day)
    this.cache.set(day, result)
    return result
  }

  // For a year chinese-days has no data for (2027 on, in 1.5.7) the make-up days are unknown:
  // a day is a working day iff it is Monday to Friday and, while the year is provisional, not a
  // statutory holiday.
  private officialWorkday(date: string, day: number): boolean {
    if (Object.hasOwn(official.workdays, date)) return true
    if (Object.hasOwn(official.holidays, date)) return false
    if (this.isProvisionalHoliday(date)) return false
    const weekday = weekdayOf(day)
    return weekday >= 1 && weekday <= 5
  }

  private isProvisionalHoliday(date: string): boolean {
    const year = yearOf(date)
    if (!this.isProvisionalYear(year)) return false
    let days = this.provisionalHolidays.get(year)
    if (!days) {
      days = new Set(statutoryHolidays(year).map((d) => d.date))
      this.provisionalHolidays.set(year, days)
    }
    return days.has(date)
  }
}
