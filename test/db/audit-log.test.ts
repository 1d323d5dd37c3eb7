import { systemActor } from '../../db/core/context'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { auditChainStatus, listAudit } from '../../db/audit/log'
import { revealVisitorField } from '../../db/privacy/reveal'
import { registerVisit } from '../../db/visits/register'
import { acceptIssue, openDay, residentVisit } from '../support/desk'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))

describe('the audit log', () => {
  it('is shown to supervisors only, newest first, in pages, with a Chinese summary', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await acceptIssue(t, f, day.id)
    expect((await refused(listAudit(t.ctx))).code).toBe('forbidden')
    actAs(t, f.leader)
    const page = await listAudit(t.ctx, { pageSize: 3 })
    expect(page.total).toBeGreaterThan(6)
    expect(page.rows).toHaveLength(3)
    expect(page.rows[0]).toMatchObject({
      action: 'register',
      entity: 'visit',
      actorName: '王晓丽',
      summary: `登记 来访登记 #${page.rows[0]?.entityId}`,
    })
    const second = await listAudit(t.ctx, { pageSize: 3, page: 2 })
    expect((second.rows[0]?.id ?? 0) < (page.rows[2]?.id ?? 0)).toBe(true)
    const issueRows = await listAudit(t.ctx, { entity: 'issue' })
    expect(issueRows.rows.map((r) => r.summary)).toEqual([expect.stringMatching(/^受理 问题 #\d+$/)])
    expect((await listAudit(t.ctx, { actorId: f.desk.id, from: '2026-11-10', to: '2026-11-10' })).total).toBeGreaterThan(0)
    expect((await listAudit(t.ctx, { from: '2026-11-11' })).total).toBe(0)
    expect((await refused(listAudit(t.ctx, { from: '2026-02-30' }))).code).toBe('invalid_date')
    expect((await refused(listAudit(t.ctx, { from: '2026-11-12', to: '2026-11-10' }))).message).toBe('开始日期不能晚于结束日期')
  })

  it('refuses any change from inside the ledger file, and the chain check finds a change made around it', async () => {
    actAs(t, f.leader)
    await expect(sql`update audit_log set actor_name = '他人'`.execute(t.ledger.db)).rejects.toThrow('审计日志只能追加，不能修改')
    await expect(sql`delete from audit_log`.execute(t.ledger.db)).rejects.toThrow('审计日志只能追加，不能删除')
    expect(await auditChainStatus(t.ctx, t.ledger)).toMatchObject({ rows: expect.any(Number), brokenAt: null, ok: true })
    t.ledger.sqlite.exec("drop trigger audit_log_no_update; update audit_log set detail = '{}' where id = 3")
    expect(await auditChainStatus(t.ctx, t.ledger)).toMatchObject({ brokenAt: 3, missingTriggers: ['audit_log_no_update'], ok: false })
    actAs(t, f.desk)
    expect((await refused(auditChainStatus(t.ctx, t.ledger))).code).toBe('forbidden')
  })
})

describe('revealing personal data', () => {
  it('shows a supervisor the full value for a stated reason, and audits who, which and why — not the value', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(
      t.ctx,
      residentVisit(day.id, { visitor: { name: '张桂芳', phone: '13812345678', idNumber: '11010519491231002X', kind: 'resident' } }),
    )
    const before = await tableCounts(t)
    expect((await refused(revealVisitorField(t.ctx, { visitorId: v.visitorId, field: 'phone', reason: '回访' }))).code).toBe('forbidden')
    // The system capability sets the ledger up; seeing personal data is a person's act, never its.
    t.ctx.actor = { ...systemActor, name: '系统' }
    expect((await refused(revealVisitorField(t.ctx, { visitorId: v.visitorId, field: 'phone', reason: '回访' }))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect((await refused(revealVisitorField(t.ctx, { visitorId: v.visitorId, field: 'phone', reason: ' ' }))).message).toBe(
      '请填写查看原因',
    )
    expect((await refused(revealVisitorField(t.ctx, { visitorId: 9999, field: 'phone', reason: '回访' }))).code).toBe('not_found')
    expect(await tableCounts(t)).toEqual(before)

    expect(await revealVisitorField(t.ctx, { visitorId: v.visitorId, field: 'phone', reason: '电话回访需拨号' })).toEqual({
      visitorId: v.visitorId,
      field: 'phone',
      value: '13812345678',
    })
    expect((await revealVisitorField(t.ctx, { visitorId: v.visitorId, field: 'idNumber', reason: '核对身份' })).value).toBe(
      '11010519491231002X',
    )
    const rows = await t.ledger.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal').orderBy('id').execute()
    expect(rows.map((r) => [r.actor_name, r.entity_id, JSON.parse(r.detail)])).toEqual([
      ['李建国', v.visitorId, { field: 'phone', reason: '电话回访需拨号' }],
      ['李建国', v.visitorId, { field: 'idNumber', reason: '核对身份' }],
    ])
    for (const r of rows) expect(r.detail).not.toMatch(/13812345678|11010519491231002X/)
    // The screen gets the row worded by the ledger: action, object, and the telling detail.
    const listed = await listAudit(t.ctx, { action: 'reveal' })
    expect(listed.rows.map((r) => [r.actionLabel, r.entityLabel, r.digest])).toEqual([
      ['查看完整个人信息', `来访人 #${v.visitorId}`, '字段：身份证号；原因：核对身份'],
      ['查看完整个人信息', `来访人 #${v.visitorId}`, '字段：联系电话；原因：电话回访需拨号'],
    ])
    expect(listed.filters.actions).toContainEqual({ value: 'reveal', label: '查看完整个人信息' })
    expect(listed.filters.actions).toContainEqual({ value: 'close', label: '销号 / 结束' })
    expect(listed.filters.entities).toContainEqual({ value: 'visitor', label: '来访人' })

    const noId = await registerVisit(t.ctx, residentVisit(day.id, { visitor: { name: '刘洋', kind: 'resident' } }))
    expect((await refused(revealVisitorField(t.ctx, { visitorId: noId.visitorId, field: 'idNumber', reason: '核对' }))).message).toBe(
      '来访人“刘洋”没有登记身份证号',
    )
  })
})
