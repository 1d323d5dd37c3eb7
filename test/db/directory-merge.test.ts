import { beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { verifyAuditChain } from '../../db/core/audit'
import { organizationHistory, visitorHistory } from '../../db/directory/history'
import { listOrganizations, listVisitors, mergeOrganizations, mergeVisitors } from '../../db/directory/list'
import { findReturning } from '../../db/directory/match'
import { LedgerError } from '../../db/core/errors'
import { registerVisit } from '../../db/visits/register'
import { dispatch } from '../../electron/handlers/dispatch'
import { openDay, residentVisit } from '../support/desk'
import { appState } from '../support/dispatch'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
let sessionId: number

seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  sessionId = (await openDay(t, f, '2026-11-10')).id
})

/** Merging records is a supervisor's act; the desk clerk registers the visits. */
function bySupervisor() {
  return { ...t.ctx, actor: actorOf(f.leader) }
}

/** A visit from a person of an enterprise, with one accepted issue or one consultation. */
async function enterpriseVisit(
  person: string,
  phone: string | null,
  org: { name: string; creditCode?: string | null },
  opts: { issue?: boolean; headcount?: number } = {},
) {
  return registerVisit(
    t.ctx,
    residentVisit(sessionId, {
      visitor: { name: person, phone, kind: 'enterprise' },
      organization: { name: org.name, creditCode: org.creditCode ?? null },
      headcount: opts.headcount ?? 1,
      ...(opts.issue
        ? { matters: [{ type: 'issue', categoryId: f.category('水').id, content: `${org.name}排污口整改`, place: '城南' }] }
        : {}),
    }),
  )
}

async function orgRow(id: number) {
  return t.ctx.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function auditRows(entity: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('action', 'in', ['merge', 'merged_into'])
    .orderBy('id')
    .execute()
}

describe('directory lists', () => {
  it('lists enterprises a page at a time, most recently seen first, with visit, person-time, issue and people counts', async () => {
    await enterpriseVisit(
      '陈志强',
      '13912345678',
      { name: '青山化工有限公司', creditCode: '91350100M000100Y43' },
      { issue: true, headcount: 3 },
    )
    await enterpriseVisit('林海', null, { name: '绿源污水处理厂' })
    sessionId = (await openDay(t, f, '2026-11-12')).id
    await enterpriseVisit('陈志强', '13912345678', { name: '青山化工有限公司' })

    const first = await listOrganizations(t.ctx.db, { page: 1, pageSize: 1 })
    expect(first.total).toBe(2)
    expect(first.rows).toEqual([
      expect.objectContaining({
        name: '青山化工有限公司',
        creditCode: '91350100M000100Y43',
        visitCount: 2,
        personTimes: 4,
        openIssueCount: 1,
        visitorCount: 1,
        lastVisitDate: '2026-11-12',
      }),
    ])
    const second = await listOrganizations(t.ctx.db, { page: 2, pageSize: 1 })
    expect(second.rows).toEqual([
      expect.objectContaining({ name: '绿源污水处理厂', visitCount: 1, personTimes: 1, openIssueCount: 0, lastVisitDate: '2026-11-10' }),
    ])
  })

  it('finds enterprises by part of the name or of the credit code, and a typed % matches only itself', async () => {
    await enterpriseVisit('陈志强', null, { name: '青山化工有限公司', creditCode: '91350100M000100Y43' })
    await enterpriseVisit('林海', null, { name: '绿源污水处理厂' })
    expect((await listOrganizations(t.ctx.db, { query: '化工', page: 1, pageSize: 20 })).rows.map((o) => o.name)).toEqual([
      '青山化工有限公司',
    ])
    expect((await listOrganizations(t.ctx.db, { query: 'm000100y', page: 1, pageSize: 20 })).rows.map((o) => o.name)).toEqual([
      '青山化工有限公司',
    ])
    expect((await listOrganizations(t.ctx.db, { query: '%', page: 1, pageSize: 20 })).total).toBe(0)
  })

  it('finds visitors by name, by the tail of their phone and by their enterprise, showing phones masked', async () => {
    await registerVisit(t.ctx, residentVisit(sessionId))
    await enterpriseVisit('陈志强', '13912345678', { name: '青山化工有限公司' })
    const byTail = await listVisitors(t.ctx.db, { query: '5678', page: 1, pageSize: 20 })
    expect(byTail.rows.map((v) => [v.name, v.phone]).sort()).toEqual([
      ['张桂芳', '138****5678'],
      ['陈志强', '139****5678'],
    ])
    expect((await listVisitors(t.ctx.db, { query: '青山', page: 1, pageSize: 20 })).rows.map((v) => v.name)).toEqual(['陈志强'])
    const byName = await listVisitors(t.ctx.db, { query: '张桂', page: 1, pageSize: 20 })
    expect(byName.rows).toHaveLength(1)
    expect(byName.rows[0]).toMatchObject({ name: '张桂芳', visitCount: 1, openIssueCount: 0, organizationName: null })
    expect(JSON.stringify(byName)).not.toContain('13812345678')
  })
})

describe('merging enterprises', () => {
  it('moves every visit and person of the duplicate to the kept enterprise, keeps the duplicate marked, and audits it', async () => {
    const kept = await enterpriseVisit('陈志强', '13912345678', { name: '青山化工有限公司' }, { issue: true })
    await enterpriseVisit('陈志强', '13912345678', { name: '青山化工有限公司' })
    const dup = await enterpriseVisit('王磊', null, { name: '青山化工', creditCode: '91350100M000100Y43' }, { issue: true, headcount: 2 })
    const keepId = kept.organizationId ?? 0
    const mergeId = dup.organizationId ?? 0
    const visitsBefore = await t.ctx.db.selectFrom('visits').select(['id', 'visitor_id', 'headcount']).orderBy('id').execute()

    const result = await mergeOrganizations(bySupervisor(), { keepId, mergeId, reason: '简称登记重复' })

    expect(result).toMatchObject({ mergedId: mergeId, movedVisits: 1, movedVisitors: 1, filled: ['credit_code'] })
    expect(result.kept).toMatchObject({ id: keepId, name: '青山化工有限公司', creditCode: '91350100M000100Y43' })
    // Every visit is still there, unchanged but for its enterprise.
    const visitsAfter = await t.ctx.db
      .selectFrom('visits')
      .select(['id', 'visitor_id', 'headcount', 'organization_id'])
      .orderBy('id')
      .execute()
    expect(visitsAfter.map(({ organization_id: _o, ...v }) => v)).toEqual(visitsBefore)
    expect(new Set(visitsAfter.map((v) => v.organization_id))).toEqual(new Set([keepId]))
    expect(await t.ctx.db.selectFrom('visitors').select('organization_id').where('name', '=', '王磊').executeTakeFirstOrThrow()).toEqual({
      organization_id: keepId,
    })
    // The duplicate is never deleted: it points at the kept record and keeps its own details.
    expect(await orgRow(mergeId)).toMatchObject({ name: '青山化工', credit_code: '91350100M000100Y43', merged_into_id: keepId })
    // The kept enterprise's history now holds all three visits and both open issues.
    const history = await organizationHistory(t.ctx, keepId)
    expect(history.visits).toHaveLength(3)
    expect(history.openIssues).toHaveLength(2)
    expect(history.visitors.map((v) => v.name).sort()).toEqual(['王磊', '陈志强'].sort())
    // Lists and the desk's lookup no longer offer the duplicate.
    const listed = await listOrganizations(t.ctx.db, { page: 1, pageSize: 20 })
    expect(listed.rows.map((o) => [o.id, o.visitCount, o.personTimes])).toEqual([[keepId, 3, 4]])
    expect((await findReturning(t.ctx, '青山化工')).organizations.map((o) => o.id)).toEqual([keepId])
    // One audit row on each record, the chain intact.
    const rows = await auditRows('organization')
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['merge', keepId],
      ['merged_into', mergeId],
    ])
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toMatchObject({
      mergedId: mergeId,
      movedVisits: 1,
      movedVisitors: 1,
      reason: '简称登记重复',
    })
    expect((await verifyAuditChain(t.ctx.db)).brokenAt).toBeNull()
  })

  it('lets the desk register into the kept enterprise by the credit code it took over', async () => {
    const kept = await enterpriseVisit('陈志强', null, { name: '青山化工有限公司' })
    const dup = await enterpriseVisit('王磊', null, { name: '青山化工', creditCode: '91350100M000100Y43' })
    await mergeOrganizations(bySupervisor(), { keepId: kept.organizationId ?? 0, mergeId: dup.organizationId ?? 0 })
    const again = await enterpriseVisit('王磊', null, { name: '青山化工有限公司', creditCode: '91350100M000100Y43' })
    expect(again.organizationId).toBe(kept.organizationId)
  })

  it('points records merged into the duplicate earlier at the kept enterprise', async () => {
    const a = await enterpriseVisit('甲', null, { name: '甲公司' })
    const b = await enterpriseVisit('乙', null, { name: '乙公司' })
    const c = await enterpriseVisit('丙', null, { name: '丙公司' })
    await mergeOrganizations(bySupervisor(), { keepId: b.organizationId ?? 0, mergeId: a.organizationId ?? 0 })
    await mergeOrganizations(bySupervisor(), { keepId: c.organizationId ?? 0, mergeId: b.organizationId ?? 0 })
    expect((await orgRow(a.organizationId ?? 0)).merged_into_id).toBe(c.organizationId)
    expect((await orgRow(b.organizationId ?? 0)).merged_into_id).toBe(c.organizationId)
    expect((await organizationHistory(t.ctx, c.organizationId ?? 0)).visits).toHaveLength(3)
  })

  it('refuses to merge an enterprise into itself, an already merged one, or into a merged one, and changes nothing', async () => {
    const a = await enterpriseVisit('甲', null, { name: '甲公司' })
    const b = await enterpriseVisit('乙', null, { name: '乙公司' })
    const c = await enterpriseVisit('丙', null, { name: '丙公司' })
    const [ida, idb, idc] = [a.organizationId ?? 0, b.organizationId ?? 0, c.organizationId ?? 0]
    await mergeOrganizations(bySupervisor(), { keepId: ida, mergeId: idb })
    const before = await tableCounts(t)
    const visits = await t.ctx.db.selectFrom('visits').select(['id', 'organization_id']).orderBy('id').execute()

    await expect(mergeOrganizations(bySupervisor(), { keepId: ida, mergeId: ida })).rejects.toThrow(
      '不能把企业与它自己合并，请选择另一条记录',
    )
    await expect(mergeOrganizations(bySupervisor(), { keepId: idc, mergeId: idb })).rejects.toThrow(
      '“乙公司”已合并到其他企业，不能再次合并',
    )
    await expect(mergeOrganizations(bySupervisor(), { keepId: idb, mergeId: idc })).rejects.toThrow(
      /“乙公司”已合并到其他企业，不能作为保留的记录/,
    )
    await expect(mergeOrganizations(bySupervisor(), { keepId: ida, mergeId: 9999 })).rejects.toThrow(LedgerError)

    expect(await tableCounts(t)).toEqual(before)
    expect(await t.ctx.db.selectFrom('visits').select(['id', 'organization_id']).orderBy('id').execute()).toEqual(visits)
    expect((await orgRow(idc)).merged_into_id).toBeNull()
  })
})

describe('merging visitors', () => {
  it('moves every visit of the duplicate person, takes over the phone the kept record lacked, and keeps the duplicate marked', async () => {
    const kept = await registerVisit(t.ctx, residentVisit(sessionId, { visitor: { name: '张桂芳', phone: null, kind: 'resident' } }))
    const dup = await registerVisit(
      t.ctx,
      residentVisit(sessionId, {
        visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
        matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '夜间施工噪声' }],
      }),
    )
    expect(dup.visitorId).not.toBe(kept.visitorId)

    const result = await mergeVisitors(bySupervisor(), { keepId: kept.visitorId, mergeId: dup.visitorId })

    expect(result).toMatchObject({ mergedId: dup.visitorId, movedVisits: 1, movedVisitors: 0, filled: ['phone'] })
    // The screen only ever sees the number masked.
    expect(result.kept.phone).toBe('138****5678')
    expect(
      await t.ctx.db.selectFrom('visitors').select(['phone', 'merged_into_id']).where('id', '=', dup.visitorId).executeTakeFirstOrThrow(),
    ).toEqual({
      phone: '13812345678',
      merged_into_id: kept.visitorId,
    })
    const history = await visitorHistory(t.ctx, kept.visitorId)
    expect(history.visits).toHaveLength(2)
    expect(history.openIssues).toHaveLength(1)
    expect((await listVisitors(t.ctx.db, { page: 1, pageSize: 20 })).rows.map((v) => v.id)).toEqual([kept.visitorId])
    // The audit names the fields taken over, never the number.
    const rows = await auditRows('visitor')
    expect(rows.map((r) => r.action)).toEqual(['merge', 'merged_into'])
    expect(rows.map((r) => r.detail).join('')).not.toContain('13812345678')
  })

  it('refuses to merge a visitor into themself or twice, and changes nothing', async () => {
    const a = await registerVisit(t.ctx, residentVisit(sessionId, { visitor: { name: '甲', phone: null, kind: 'resident' } }))
    const b = await registerVisit(t.ctx, residentVisit(sessionId, { visitor: { name: '乙', phone: null, kind: 'resident' } }))
    await expect(mergeVisitors(bySupervisor(), { keepId: a.visitorId, mergeId: a.visitorId })).rejects.toThrow(
      '不能把来访人与它自己合并，请选择另一条记录',
    )
    await mergeVisitors(bySupervisor(), { keepId: a.visitorId, mergeId: b.visitorId })
    const before = await tableCounts(t)
    await expect(mergeVisitors(bySupervisor(), { keepId: a.visitorId, mergeId: b.visitorId })).rejects.toThrow(
      '来访人“乙”已合并到其他记录，不能再次合并',
    )
    expect(await tableCounts(t)).toEqual(before)
  })
})

describe('through the contract', () => {
  it('answers list and merge calls from the renderer, and refuses a self-merge in Chinese', async () => {
    const a = await enterpriseVisit('甲', null, { name: '甲公司' })
    const b = await enterpriseVisit('乙', null, { name: '甲公司（旧）' })
    const state = appState(t, actorOf(f.leader))
    const listed = await dispatch(state, 'organization-list', { query: '甲公司', page: 1, pageSize: 10 })
    expect(listed.ok && listed.data).toMatchObject({ total: 2, page: 1, pageSize: 10 })
    expect(await dispatch(state, 'organization-merge', { keepId: a.organizationId, mergeId: a.organizationId })).toEqual({
      ok: false,
      error: { code: 'invalid_merge', message: '不能把企业与它自己合并，请选择另一条记录' },
    })
    const merged = await dispatch(state, 'organization-merge', { keepId: a.organizationId, mergeId: b.organizationId, reason: '同一企业' })
    expect(merged.ok && merged.data).toMatchObject({ mergedId: b.organizationId, movedVisits: 1 })
    const badPage = await dispatch(state, 'visitor-list', { page: 0, pageSize: 10 })
    expect(badPage.ok).toBe(false)
  })
})
