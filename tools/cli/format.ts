import { sessionKind } from '../../shared/codes/sessions'
import type { PeriodReport } from '../../shared/types'

const rate = (v: number | null): string => (v === null ? '—' : `${v}%`)

export function formatSummary(report: PeriodReport): string {
  const s = report.summary
  const w = s.period
  const kinds = sessionKind.codes.filter((k) => s.sessionsByKind[k] > 0).map((k) => `${sessionKind.labels[k]} ${s.sessionsByKind[k]} 场`)
  const lines = [
    `${w.label}汇总（${w.from} 至 ${w.to}）`,
    `接待日：${s.sessions} 场${kinds.length > 0 ? `（${kinds.join('，')}）` : ''}`,
    `接待：企业 ${s.enterprises} 家，共 ${s.personTimes} 人次（群众 ${s.residentPersonTimes} 人次，企业 ${s.enterprisePersonTimes} 人次）`,
    `咨询：${s.consultations} 件`,
    `${w.current}受理问题：${s.issuesAccepted} 个；其中已办结 ${s.issuesResolved} 个（已销号 ${s.issuesClosed} 个），转办 ${s.issuesTransferred} 个，不予受理 ${s.issuesRejected} 个，办理中 ${s.issuesOpen} 个`,
    `办结率：${rate(s.resolutionRate)}；按期办结率：${rate(s.onTimeRate)}`,
    `${w.current}办结：${s.issuesResolvedInPeriod} 个（含${w.previous}结转 ${s.issuesResolvedInPeriodEarlier} 个，按期 ${s.issuesResolvedInPeriodOnTime} 个）`,
    `回访：${s.callbacks} 次，${s.issuesCalledBack} 个问题（满意 ${s.satisfied}，基本满意 ${s.basicallySatisfied}，不满意 ${s.unsatisfied}）；满意率 ${rate(s.satisfactionRate)}`,
    `${w.previous}结转未办结：${s.carriedOver} 个（目前仍在办理 ${s.carriedOverOpen} 个）；当前超期：${s.overdue.length} 个`,
    '分类统计：',
    ...s.byCategory.map(
      (c) =>
        `  ${c.categoryName}：咨询 ${c.consultations}，受理 ${c.issuesAccepted}，办结 ${c.issuesResolved}，${w.current}办结 ${c.issuesResolvedInPeriod}`,
    ),
    '承办股室：',
    ...s.byDepartment.map(
      (d) =>
        `  ${d.departmentName}：受理 ${d.issuesAccepted}，办结 ${d.issuesResolved}，办理中 ${d.issuesOpen}，${w.current}办结 ${d.issuesResolvedInPeriod}`,
    ),
    '',
    report.sentence,
  ]
  return `${lines.join('\n')}\n`
}
