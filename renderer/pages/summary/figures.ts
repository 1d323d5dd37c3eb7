import type { MonthlySummary } from '../../../electron/contract/types'

const rate = (v: number | null) => (v === null ? '—' : `${v}%`)

/** The figures table shared by the 统计 screen and the printed report, in the office's order. */
export function figureRows(s: MonthlySummary): [string, string][] {
  return [
    ['举办接待日（场）', String(s.sessions)],
    ['接待企业（家）', String(s.enterprises)],
    ['接待人次（人次）', String(s.personTimes)],
    ['其中：群众（人次）', String(s.residentPersonTimes)],
    ['其中：企业（人次）', String(s.enterprisePersonTimes)],
    ['当场解答咨询（件）', String(s.consultations)],
    ['受理问题（个）', String(s.issuesAccepted)],
    ['已办结（个）', String(s.issuesResolved)],
    ['其中已销号（个）', String(s.issuesClosed)],
    ['转办（个）', String(s.issuesTransferred)],
    ['不予受理（个）', String(s.issuesRejected)],
    ['办理中（个）', String(s.issuesOpen)],
    ['办结率', rate(s.resolutionRate)],
    ['按期办结率', rate(s.onTimeRate)],
    ['回访（次）', String(s.callbacks)],
    ['满意率', rate(s.satisfactionRate)],
    ['上月结转未办结（个）', String(s.carriedOver)],
    ['当前超期（个）', String(s.overdue.length)],
  ]
}
