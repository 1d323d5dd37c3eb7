import { describe, expect, it } from 'vitest'
import { visitorHistory } from '../../db/directory/history'
import { findReturning } from '../../db/directory/match'
import { monthlySummary } from '../../db/figures/month'
import { listIssues } from '../../db/issues/queries'
import { getIssueDetail } from '../../db/issues/detail'
import { callbackQueue } from '../../db/issues/callback-queue'
import { assignIssue, recordCallback, resolveIssue } from '../../db/issues/actions'
import { getSession, listSessions, planSession } from '../../db/sessions/sessions'
import { listSessionVisits, registerVisit } from '../../db/visits/register'
import { voidSession, voidVisit } from '../../db/visits/voids'
import { acceptIssue, openDay, residentVisit } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'
import { signedOut } from '../../db/core/access'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))

describe('voiding a visit', () => {
  it('keeps the rows but takes the visit and its issues out of every list and figure', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const keep = await acceptIssue(t, f, day.id, '河道发黑')
    const wrong = await acceptIssue(t, f, day.id, '重复登记的问题')
    await assignIssue(t.ctx, { issueId: keep.issueId, departmentId: f.departments[1]?.id ?? 1 })
    await resolveIssue(t.ctx, { issueId: keep.issueId, result: '已清淤' })
    await assignIssue(t.ctx, { issueId: wrong.issueId, departmentId: f.departments[1]?.id ?? 1 })
    await resolveIssue(t.ctx, { issueId: wrong.issueId, result: '重复' })
    await recordCallback(t.ctx, { issueId: wrong.issueId, method: 'phone', satisfaction: 'unsatisfied', comment: '不满意' })
    const summaryBefore = await monthlySummary(t.ledger.db, '2026-11', '2026-11-10')
    expect(summaryBefore).toMatchObject({ visits: 2, issuesAccepted: 2, callbacks: 1 })

    actAs(t, f.leader)
    const before = await tableCounts(t)
    const result = await voidVisit(t.ctx, { visitId: wrong.visit.id, reason: '同一来访登记了两次' })
    expect(result).toMatchObject({ entity: 'visit', id: wrong.visit.id, reason: '同一来访登记了两次', issueNumbers: [wrong.number] })
    const after = await tableCounts(t)
    // Nothing deleted: one history row for the issue, two audit rows (issue and visit), vouching
    // for the three records the void changed (the visit, the issue and its history row).
    expect(after).toEqual({
      ...before,
      issue_history: (before['issue_history'] ?? 0) + 1,
      audit_log: (before['audit_log'] ?? 0) + 2,
      audit_state: (before['audit_state'] ?? 0) + 3,
    })

    expect((await listSessionVisits(t.ctx, day.id)).rows.map((v) => v.id)).toEqual([keep.visit.id])
    expect((await listSessionVisits(t.ctx, day.id)).total).toBe(1)
    expect((await listIssues(t.ledger.db, {}, '2026-11-10')).rows.map((r) => r.number)).toEqual([keep.number])
    expect((await listIssues(t.ledger.db, {}, '2026-11-10')).total).toBe(1)
    expect((await getSession(t.ledger.db, day.id)).visitCount).toBe(1)
    expect((await callbackQueue(t.ctx, 'due')).total).toBe(1)
    const summary = await monthlySummary(t.ledger.db, '2026-11', '2026-11-10')
    expect(summary).toMatchObject({ visits: 1, personTimes: 1, issuesAccepted: 1, issuesResolved: 1, callbacks: 0 })
    const history = await visitorHistory(t.ctx, wrong.visit.visitorId)
    expect(history.visits.map((v) => v.id)).toEqual([keep.visit.id])
    const returning = await findReturning(t.ctx, '13812345678')
    expect(returning.visitors[0]).toMatchObject({ visitCount: 1, openIssueCount: 0 })

    // Still there for the record, with why; no longer workable.
    const detail = await getIssueDetail(t.ledger.db, wrong.issueId, '2026-11-10')
    expect(detail).toMatchObject({ voidedAt: result.voidedAt, voidReason: '同一来访登记了两次', allowedActions: [] })
    expect(detail.timeline.at(-1)).toMatchObject({ title: '随来访登记作废', text: '同一来访登记了两次', actorName: '李建国' })
    const e = await refused(assignIssue(t.ctx, { issueId: wrong.issueId, departmentId: f.departments[0]?.id ?? 1 }))
    expect(e).toMatchObject({ code: 'voided', message: `问题 ${wrong.number} 所属的来访登记已作废，不能再交办` })
    expect((await refused(voidVisit(t.ctx, { visitId: wrong.visit.id, reason: '再来一次' }))).code).toBe('invalid_transition')
  })

  it('counts a filtered ledger without the voided issues that matched it, and only those', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const handed = await acceptIssue(t, f, day.id, '河道发黑')
    await acceptIssue(t, f, day.id, '噪声扰民')
    const wrong = await acceptIssue(t, f, day.id, '重复登记的问题')
    await assignIssue(t.ctx, { issueId: handed.issueId, departmentId: f.departments[1]?.id ?? 1 })
    actAs(t, f.leader)
    await voidVisit(t.ctx, { visitId: wrong.visit.id, reason: '同一来访登记了两次' })

    const count = async (filter: Parameters<typeof listIssues>[1]) => {
      const page = await listIssues(t.ledger.db, filter, '2026-11-10')
      return { total: page.total, shown: page.rows.length }
    }
    // 待交办 matched the voided issue; 已交办 never did.
    expect(await count({ status: ['accepted'] })).toEqual({ total: 1, shown: 1 })
    expect(await count({ status: ['assigned'] })).toEqual({ total: 1, shown: 1 })
    expect(await count({})).toEqual({ total: 2, shown: 2 })
    expect(await count({ pageSize: 1 })).toEqual({ total: 2, shown: 1 })
  })

  it('lets desk staff void only their own visit of today whose issues are not yet handed over', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const mine = await registerVisit(t.ctx, residentVisit(day.id))
    const handed = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId: handed.issueId, departmentId: f.departments[0]?.id ?? 1 })
    actAs(t, f.handler)
    const other = await registerVisit(t.ctx, residentVisit(day.id, { visitor: { name: '刘洋', kind: 'resident' } }))

    actAs(t, f.desk)
    expect((await refused(voidVisit(t.ctx, { visitId: other.id, reason: '不是我的' }))).code).toBe('forbidden')
    expect((await refused(voidVisit(t.ctx, { visitId: handed.visit.id, reason: '已交办' }))).message).toMatch(/其他情况请负责人作废/)
    t.clock.set('2026-11-11 09:00:00')
    expect((await refused(voidVisit(t.ctx, { visitId: mine.id, reason: '第二天才发现' }))).code).toBe('forbidden')
    t.clock.set('2026-11-10 16:00:00')
    expect((await voidVisit(t.ctx, { visitId: mine.id, reason: '登记错了人' })).id).toBe(mine.id)

    t.ctx.actor = signedOut
    expect((await refused(voidVisit(t.ctx, { visitId: other.id, reason: '无人' }))).message).toMatch(/请先选择值班人员/)
    actAs(t, f.leader)
    expect((await refused(voidVisit(t.ctx, { visitId: other.id, reason: '  ' }))).message).toBe('请填写作废原因')
    expect((await refused(voidVisit(t.ctx, { visitId: 99999, reason: '不存在' }))).code).toBe('not_found')
  })
})

describe('voiding a reception day', () => {
  it('takes a planned day out of the lists, by whoever is on duty', async () => {
    t.clock.set('2026-11-10 08:00:00')
    const planned = await planSession(t.ctx, { date: '2026-11-20', kind: 'public', location: '接待室' })
    const result = await voidSession(t.ctx, { id: planned.id, reason: '日期定错了' })
    expect(result).toMatchObject({ entity: 'session', id: planned.id, issueNumbers: [] })
    expect(await listSessions(t.ledger.db, {})).toEqual([])
    expect((await refused(getSession(t.ledger.db, planned.id))).code).toBe('not_found')
    expect((await refused(voidSession(t.ctx, { id: planned.id, reason: '再次' }))).code).toBe('invalid_transition')
    const audit = await t.ledger.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'void', entity: 'session', entity_id: planned.id, actor_name: '王晓丽' })
    expect(JSON.parse(audit.detail)).toMatchObject({ reason: '日期定错了' })
  })

  it('needs a supervisor for a day that was held, and no valid visits left', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(t.ctx, residentVisit(day.id))
    expect((await refused(voidSession(t.ctx, { id: day.id, reason: '误建' }))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect((await refused(voidSession(t.ctx, { id: day.id, reason: '误建' }))).message).toMatch(/还有 1 条有效来访登记/)
    await voidVisit(t.ctx, { visitId: v.id, reason: '误建' })
    await voidSession(t.ctx, { id: day.id, reason: '误建' })
    expect((await monthlySummary(t.ledger.db, '2026-11', '2026-11-10')).sessions).toBe(0)
    expect((await refused(registerVisit(t.ctx, residentVisit(day.id)))).code).toBe('not_found')
  })
})
