import { describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures/month'
import { describePeriod } from '../../db/figures/period-label'
import { periodSummary } from '../../db/figures/period'
import { monthlyReport, periodReport } from '../../db/figures/report'
import { registerVisit } from '../../db/visits/register'
import { openDay } from '../support/desk'
import { buildEdgeMonth } from '../support/edge-month'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import type { Fixture, TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-10-01 08:00:00', (s) => ({ t, f } = s))

// The definitions that must survive a month's edge, on the months test/support/edge-month.ts
// builds. Deadlines (大气 and 水, 15 working days; October 2026 has no holiday after the 8th):
// E1, E4, E5 from Tue 10-20 → 21–23, 26–30, 11-02…06, 09, 10 → 11-10; E2 from 10-28 → 29, 30,
// 11-02…06, 09…13, 16, 17, 18 → 11-18; E3 from Thu 11-05 → 06, 09–13, 16–20, 23–26 → 11-26.

describe('a month’s figures across its edges', () => {
  it('counts November exactly, by the dates things happened', async () => {
    await buildEdgeMonth(t, f)
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    expect(s).toMatchObject({
      // One reception day (11-05), one resident (E3's visitor); E2 came by letter, not to the desk.
      sessions: 1,
      visits: 1,
      personTimes: 1,
      enterprises: 0,
      // 本月受理: E3 only (E2 was received 10-28). E3 is resolved now: 1 of 1, due 11-26, resolved 11-20.
      issuesAccepted: 1,
      issuesResolved: 1,
      issuesResolvedOnTime: 1,
      resolutionRate: 100,
      onTimeRate: 100,
      // 本月办结, whenever accepted: E2 (11-12), E5 (11-15), E3 (11-20, its resolution of 11-10
      // undone by the 不满意 call) = 3, of which accepted before November: E2 and E5 = 2. On time:
      // E2 (due 11-18) and E3; E5 was due 11-10. E1 was resolved on 10-30, in October.
      issuesResolvedInPeriod: 3,
      issuesResolvedInPeriodEarlier: 2,
      issuesResolvedInPeriodOnTime: 2,
      // Calls: E3 on 11-12 (不满意) and 11-25 (满意) = 2 calls about 1 issue, whose last rating stands:
      // 满意率 1 ÷ 1 = 100%, not (0 + 1) ÷ 2 = 50% as counting calls would give.
      callbacks: 2,
      issuesCalledBack: 1,
      satisfied: 1,
      basicallySatisfied: 0,
      unsatisfied: 0,
      satisfactionRate: 100,
      // 上月结转, by business dates: E2 (received 10-28, open on 11-01 though typed in on 11-03), E4, E5
      // = 3; not E1, resolved on 10-30 though typed in on 11-02. Still open of those now: E4 = 1.
      carriedOver: 3,
      carriedOverOpen: 1,
      issuesOpen: 0,
    })
    expect(s.carriedOverIssues.map((i) => i.content).sort()).toEqual(['化工厂夜间异味', '来信反映河道排污', '餐馆油烟'].sort())
  })

  it('counts October exactly, with the letter received in it and the resolution typed in after it', async () => {
    await buildEdgeMonth(t, f)
    const s = await monthlySummary(t.ledger.db, '2026-10', '2026-11-30')
    expect(s).toMatchObject({
      sessions: 1,
      visits: 3,
      personTimes: 3,
      // 受理: E1, E4, E5 (10-20) and the letter E2 (received 10-28) = 4; now resolved: E1, E2, E5 = 3,
      // on time E1 (10-30 ≤ 11-10) and E2 (11-12 ≤ 11-18) = 2 of 3.
      issuesAccepted: 4,
      issuesResolved: 3,
      issuesResolvedOnTime: 2,
      resolutionRate: 75,
      onTimeRate: 66.7,
      // 本月办结: E1 on 10-30, typed in on 11-02, counts in October, where it happened.
      issuesResolvedInPeriod: 1,
      issuesResolvedInPeriodEarlier: 0,
      carriedOver: 0,
      callbacks: 0,
      issuesCalledBack: 0,
      satisfactionRate: null,
      issuesOpen: 1,
    })
  })

  it('never says a carried-over issue resolved in the month is still being worked on', async () => {
    await buildEdgeMonth(t, f)
    const r = await monthlyReport(t.ledger.db, '2026-11', '2026-11-30')
    // Of the 3 carried over, E2 and E5 were resolved in November: only E4 is said to be open.
    expect(r.sentence).toBe(
      '2026年11月共举办接待日1场，接待群众1人次；受理问题1个，已全部办结，按期办结率100%；' +
        '本月共办结问题3个（含上月结转2个）；回访问题1个（2次），满意率100%；上月结转问题尚有1个在办理，将持续跟踪督办。',
    )
    expect(r.sentence).not.toMatch(/上月结转3个/)
  })
})

describe('any period', () => {
  it('counts October to November as one period: each issue, enterprise and call once', async () => {
    await buildEdgeMonth(t, f)
    const r = await periodReport(t.ledger.db, '2026-10-01', '2026-11-30', '2026-11-30')
    expect(r.summary).toMatchObject({
      period: { kind: 'months', label: '2026年10月至11月', current: '本期', previous: '上期' },
      sessions: 2,
      visits: 4,
      personTimes: 4,
      // 受理 E1–E5 = 5; resolved E1, E2, E3, E5 = 4 (80%), on time E1, E2, E3 = 3 (75%); E4 open.
      issuesAccepted: 5,
      issuesResolved: 4,
      issuesResolvedOnTime: 3,
      resolutionRate: 80,
      onTimeRate: 75,
      // Everything resolved in the period was accepted in it.
      issuesResolvedInPeriod: 4,
      issuesResolvedInPeriodEarlier: 0,
      callbacks: 2,
      issuesCalledBack: 1,
      carriedOver: 0,
      issuesOpen: 1,
    })
    expect(r.sentence).toBe(
      '2026年10月至11月，共举办接待日2场，接待群众4人次；受理问题5个，已办结4个，办结率80%，按期办结率75%；' +
        '回访问题1个（2次），满意率100%；尚在办理1个，将持续跟踪督办。',
    )
  })

  it('counts an enterprise once over the period, by credit code, else by name, however many months it came in', async () => {
    const code = '91350100M000100Y43'
    const visit = async (date: string, organization: { name: string; creditCode?: string }) => {
      const day = await openDay(t, f, date, 'enterprise')
      await registerVisit(t.ctx, {
        sessionId: day.id,
        visitor: { name: '陈志强', kind: 'enterprise' },
        organization,
        headcount: 1,
        matters: [{ type: 'consultation', categoryId: f.category('排污许可').id, content: '许可证延续', answer: '已告知' }],
      })
    }
    // 甲 twice by its code (under two names), 乙 twice by name alone, 丙 once: October 甲 乙, November 甲 乙 丙.
    await visit('2026-10-15', { name: '甲化工有限公司', creditCode: code })
    await visit('2026-10-16', { name: '乙建材厂' })
    await visit('2026-11-05', { name: '甲化工', creditCode: code })
    await visit('2026-11-06', { name: '乙建材厂' })
    await visit('2026-11-09', { name: '丙印染厂' })
    const months = [await monthlySummary(t.ledger.db, '2026-10', '2026-11-30'), await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')]
    expect(months.map((m) => m.enterprises)).toEqual([2, 3])
    const both = await periodSummary(t.ledger.db, '2026-10-01', '2026-11-30', '2026-11-30')
    expect(both).toMatchObject({ enterprises: 3, visits: 5 })
  })

  it('says 自…起 for the ledger’s whole life, from its first record to today', async () => {
    await buildEdgeMonth(t, f)
    const r = await periodReport(t.ledger.db, '2026-10-20', '2026-11-30', '2026-11-30')
    expect(r.summary.firstRecordDate).toBe('2026-10-20')
    expect(r.summary.period).toMatchObject({ kind: 'all', label: '自2026年10月起' })
    expect(r.sentence.startsWith('自2026年10月起，共举办接待日2场')).toBe(true)
  })

  it('gives a period with nothing in it empty rates and says nothing was accepted', async () => {
    const r = await periodReport(t.ledger.db, '2025-01-01', '2025-03-31', '2026-11-30')
    expect(r.summary).toMatchObject({ sessions: 0, issuesAccepted: 0, resolutionRate: null, satisfactionRate: null, byDepartment: [] })
    expect(r.sentence).toBe('2025年第一季度共举办接待日0场；本季度未受理问题。')
  })

  it('refuses a period that ends before it starts, or a date that is not one', async () => {
    await expect(periodSummary(t.ledger.db, '2026-11-30', '2026-11-01', '2026-11-30')).rejects.toThrow(
      '结束日期 2026-11-01 不能早于开始日期 2026-11-30',
    )
    await expect(periodSummary(t.ledger.db, '2026-02-30', '2026-03-01', '2026-11-30')).rejects.toThrow(/开始日期格式/)
  })
})

describe('a period in the bureau’s words', () => {
  const label = (from: string, to: string) => describePeriod(from, to, '2020-03-05', '2026-12-02').label
  it('names a month, a quarter, a half-year and a year', () => {
    expect(label('2026-11-01', '2026-11-30')).toBe('2026年11月')
    expect(label('2026-10-01', '2026-12-31')).toBe('2026年第四季度')
    expect(label('2026-01-01', '2026-06-30')).toBe('2026年上半年')
    expect(label('2026-07-01', '2026-12-31')).toBe('2026年下半年')
    expect(label('2026-01-01', '2026-12-31')).toBe('2026年')
  })

  it('names runs of months and of days, within a year and across one', () => {
    expect(label('2021-03-01', '2021-12-31')).toBe('2021年3月至12月')
    expect(label('2020-03-01', '2021-12-31')).toBe('2020年3月至2021年12月')
    expect(label('2026-11-03', '2026-11-20')).toBe('2026年11月3日至11月20日')
    expect(label('2026-12-20', '2027-01-05')).toBe('2026年12月20日至2027年1月5日')
    expect(label('2026-11-03', '2026-11-03')).toBe('2026年11月3日')
  })

  it('names the ledger’s life from its first record to today as 自…起', () => {
    expect(label('2020-03-05', '2026-12-02')).toBe('自2020年3月起')
    // Ending before today it is a plain range.
    expect(label('2020-03-05', '2026-11-30')).toBe('2020年3月5日至2026年11月30日')
  })
})
