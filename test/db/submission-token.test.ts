import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { correctVisit } from '../../db/visits/corrections'
import { listSessionVisits, registerContact, registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

const issueVisit = (sessionId: number, submissionToken: string) =>
  residentVisit(sessionId, {
    submissionToken,
    matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '化工园区夜间有刺鼻气味', place: '城东工业园' }],
  })

describe('one form submission, one visit', () => {
  it('saves one visit, one issue number and one audit row when the same submission arrives twice in the same instant', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const auditBefore = await t.ctx.db.selectFrom('audit_log').select('id').execute()
    const [a, b] = await Promise.all([
      registerVisit(t.ctx, issueVisit(day.id, 'form-7f3a9c01')),
      registerVisit(t.ctx, issueVisit(day.id, 'form-7f3a9c01')),
    ])
    expect(b.id).toBe(a.id)
    expect(await t.ctx.db.selectFrom('visits').select('id').execute()).toEqual([{ id: a.id }])
    expect(await t.ctx.db.selectFrom('issues').select('number').execute()).toEqual([{ number: 'JD-2026-11-0001' }])
    const registered = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('id', 'not in', auditBefore.length > 0 ? auditBefore.map((r) => r.id) : [-1])
      .where('action', '=', 'register')
      .execute()
    expect(registered).toHaveLength(1)
  })

  it('answers a later resubmission (after a reload mid-save) with the visit saved the first time', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const first = await registerVisit(t.ctx, issueVisit(day.id, 'form-reloaded-1'))
    t.clock.tick(600)
    const again = await registerVisit(t.ctx, issueVisit(day.id, 'form-reloaded-1'))
    expect(again).toEqual(first)
  })

  it('answers a resubmission after the visit was corrected with the visit as it is now, its correction counted', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const first = await registerVisit(t.ctx, issueVisit(day.id, 'form-corrected-1'))
    expect(first.correctionCount).toBe(0)
    await correctVisit(t.ctx, { visitId: first.id, headcount: 3, reason: '同来的还有两位村民' })
    const again = await registerVisit(t.ctx, issueVisit(day.id, 'form-corrected-1'))
    expect(again).toMatchObject({ id: first.id, headcount: 3, correctionCount: 1 })
  })

  it('answers a new registration with the visit as the day’s list shows it', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const saved = await registerVisit(t.ctx, issueVisit(day.id, 'form-listed-01'))
    const listed = await listSessionVisits(t.ctx, day.id)
    expect(listed.rows).toEqual([saved])
  })

  it('saves two visits for two submissions, however alike they are', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, issueVisit(day.id, 'form-aaaaaaaa'))
    await registerVisit(t.ctx, issueVisit(day.id, 'form-bbbbbbbb'))
    expect(await t.ctx.db.selectFrom('visits').select('id').execute()).toHaveLength(2)
  })

  it('keeps a call or letter to one record per submission too', async () => {
    const { sessionId: _none, ...call } = residentVisit(0)
    const input = { ...call, channel: 'phone' as const, date: '2026-11-09', submissionToken: 'call-0001-abcd' }
    const [a, b] = await Promise.all([registerContact(t.ctx, input), registerContact(t.ctx, input)])
    expect(b.id).toBe(a.id)
    expect(await t.ctx.db.selectFrom('visits').select('id').execute()).toHaveLength(1)
  })

  it('is held by the file as well: a second row with the same token is refused by its unique index', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(t.ctx, issueVisit(day.id, 'form-unique-01'))
    const copy = sql`insert into visits (session_id, visitor_id, headcount, visit_date, arrived_at, channel, created_at, submission_token)
      select session_id, visitor_id, headcount, visit_date, arrived_at, channel, created_at, submission_token from visits where id = ${v.id}`
    await expect(copy.execute(t.ctx.db)).rejects.toThrow(/UNIQUE|duplicate key/)
  })

  it('refuses a malformed token with a Chinese message', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const e = await refused(registerVisit(t.ctx, issueVisit(day.id, 'x')))
    expect(e.message).toContain('提交标识格式不正确')
  })
})
