import type { PeriodSummary } from '../../shared/types'
import { petitionSentence } from './petition-figures'
import { caseFileSentence } from './case-file-sentence'

const pct = (v: number | null): string => (v === null ? '—' : `${v}%`)

// Periods named by a calendar unit read on ("2026年11月共举办…"); a range or the ledger's life
// takes a comma ("2021年3月至12月，共举办…", "自2020年3月起，共举办…").
const RUNS_ON = new Set(['month', 'quarter', 'half', 'year'])

/**
 * The period in the bureau's own phrasing, e.g. "2021年3月至12月，共举办接待日10场，接待企业32家、86人次；
 * 受理问题45个，已全部办结。" Every number comes from the summary; the user may edit the wording
 * before printing, never the figures behind it. It says which 办结 it means: 受理…已办结 are the
 * period's own issues (as of now); "本月共办结…（含上月结转…）" counts every resolution in the period.
 * What is still open is said as it is now, so a carried-over issue resolved in the period is never
 * said to be still carried.
 */
export function periodSentence(s: PeriodSummary, adjustments = ''): string {
  const p = s.period
  const clauses: string[] = []

  let opening = `${p.label}${RUNS_ON.has(p.kind) ? '' : '，'}共举办接待日${s.sessions}场`
  if (s.enterprises > 0 && s.residentPersonTimes > 0) {
    opening += `，接待企业${s.enterprises}家（${s.enterprisePersonTimes}人次）、群众${s.residentPersonTimes}人次，共接待${s.personTimes}人次`
  } else if (s.enterprises > 0) {
    opening += `，接待企业${s.enterprises}家、${s.personTimes}人次`
  } else if (s.personTimes > 0) {
    opening += `，接待群众${s.personTimes}人次`
  }
  clauses.push(opening)
  if (s.consultations > 0) clauses.push(`当场解答咨询${s.consultations}件`)

  const handled = s.issuesAccepted - s.issuesTransferred
  const allResolved = handled > 0 && s.issuesResolved === handled
  if (s.issuesAccepted === 0) {
    clauses.push(`${p.current}未受理问题`)
  } else if (allResolved) {
    const transferred = s.issuesTransferred > 0 ? `，其中转交有关部门办理${s.issuesTransferred}个，其余` : '，'
    clauses.push(`受理问题${s.issuesAccepted}个${transferred}已全部办结，按期办结率${pct(s.onTimeRate)}`)
  } else {
    let text = `受理问题${s.issuesAccepted}个，已办结${s.issuesResolved}个，办结率${pct(s.resolutionRate)}`
    if (s.issuesResolved > 0) text += `，按期办结率${pct(s.onTimeRate)}`
    if (s.issuesTransferred > 0) text += `，转交有关部门办理${s.issuesTransferred}个`
    clauses.push(text)
  }
  if (s.issuesResolvedInPeriodEarlier > 0 || s.issuesResolvedInPeriod !== s.issuesResolved) {
    const earlier = s.issuesResolvedInPeriodEarlier > 0 ? `（含${p.previous}结转${s.issuesResolvedInPeriodEarlier}个）` : ''
    clauses.push(`${p.current}共办结问题${s.issuesResolvedInPeriod}个${earlier}`)
  }
  const checked = s.caseFile ? caseFileSentence(s.caseFile) : ''
  if (checked !== '') clauses.push(checked)
  if (s.issuesCalledBack > 0) {
    const calls = s.callbacks > s.issuesCalledBack ? `（${s.callbacks}次）` : ''
    clauses.push(`回访问题${s.issuesCalledBack}个${calls}，满意率${pct(s.satisfactionRate)}`)
  }

  const open: string[] = []
  if (s.issuesOpen > 0) open.push(`尚在办理${s.issuesOpen}个`)
  if (s.carriedOverOpen > 0) open.push(`${p.previous}结转问题尚有${s.carriedOverOpen}个在办理`)
  if (open.length > 0) clauses.push(`${open.join('，')}，将持续跟踪督办`)
  else if (!allResolved && (s.issuesAccepted > 0 || s.carriedOver > 0)) clauses.push('所受理问题均已办结')

  return `${clauses.join('；')}。${petitionSentence(s.petitions)}${adjustments}`
}

/** The month's sentence; `adjustments` is the line about the previous, closed month (db/figures/close.ts). */
export const reportSentence = periodSentence
