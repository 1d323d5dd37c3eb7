// Reception days (接待日).

export type { SessionKind, SessionStatus } from '../codes/sessions'
import type { SessionKind, SessionStatus } from '../codes/sessions'

export interface Session {
  id: number
  /** The day's version as read: an edit names it (db/core/versions.ts). */
  version: number
  date: string
  kind: SessionKind
  title: string
  location: string
  hostLeaderId: number | null
  hostLeaderName: string | null
  staffIds: number[]
  staffNames: string[]
  status: SessionStatus
  note: string | null
  openedAt: string | null
  closedAt: string | null
  visitCount: number
  personTimes: number
  issueCount: number
  consultationCount: number
}

export type { SessionHolidayShift, SessionRuleNth, SessionRuleWeekday } from '../codes/sessions'
import type { SessionHolidayShift, SessionRuleNth, SessionRuleWeekday } from '../codes/sessions'

/** A recurring reception day (接待日规则): one per kind, e.g. 每月第四个星期四，遇节假日顺延至下一个工作日. */
export interface SessionRule {
  id: number
  kind: SessionKind
  nth: SessionRuleNth
  weekday: SessionRuleWeekday
  holidayShift: SessionHolidayShift
  location: string
  /** The generated day's name, with {日期} standing for the date; null: the usual “2026年12月24日服务企业接待日”. */
  titleTemplate: string | null
  maxBookings: number | null
  maxPeoplePerBooking: number | null
  active: boolean
  /** The rule in a sentence: “每月第四个星期四，遇节假日顺延至下一个工作日”. */
  description: string
}

/** What one run of 生成未来12个月 planned. */
export interface SessionRuleGeneration {
  added: number
  sessions: Session[]
}
