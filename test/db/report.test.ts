import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { generateDemoMonth } from '../../tools/demo'
import { monthlySummary } from '../../db/figures/month'
import { reportSentence } from '../../db/figures/report-sentence'
import { describePeriod } from '../../db/figures/period-label'
import { emptyPetitionFigures } from '../../db/figures/petition-figures'
import type { MonthlySummary } from '../../shared/types'
import { openEngineLedger } from '../support/engine-ledger'
import type { TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
beforeEach(async () => {
  t = await openEngineLedger('2026-11-25 09:00:00')
})
afterEach(async () => {
  await t.close()
})

/** Every number in the sentence, in order, as written. */
const numbers = (s: string) => [...s.matchAll(/\d+(\.\d+)?/g)].map((m) => Number(m[0]))

describe('the report sentence', () => {
  it('states the demo month with the summary figures and no other numbers', async () => {
    await generateDemoMonth(t.ctx, '2026-10')
    const s = await monthlySummary(t.ctx.db, '2026-10', '2026-11-25')
    const text = reportSentence(s)
    expect(text).toContain(`共举办接待日${s.sessions}场`)
    expect(text).toContain(`企业${s.enterprises}家（${s.enterprisePersonTimes}人次）`)
    expect(text).toContain(`群众${s.residentPersonTimes}人次，共接待${s.personTimes}人次`)
    expect(text).toContain(`受理问题${s.issuesAccepted}个，已办结${s.issuesResolved}个，办结率${s.resolutionRate}%`)
    expect(text).toContain(`回访问题${s.issuesCalledBack}个`)
    expect(text).toContain(`满意率${s.satisfactionRate}%`)
    const allowed = new Set([
      2026,
      10,
      s.sessions,
      s.enterprises,
      s.enterprisePersonTimes,
      s.residentPersonTimes,
      s.personTimes,
      s.consultations,
      s.issuesAccepted,
      s.issuesResolved,
      s.resolutionRate,
      s.onTimeRate,
      s.issuesTransferred,
      s.callbacks,
      s.satisfactionRate,
      s.issuesOpen,
      s.carriedOver,
      s.carriedOverOpen,
      s.issuesResolvedInPeriod,
      s.issuesResolvedInPeriodEarlier,
      s.issuesCalledBack,
    ])
    for (const n of numbers(text)) expect(allowed.has(n), `unexpected number ${n} in ${text}`).toBe(true)
  })

  it('says every issue was resolved when nothing is open', () => {
    const s: MonthlySummary = {
      month: '2026-03',
      period: describePeriod('2026-03-01', '2026-03-31', '2020-03-05', '2026-12-02'),
      firstRecordDate: '2020-03-05',
      byDepartment: [],
      issuesResolvedInPeriod: 45,
      issuesResolvedInPeriodOnTime: 45,
      issuesResolvedInPeriodEarlier: 0,
      issuesCalledBack: 0,
      carriedOverOpen: 0,
      sessions: 2,
      sessionsByKind: { enterprise: 1, public: 1, leader: 0, field: 0 },
      visits: 40,
      enterprises: 32,
      residentPersonTimes: 54,
      enterprisePersonTimes: 32,
      personTimes: 86,
      consultations: 41,
      issuesRegistered: 45,
      issuesAccepted: 45,
      issuesResolved: 45,
      issuesResolvedOnTime: 45,
      issuesClosed: 45,
      issuesTransferred: 0,
      issuesRejected: 0,
      issuesOpen: 0,
      resolutionRate: 100,
      onTimeRate: 100,
      callbacks: 0,
      satisfied: 0,
      basicallySatisfied: 0,
      unsatisfied: 0,
      satisfactionRate: null,
      carriedOver: 0,
      overdue: [],
      carriedOverIssues: [],
      byCategory: [],
      petitions: emptyPetitionFigures(),
      caseFile: {
        repeats: 0,
        collectiveVisits: 0,
        collectivePersonTimes: 0,
        collectiveHeadcount: 5,
        findings: { verified: 0, partly_verified: 0, unfounded: 0, unverifiable: 0 },
        verifiedRate: null,
        rectifyOrders: 0,
        penaltyCases: 0,
        fineYuan: 0,
        referrals: 0,
        lateExtensions: 0,
        byLocality: [],
      },
    }
    expect(reportSentence(s)).toBe(
      '2026年3月共举办接待日2场，接待企业32家（32人次）、群众54人次，共接待86人次；当场解答咨询41件；受理问题45个，已全部办结，按期办结率100%。',
    )
  })
})
