// Figures: a month's summary with its lists, and the year month by month.
import type { IssueListItem } from './issues'
import type { SessionKind } from './sessions'

export interface CategoryFigure {
  categoryId: number
  categoryName: string
  consultations: number
  issuesAccepted: number
  issuesResolved: number
}

/** A month's figures and the lists behind them (db/figures.ts states every definition). */
export interface MonthlySummary extends MonthFigures {
  sessionsByKind: Record<SessionKind, number>
  overdue: IssueListItem[]
  carriedOverIssues: IssueListItem[]
  byCategory: CategoryFigure[]
}

/** One month's figures inside a year, defined exactly as in MonthlySummary (without its lists). */
export interface MonthFigures {
  month: string
  /** Reception days held (opened), not merely planned. */
  sessions: number
  visits: number
  enterprises: number
  residentPersonTimes: number
  enterprisePersonTimes: number
  personTimes: number
  consultations: number
  issuesRegistered: number
  issuesAccepted: number
  issuesResolved: number
  issuesResolvedOnTime: number
  issuesClosed: number
  issuesTransferred: number
  issuesRejected: number
  issuesOpen: number
  /** Percent 0–100 with one decimal, null when nothing to divide by. */
  resolutionRate: number | null
  onTimeRate: number | null
  callbacks: number
  satisfied: number
  basicallySatisfied: number
  unsatisfied: number
  satisfactionRate: number | null
  carriedOver: number
}

export interface YearlySummary {
  year: string
  months: MonthFigures[]
  /**
   * The year as a whole: sums of the months, except 接待企业 (distinct over the year) and 结转
   * (issues registered before the year and still open on 1 January). Rates from the sums.
   */
  total: Omit<MonthFigures, 'month'>
  byCategory: CategoryFigure[]
}
