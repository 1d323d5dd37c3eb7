import { describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures/month'
import { buildExportFixture } from '../support/export-fixture'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import type { Fixture, TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-10-01 08:00:00', (s) => ({ t, f } = s))

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
 * - callbacks in November 3 (X1 满意, X2 不满意, October's O2 基本满意): 满意率 2 ÷ 3 = 66.7%
 * - carried over 1: October's O2 was still 交办 on 11-01; O1 was resolved in October
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
      carriedOver: 1,
    })
    expect(s.overdue.map((i) => i.id)).toEqual([overdueIssueId])
    expect(s.carriedOverIssues.map((i) => i.content)).toEqual(['养殖场废水'])
    expect(s.byCategory.map((c) => [c.categoryName, c.consultations, c.issuesAccepted, c.issuesResolved])).toEqual([
      ['大气', 1, 1, 0],
      ['噪声', 0, 1, 0],
      ['环评审批', 0, 1, 1],
      ['排污许可', 1, 0, 0],
      ['政策咨询', 1, 1, 1],
    ])
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
