import { describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures/month'
import { monthlyReport } from '../../db/figures/report'
import { buildExportFixture } from '../support/export-fixture'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import type { Fixture, TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-10-01 08:00:00', (s) => ({ t, f } = s))

/**
 * The month buildExportFixture makes, worked out by hand (November 2026); the phones, ID numbers
 * and formula-like texts it carries for the export tests change none of these figures:
 * - sessions held: 11-05 企业, 11-19 群众 (a session planned for 11-26 and never opened does not count)
 * - visits 6; enterprises 2 (甲 twice by credit code, 乙 by name); person-times 3+1+2+1+4+1 = 12,
 *   of which residents 1+4+1 = 6
 * - consultations 3; issues registered 5: X1 环评 closed, X2 大气 reopened, X3 噪声 transferred,
 *   X4 水 rejected, X5 政策咨询 resolved one day late
 * - accepted 5 − 1 rejected = 4; resolved 2 (X1, X5); 办结率 2 ÷ (4 − 1 transferred) = 66.7%
 * - on time 1 of 2 = 50%; closed 1; still open 1 (X2, overdue since 11-26)
 * - 本月办结 (resolved in November, whenever accepted) 3: X1 (11-20), X5 (11-27) and October's O2
 *   (11-10), of which accepted before November 1 (O2); X2 was resolved 11-25 but reopened on 11-26,
 *   so it has no resolution now and is not counted; on time 1 of 3: X5 was a day late, and O2 (水, 15
 *   working days from 10-15: 16, 19–23, 26–30, 11-02…11-05) was due 11-05 and resolved 11-10
 * - callbacks in November 3 calls about 3 issues (X1 满意, X2 不满意, October's O2 基本满意), each
 *   rated by its one call: 满意率 (1 + 1) ÷ 3 issues = 66.7%
 * - carried over 1: October's O2 was still 交办 on 11-01; O1 was resolved in October. O2 was
 *   resolved on 11-10, so of the carried-over none is still open
 */
describe('monthly figures', () => {
  it('counts a hand-worked month exactly', async () => {
    const { overdueIssueId } = await buildExportFixture(t, f)
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    expect(s).toMatchObject({
      month: '2026-11',
      sessions: 2,
      sessionsByKind: { enterprise: 1, public: 1, leader: 0, field: 0 },
      visits: 6,
      enterprises: 2,
      personTimes: 12,
      residentPersonTimes: 6,
      enterprisePersonTimes: 6,
      consultations: 3,
      issuesRegistered: 5,
      issuesAccepted: 4,
      issuesResolved: 2,
      issuesResolvedOnTime: 1,
      issuesClosed: 1,
      issuesTransferred: 1,
      issuesRejected: 1,
      issuesOpen: 1,
      resolutionRate: 66.7,
      onTimeRate: 50,
      callbacks: 3,
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 1,
      satisfactionRate: 66.7,
      issuesResolvedInPeriod: 3,
      issuesResolvedInPeriodOnTime: 1,
      issuesResolvedInPeriodEarlier: 1,
      issuesCalledBack: 3,
      carriedOver: 1,
      carriedOverOpen: 0,
      period: { from: '2026-11-01', to: '2026-11-30', kind: 'month', label: '2026年11月', current: '本月', previous: '上月' },
      firstRecordDate: '2026-10-15',
    })
    expect(s.overdue.map((i) => i.id)).toEqual([overdueIssueId])
    expect(s.carriedOverIssues.map((i) => i.content)).toEqual(['养殖场废水'])
    // 咨询, 受理, 本月受理且已办结, 本月办结: 水 has no November issue, but O2 (水) was resolved in November.
    expect(
      s.byCategory.map((c) => [c.categoryName, c.consultations, c.issuesAccepted, c.issuesResolved, c.issuesResolvedInPeriod]),
    ).toEqual([
      ['大气', 1, 1, 0, 0],
      ['水', 0, 0, 0, 1],
      ['噪声', 0, 1, 0, 0],
      ['环评审批', 0, 1, 1, 1],
      ['排污许可', 1, 0, 0, 0],
      ['政策咨询', 1, 1, 1, 1],
    ])
  })

  it('breaks the month down by section: X1, X2, X5 went to one section, O2 and O1 to another, X3 and X4 to none', async () => {
    await buildExportFixture(t, f)
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    const lead = f.departments[2]!.name
    const october = f.departments[1]!.name
    // 受理, 本月受理且已办结, 办理中, 本月办结, 其中按期: X1 and X5 resolved (X5 a day late), X2 open;
    // O2 (October's, handed to the other section) resolved on 11-10, after its 11-05 deadline; X3 transferred
    // and X4 refused were never handed over (X4 is not 受理 at all).
    expect(
      s.byDepartment.map((d) => [
        d.departmentName,
        d.issuesAccepted,
        d.issuesResolved,
        d.issuesOpen,
        d.issuesResolvedInPeriod,
        d.issuesResolvedInPeriodOnTime,
      ]),
    ).toEqual([
      [october, 0, 0, 0, 1, 0],
      [lead, 3, 2, 1, 2, 1],
      ['未交办', 1, 0, 0, 0, 0],
    ])
  })

  it('says the month in the bureau’s words with every figure above, and which 办结 it means', async () => {
    await buildExportFixture(t, f)
    const r = await monthlyReport(t.ledger.db, '2026-11', '2026-11-30')
    expect(r.sentence).toBe(
      '2026年11月共举办接待日2场，接待企业2家（6人次）、群众6人次，共接待12人次；当场解答咨询3件；' +
        '受理问题4个，已办结2个，办结率66.7%，按期办结率50%，转交有关部门办理1个；本月共办结问题3个（含上月结转1个）；' +
        '回访问题3个，满意率66.7%；尚在办理1个，将持续跟踪督办。',
    )
  })

  it('counts the previous month from its own records', async () => {
    await buildExportFixture(t, f)
    const s = await monthlySummary(t.ledger.db, '2026-10', '2026-11-30')
    expect(s).toMatchObject({
      sessions: 1,
      visits: 2,
      personTimes: 3,
      enterprises: 0,
      issuesAccepted: 2,
      issuesResolved: 2,
      resolutionRate: 100,
      carriedOver: 0,
      callbacks: 0,
      satisfactionRate: null,
    })
  })

  it('gives empty rates rather than dividing by zero for a month with no records', async () => {
    const s = await monthlySummary(t.ledger.db, '2025-01', '2026-11-30')
    expect(s).toMatchObject({ sessions: 0, personTimes: 0, resolutionRate: null, onTimeRate: null, satisfactionRate: null, byCategory: [] })
  })

  it('refuses a month that is not YYYY-MM', async () => {
    await expect(monthlySummary(t.ledger.db, '2026-13', '2026-11-30')).rejects.toThrow(/YYYY-MM/)
  })
})
