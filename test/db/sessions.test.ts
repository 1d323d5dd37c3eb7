import { describe, expect, it } from 'vitest'
import { LedgerError } from '../../db/core/errors'
import { closeSession, currentSession, getSession, listSessions, openSession, planSession, updateSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { residentVisit } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

describe('reception days', () => {
  it('plans a day with a host leader and staff on duty, and names it after its date and kind', async () => {
    const s = await planSession(t.ctx, {
      date: '2026-11-18',
      kind: 'enterprise',
      location: '政务服务中心生态环境窗口',
      hostLeaderId: f.leader.id,
      staffIds: [f.desk.id, f.handler.id],
    })
    expect(s).toMatchObject({
      title: '2026年11月18日服务企业接待日',
      status: 'planned',
      hostLeaderName: '李建国',
      staffNames: ['王晓丽', '赵刚'],
      visitCount: 0,
    })
  })

  it('opens a planned day on its date, takes visits, and shows its figures once closed', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-10', kind: 'public', location: '接待室' })
    await openSession(t.ctx, s.id)
    expect((await currentSession(t.ctx))?.id).toBe(s.id)
    await registerVisit(t.ctx, residentVisit(s.id, { headcount: 3 }))
    await registerVisit(t.ctx, residentVisit(s.id, { matters: [{ type: 'issue', categoryId: f.category('水').id, content: '河道垃圾' }] }))
    const closed = await closeSession(t.ctx, s.id)
    expect(closed).toMatchObject({ status: 'closed', visitCount: 2, personTimes: 4, consultationCount: 1, issueCount: 1 })
    expect(await currentSession(t.ctx)).toBeNull()
  })

  it('refuses to open a day before its date, or twice, and to close one not open', async () => {
    const later = await planSession(t.ctx, { date: '2026-11-20', kind: 'public', location: '接待室' })
    const before = await tableCounts(t)
    await expect(openSession(t.ctx, later.id)).rejects.toThrow(/还未到开始的日子/)
    await expect(closeSession(t.ctx, later.id)).rejects.toThrow(/只有进行中的接待日可以结束/)
    expect(await tableCounts(t)).toEqual(before)
    const today = await planSession(t.ctx, { date: '2026-11-10', kind: 'leader', location: '局长室' })
    await openSession(t.ctx, today.id)
    await expect(openSession(t.ctx, today.id)).rejects.toThrow(LedgerError)
    expect((await getSession(t.ctx.db, today.id)).status).toBe('open')
  })

  it('refuses to edit a closed day', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-10', kind: 'public', location: '接待室' })
    await openSession(t.ctx, s.id)
    await closeSession(t.ctx, s.id)
    await expect(updateSession(t.ctx, s.id, { date: '2026-11-10', kind: 'public', location: '新地点' })).rejects.toThrow(
      /已结束的接待日不能再修改/,
    )
  })

  it('lists a month of days, newest first', async () => {
    await planSession(t.ctx, { date: '2026-11-05', kind: 'public', location: 'A' })
    await planSession(t.ctx, { date: '2026-11-25', kind: 'enterprise', location: 'B' })
    await planSession(t.ctx, { date: '2026-12-02', kind: 'enterprise', location: 'C' })
    expect((await listSessions(t.ctx.db, { month: '2026-11' })).map((s) => s.location)).toEqual(['B', 'A'])
  })

  it('refuses an impossible date and an empty location', async () => {
    await expect(planSession(t.ctx, { date: '2026-02-30', kind: 'public', location: '接待室' })).rejects.toThrow(/接待日期不是有效日期/)
    await expect(planSession(t.ctx, { date: '2026-11-30', kind: 'public', location: '  ' })).rejects.toThrow('请填写接待地点')
  })
})
