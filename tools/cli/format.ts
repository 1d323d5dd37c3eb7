import { sessionKind } from '../../shared/codes/sessions'
import type { MonthlySummary } from '../../shared/types'

const rate = (v: number | null): string => (v === null ? '—' : `${v}%`)

export function formatSummary(s: MonthlySummary): string {
  const kinds = sessionKind.codes.filter((k) => s.sessionsByKind[k] > 0).map((k) => `${sessionKind.labels[k]} ${s.sessionsByKind[k]} 场`)
  const lines = [
    `${s.month} 月度汇总`,
    `接待日：${s.sessions} 场${kinds.length > 0 ? `（${kinds.join('，')}）` : ''}`,
    `接待：企业 ${s.enterprises} 家，共 ${s.personTimes} 人次（群众 ${s.residentPersonTimes} 人次，企业 ${s.enterprisePersonTimes} 人次）`,
    `咨询：${s.consultations} 件`,
    `受理问题：${s.issuesAccepted} 个；已办结 ${s.issuesResolved} 个（其中已销号 ${s.issuesClosed} 个），转办 ${s.issuesTransferred} 个，不予受理 ${s.issuesRejected} 个，办理中 ${s.issuesOpen} 个`,
    `办结率：${rate(s.resolutionRate)}；按期办结率：${rate(s.onTimeRate)}`,
    `回访：${s.callbacks} 次，满意 ${s.satisfied}，基本满意 ${s.basicallySatisfied}，不满意 ${s.unsatisfied}；满意率 ${rate(s.satisfactionRate)}`,
    `上月结转未办结：${s.carriedOver} 个；当前超期：${s.overdue.length} 个`,
    '分类统计：',
    ...s.byCategory.map((c) => `  ${c.categoryName}：咨询 ${c.consultations}，受理 ${c.issuesAccepted}，办结 ${c.issuesResolved}`),
  ]
  return `${lines.join('\n')}\n`
}
