import type { MonthlySummary } from '../../shared/types'

const pct = (v: number | null): string => (v === null ? '—' : `${v}%`)

/**
 * The month in the bureau's own phrasing, e.g. "本月共举办接待日2场，接待企业32家、群众54人次，共接待86人次；
 * 受理问题45个，已办结45个，办结率100%。" Every number comes from the summary; the user may edit
 * the wording before printing, never the figures behind it.
 */
export function reportSentence(s: MonthlySummary): string {
  const [year, month] = s.month.split('-')
  const parts: string[] = []
  parts.push(`${year}年${Number(month)}月共举办接待日${s.sessions}场`)
  const visitors: string[] = []
  if (s.enterprises > 0) visitors.push(`企业${s.enterprises}家（${s.enterprisePersonTimes}人次）`)
  if (s.residentPersonTimes > 0) visitors.push(`群众${s.residentPersonTimes}人次`)
  parts.push(`${visitors.length > 0 ? `接待${visitors.join('、')}，` : ''}共接待${s.personTimes}人次`)
  let text = `${parts.join('，')}；`
  if (s.consultations > 0) text += `当场解答咨询${s.consultations}件；`
  text += `受理问题${s.issuesAccepted}个，已办结${s.issuesResolved}个，办结率${pct(s.resolutionRate)}`
  if (s.issuesResolved > 0) text += `，按期办结率${pct(s.onTimeRate)}`
  if (s.issuesTransferred > 0) text += `，转交有关部门办理${s.issuesTransferred}个`
  text += '；'
  if (s.callbacks > 0) text += `回访${s.callbacks}次，满意率${pct(s.satisfactionRate)}；`
  const open = s.issuesOpen + s.carriedOver
  text +=
    open > 0
      ? `尚在办理${s.issuesOpen}个${s.carriedOver > 0 ? `，上月结转${s.carriedOver}个` : ''}，将持续跟踪督办。`
      : '所受理问题均已办结。'
  return text
}
