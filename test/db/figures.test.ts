import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures'
import { assignIssue, closeIssue, recordCallback, rejectIssue, resolveIssue, transferIssue } from '../../db/issues'
import { closeSession, planSession } from '../../db/sessions'
import { registerVisit } from '../../db/visits'
import { openDay } from '../support/desk'
import { openTempLedger, seedFixture, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture

beforeEach(async () => {
  t = await openTempLedger('2026-10-01 08:00:00')
  f = await seedFixture(t)
})
afterEach(async () => {
  await t.close()
})

const CODE_A = '91350100M000100Y43'

async function issueOf(v: { matters: { issueId: number | null }[] }, index = 0): Promise<number> {
  const id = v.matters.filter((m) => m.issueId !== null)[index]?.issueId
  if (!id) throw new Error('no issue')
  return id
}

/**
 * The fixture, worked out by hand (November 2026):
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
async function buildFixture() {
  const oct = await openDay(t, f, '2026-10-15', 'public')
  const o1 = await registerVisit(t.ctx, { sessionId: oct.id, visitor: { name: '刘洋', kind: 'resident' }, headcount: 1, matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '工地夜间施工' }] })
  const o2 = await registerVisit(t.ctx, { sessionId: oct.id, visitor: { name: '周敏', kind: 'resident' }, headcount: 2, matters: [{ type: 'issue', categoryId: f.category('水').id, content: '养殖场废水' }] })
  await assignIssue(t.ctx, { issueId: await issueOf(o1), departmentId: f.departments[1]!.id })
  await assignIssue(t.ctx, { issueId: await issueOf(o2), departmentId: f.departments[1]!.id })
  t.clock.set('2026-10-20 10:00:00')
  await resolveIssue(t.ctx, { issueId: await issueOf(o1), result: '已责令停止夜间施工' })
  await closeSession(t.ctx, oct.id)

  const a = await openDay(t, f, '2026-11-05', 'enterprise')
  const v1 = await registerVisit(t.ctx, {
    sessionId: a.id,
    visitor: { name: '陈志强', kind: 'enterprise' },
    organization: { name: '甲化工有限公司', creditCode: CODE_A },
    headcount: 3,
    matters: [
      { type: 'consultation', categoryId: f.category('排污许可').id, content: '许可证延续', answer: '已告知材料' },
      { type: 'issue', categoryId: f.category('环评审批').id, content: '扩建环评进度' },
    ],
  })
  const v2 = await registerVisit(t.ctx, {
    sessionId: a.id,
    visitor: { name: '林小红', kind: 'enterprise' },
    organization: { name: '甲化工', creditCode: CODE_A },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '周边企业异味影响生产' }],
  })
  await registerVisit(t.ctx, {
    sessionId: a.id,
    visitor: { name: '黄磊', kind: 'enterprise' },
    organization: { name: '乙建材厂' },
    headcount: 2,
    matters: [{ type: 'consultation', categoryId: f.category('政策咨询').id, content: '超低排放改造补贴', answer: '已解读政策' }],
  })
  await closeSession(t.ctx, a.id)

  const b = await openDay(t, f, '2026-11-19', 'public')
  const v4 = await registerVisit(t.ctx, { sessionId: b.id, visitor: { name: '吴芳', kind: 'resident' }, headcount: 1, matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '广场舞噪声' }] })
  const v5 = await registerVisit(t.ctx, { sessionId: b.id, visitor: { name: '郑强', kind: 'resident' }, headcount: 4, matters: [{ type: 'issue', categoryId: f.category('水').id, content: '索要邻居赔偿' }] })
  const v6 = await registerVisit(t.ctx, {
    sessionId: b.id,
    visitor: { name: '孙丽', kind: 'resident' },
    headcount: 1,
    matters: [
      { type: 'consultation', categoryId: f.category('大气').id, content: '空气质量查询', answer: '已告知查询渠道' },
      { type: 'issue', categoryId: f.category('政策咨询').id, content: '要求书面答复新政策' },
    ],
  })
  t.clock.set('2026-11-20 09:00:00')
  await planSession(t.ctx, { date: '2026-11-26', kind: 'leader', location: '局长办公室' })

  const x1 = await issueOf(v1)
  const x2 = await issueOf(v2)
  const x5 = await issueOf(v6)
  await transferIssue(t.ctx, { issueId: await issueOf(v4), to: '街道办事处', reason: '社会生活噪声' })
  await rejectIssue(t.ctx, { issueId: await issueOf(v5), reason: '民事纠纷' })
  for (const id of [x1, x2, x5]) await assignIssue(t.ctx, { issueId: id, departmentId: f.departments[2]!.id })
  t.clock.set('2026-11-10 10:00:00')
  await resolveIssue(t.ctx, { issueId: await issueOf(o2), result: '已关停排污口' })
  t.clock.set('2026-11-12 10:00:00')
  await recordCallback(t.ctx, { issueId: await issueOf(o2), method: 'phone', satisfaction: 'basically_satisfied' })
  t.clock.set('2026-11-20 15:00:00')
  await resolveIssue(t.ctx, { issueId: x1, result: '已完成审批' })
  t.clock.set('2026-11-21 10:00:00')
  await recordCallback(t.ctx, { issueId: x1, method: 'phone', satisfaction: 'satisfied' })
  await closeIssue(t.ctx, { issueId: x1 })
  t.clock.set('2026-11-25 10:00:00')
  await resolveIssue(t.ctx, { issueId: x2, result: '已约谈企业' })
  t.clock.set('2026-11-26 10:00:00')
  await recordCallback(t.ctx, { issueId: x2, method: 'visit', satisfaction: 'unsatisfied', comment: '仍有异味' })
  t.clock.set('2026-11-27 10:00:00')
  await resolveIssue(t.ctx, { issueId: x5, result: '已书面答复' })
  t.clock.set('2026-11-30 10:00:00')
  return { x2 }
}

describe('monthly figures', () => {
  it('counts a hand-worked month exactly', async () => {
    const { x2 } = await buildFixture()
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
    expect(s.overdue.map((i) => i.id)).toEqual([x2])
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
    await buildFixture()
    const s = await monthlySummary(t.ledger.db, '2026-10', '2026-11-30')
    expect(s).toMatchObject({ sessions: 1, visits: 2, personTimes: 3, enterprises: 0, issuesAccepted: 2, issuesResolved: 2, resolutionRate: 100, carriedOver: 0, callbacks: 0, satisfactionRate: null })
  })

  it('gives empty rates rather than dividing by zero for a month with no records', async () => {
    const s = await monthlySummary(t.ledger.db, '2025-01', '2026-11-30')
    expect(s).toMatchObject({ sessions: 0, personTimes: 0, resolutionRate: null, onTimeRate: null, satisfactionRate: null, byCategory: [] })
  })

  it('refuses a month that is not YYYY-MM', async () => {
    await expect(monthlySummary(t.ledger.db, '2026-13', '2026-11-30')).rejects.toThrow(/YYYY-MM/)
  })
})
