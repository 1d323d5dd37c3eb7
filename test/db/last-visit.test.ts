import { describe, expect, it } from 'vitest'
import { listOrganizations, listVisitors, mergeVisitors } from '../../db/directory/list'
import { correctVisit } from '../../db/visits/corrections'
import { registerVisit } from '../../db/visits/register'
import { voidVisit } from '../../db/visits/voids'
import { openDay, residentVisit } from '../support/desk'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { bySupervisor, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-03 08:00:00', (s) => ({ t, f } = s))

const zhang = { name: '张桂芳', phone: '13812345678', kind: 'enterprise' as const }
const factory = { name: '城东化工有限公司', creditCode: '91350100M000100Y43' }

/** What the ledger keeps on the records, read straight from the rows. */
function kept(): { visitors: Record<string, string | null>; organizations: Record<string, string | null> } {
  const rows = (table: string) =>
    t.ledger.sqlite.prepare(`select name, last_visit_date as last from ${table} where merged_into_id is null order by id`).all()
  const byName = (list: unknown[]) =>
    Object.fromEntries(list.map((r) => (r !== null && typeof r === 'object' && 'name' in r && 'last' in r ? [r.name, r.last] : [])))
  return { visitors: byName(rows('visitors')), organizations: byName(rows('organizations')) }
}

describe('each visitor’s and enterprise’s last-visit date', () => {
  it('is the day of the latest visit registered, for the visitor and their enterprise', async () => {
    const first = await openDay(t, f, '2026-11-03')
    await registerVisit(t.ctx, residentVisit(first.id, { visitor: zhang, organization: factory }))
    await registerVisit(t.ctx, residentVisit(first.id, { visitor: { name: '李四', kind: 'resident' } }))
    const second = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, residentVisit(second.id, { visitor: zhang, organization: factory }))
    expect(kept()).toEqual({
      visitors: { 张桂芳: '2026-11-10', 李四: '2026-11-03' },
      organizations: { 城东化工有限公司: '2026-11-10' },
    })
  })

  it('goes back to the visit before when the latest is voided, and to none when every visit is', async () => {
    const first = await openDay(t, f, '2026-11-03')
    const early = await registerVisit(t.ctx, residentVisit(first.id, { visitor: zhang, organization: factory }))
    const second = await openDay(t, f, '2026-11-10')
    const late = await registerVisit(t.ctx, residentVisit(second.id, { visitor: zhang, organization: factory }))
    const supervisor = bySupervisor(t, f)
    await voidVisit(supervisor, { visitId: late.id, reason: '重复登记' })
    expect(kept()).toEqual({ visitors: { 张桂芳: '2026-11-03' }, organizations: { 城东化工有限公司: '2026-11-03' } })
    await voidVisit(supervisor, { visitId: early.id, reason: '登记错了来访人' })
    expect(kept()).toEqual({ visitors: { 张桂芳: null }, organizations: { 城东化工有限公司: null } })
  })

  it('stays as it was when a visit is corrected', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(t.ctx, residentVisit(day.id, { visitor: zhang, organization: factory }))
    await correctVisit(t.ctx, { visitId: v.id, headcount: 3, note: '同来的还有两位村民', reason: '核对人数' })
    expect(kept()).toEqual({ visitors: { 张桂芳: '2026-11-10' }, organizations: { 城东化工有限公司: '2026-11-10' } })
  })

  it('takes the later of the two when a duplicate visitor is merged into the one kept', async () => {
    const first = await openDay(t, f, '2026-11-03')
    await registerVisit(t.ctx, residentVisit(first.id, { visitor: { name: '王芳', phone: '13900001111', kind: 'resident' } }))
    const second = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, residentVisit(second.id, { visitor: { name: '王芳', phone: '13900002222', kind: 'resident' } }))
    const [later, earlier] = (await listVisitors(t.ctx.db, { page: 1, pageSize: 10 })).rows
    if (!later || !earlier) throw new Error('two visitors expected')
    await mergeVisitors(bySupervisor(t, f), { keepId: earlier.id, mergeId: later.id, reason: '同一人换了号码' })
    expect(kept().visitors).toEqual({ 王芳: '2026-11-10' })
  })

  it('orders the directory’s lists, most recently seen first and never seen last', async () => {
    const first = await openDay(t, f, '2026-11-03')
    await registerVisit(t.ctx, residentVisit(first.id, { visitor: zhang, organization: factory }))
    const second = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, residentVisit(second.id, { visitor: { name: '李四', kind: 'resident' } }))
    const gone = await registerVisit(t.ctx, residentVisit(second.id, { visitor: { name: '赵六', kind: 'resident' } }))
    await voidVisit(bySupervisor(t, f), { visitId: gone.id, reason: '重复登记' })
    const visitors = await listVisitors(t.ctx.db, { page: 1, pageSize: 10 })
    expect(visitors.rows.map((r) => [r.name, r.lastVisitDate])).toEqual([
      ['李四', '2026-11-10'],
      ['张桂芳', '2026-11-03'],
      ['赵六', null],
    ])
    const organizations = await listOrganizations(t.ctx.db, { page: 1, pageSize: 10 })
    expect(organizations.rows.map((r) => [r.name, r.lastVisitDate])).toEqual([['城东化工有限公司', '2026-11-03']])
  })
})
