import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { closeSession, currentSession, leftOpenSessions, openSession, planSession, updateSession } from '../../db/sessions/sessions'
import { registerContact, registerVisit } from '../../db/visits/register'
import { signedOut } from '../../db/core/access'
import { openDay, residentVisit } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-12-02 08:00:00', (s) => ({ t, f } = s))

describe('a reception day left open overnight', () => {
  it('is refused as the target of the next morning’s walk-in, with the day it is in the message, and nothing is saved', async () => {
    const day = await openDay(t, f, '2026-12-02', 'public')
    await registerVisit(t.ctx, residentVisit(day.id))
    t.clock.set('2026-12-03 09:10:00')
    const before = await tableCounts(t)
    const e = await refused(registerVisit(t.ctx, residentVisit(day.id)))
    expect(e.code).toBe('session_not_today')
    expect(e.message).toContain('进行中的接待日是12月2日')
    expect(e.message).toContain('今天是12月3日')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('is never the desk’s current day the next morning, and is listed as left open instead', async () => {
    const day = await openDay(t, f, '2026-12-02', 'public')
    expect((await currentSession(t.ctx))?.id).toBe(day.id)
    t.clock.set('2026-12-03 00:05:00')
    expect(await currentSession(t.ctx)).toBeNull()
    expect((await leftOpenSessions(t.ctx)).map((s) => s.date)).toEqual(['2026-12-02'])
  })

  it('files a walk-in at 00:30 on the first of the month under the new month, never the old month’s open day', async () => {
    t.clock.set('2026-11-30 08:00:00')
    const november = await openDay(t, f, '2026-11-30', 'public')
    t.clock.set('2026-12-01 00:30:00')
    expect((await refused(registerVisit(t.ctx, residentVisit(november.id)))).code).toBe('session_not_today')
    await closeSession(t.ctx, november.id)
    const december = await planSession(t.ctx, { date: '2026-12-01', kind: 'public', location: '接待室' })
    await openSession(t.ctx, december.id)
    const v = await registerVisit(t.ctx, residentVisit(december.id))
    expect(v.visitDate).toBe('2026-12-01')
    const novemberVisits = await t.ctx.db
      .selectFrom('visits')
      .select('id')
      .where('visit_date', '>=', '2026-11-01')
      .where('visit_date', '<', '2026-12-01')
      .execute()
    expect(novemberVisits).toEqual([])
  })

  it('takes the walk-in outside a reception day instead, dated the day it arrived', async () => {
    const day = await openDay(t, f, '2026-12-02', 'public')
    t.clock.set('2026-12-24 10:00:00')
    const { sessionId: _session, ...walkIn } = residentVisit(day.id)
    const v = await registerContact(t.ctx, { ...walkIn, channel: 'walk_in', date: '2026-12-24' })
    expect(v).toMatchObject({ visitDate: '2026-12-24', sessionId: null, channel: 'walk_in' })
  })
})

describe('opening and moving reception days', () => {
  it('refuses to open a planned day whose date has passed', async () => {
    const s = await planSession(t.ctx, { date: '2026-12-02', kind: 'public', location: '接待室' })
    t.clock.set('2026-12-03 08:30:00')
    const e = await refused(openSession(t.ctx, s.id))
    expect(e.message).toContain('定于 12月2日，日期已过')
  })

  it('refuses to move a reception day that has visits to another date', async () => {
    const day = await openDay(t, f, '2026-12-02', 'public')
    await registerVisit(t.ctx, residentVisit(day.id))
    const e = await refused(updateSession(t.ctx, day.id, { date: '2026-12-03', kind: 'public', location: '接待室' }))
    expect(e.message).toContain('日期不能再改')
  })

  it('refuses, in the file itself, a visit row whose date is not its reception day’s', async () => {
    const day = await openDay(t, f, '2026-12-02', 'public')
    const v = await registerVisit(t.ctx, residentVisit(day.id))
    const wrong = sql`update visits set visit_date = '2026-12-01' where id = ${v.id}`.execute(t.ctx.db)
    await expect(wrong).rejects.toThrow('来访日期须为所在接待日的日期')
    const moved = sql`update sessions set date = '2026-12-03' where id = ${day.id}`.execute(t.ctx.db)
    await expect(moved).rejects.toThrow('接待日已有来访登记，日期不能再改')
    // A desk visit outside a reception day is dated its arrival too.
    const late = sql`insert into visits (session_id, visitor_id, headcount, visit_date, arrived_at, channel, created_at)
      select null, visitor_id, 1, '2026-12-01', '2026-12-02 10:00:00', 'desk', created_at from visits where id = ${v.id}`
    await expect(late.execute(t.ctx.db)).rejects.toThrow('现场来访的日期须为到达当天')
  })
})

describe('the desk clerk on duty', () => {
  it('refuses a registration from a desk with nobody signed in once the office has staff, and saves nothing', async () => {
    const day = await openDay(t, f, '2026-12-02', 'public')
    t.ctx.actor = signedOut
    const before = await tableCounts(t)
    const e = await refused(registerVisit(t.ctx, residentVisit(day.id)))
    expect(e.code).toBe('forbidden')
    expect(e.message).toContain('值班人员')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('puts the signed-in clerk who registers on the day’s 值班人员, once', async () => {
    const s = await planSession(t.ctx, { date: '2026-12-02', kind: 'public', location: '接待室', staffIds: [] })
    await openSession(t.ctx, s.id)
    await registerVisit(t.ctx, residentVisit(s.id))
    await registerVisit(t.ctx, residentVisit(s.id))
    const duty = await t.ctx.db.selectFrom('session_staff').select('staff_id').where('session_id', '=', s.id).execute()
    expect(duty).toEqual([{ staff_id: f.desk.id }])
  })
})
