import type { PeriodSummary } from '../../../electron/contract/types'

const rate = (v: number | null) => (v === null ? '—' : `${v}%`)

/** The figures table shared by the 统计 screen and the printed report, in the office's order and the period's words. */
export function figureRows(s: PeriodSummary): [string, string][] {
  const { current, previous } = s.period
  return [
    ['举办接待日（场）', String(s.sessions)],
    ['接待企业（家）', String(s.enterprises)],
    ['接待人次（人次）', String(s.personTimes)],
    ['其中：群众（人次）', String(s.residentPersonTimes)],
    ['其中：企业（人次）', String(s.enterprisePersonTimes)],
    ['当场解答咨询（件）', String(s.consultations)],
    [`${current}受理问题（个）`, String(s.issuesAccepted)],
    [`其中已办结（个）`, String(s.issuesResolved)],
    ['其中已销号（个）', String(s.issuesClosed)],
    ['转办（个）', String(s.issuesTransferred)],
    ['不予受理（个）', String(s.issuesRejected)],
    ['办理中（个）', String(s.issuesOpen)],
    ['办结率', rate(s.resolutionRate)],
    ['按期办结率', rate(s.onTimeRate)],
    [`${current}办结问题（个，含${previous}结转）`, String(s.issuesResolvedInPeriod)],
    [`其中${previous}结转（个）`, String(s.issuesResolvedInPeriodEarlier)],
    ['回访（次）', String(s.callbacks)],
    ['回访问题（个）', String(s.issuesCalledBack)],
    ['满意率（按问题）', rate(s.satisfactionRate)],
    [`${previous}结转未办结（个）`, String(s.carriedOver)],
    ['其中目前仍在办理（个）', String(s.carriedOverOpen)],
    ['当前超期（个）', String(s.overdue.length)],
  ]
}
