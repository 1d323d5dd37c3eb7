// The working-day calendar: which years are settled, the provisional (暂定) holidays of the
// years that are not, and the deadlines a change of arrangement moved.
import type { ArrangementSource, CalendarYearState } from '../codes/calendar'

export interface CalendarYear {
  year: number
  state: CalendarYearState
  /** The statutory holidays counted while the year is provisional; empty otherwise. */
  provisionalHolidays: { date: string; name: string }[]
  /** When and how the office entered the official arrangement; null until then. */
  entered: { at: string; by: string; source: ArrangementSource; fileName: string | null } | null
}

export interface CalendarStatus {
  today: string
  /** This year and the next. */
  years: CalendarYear[]
  /**
   * From 1 November while next year's arrangement is not entered: the one notice the desk's start
   * page and 设置 → 节假日 show. Null otherwise.
   */
  notice: string | null
  /** Open issues whose deadline counts a provisional day. */
  provisionalDeadlines: number
}

/** One open issue's deadline moved by a new arrangement. */
export interface RecountedDeadline {
  issueId: number
  number: string
  from: string
  to: string
}

export interface ArrangementResult {
  /** Days written to the office calendar. */
  days: number
  /** Years now marked as entered. */
  years: number[]
  recounted: RecountedDeadline[]
}
