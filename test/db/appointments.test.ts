import { describe, expect, it } from 'vitest'
import { bookAppointment, cancelAppointment, sessionAppointments, setBookingLimits } from '../../db/visits/appointments'
import { LedgerError } from '../../db/core/errors'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-02 09:00:00', (s) => ({ t, f } = s))

const enterprise = (sessionId: number, name: string, headcount = 2) => ({
  sessionId,
  visitorName: name,
  phone: '13900001111',
  kind: 'enterprise' as const,
  organizationName: `${name}所在企业`,
  headcount,
  questions: [{ categoryId: f.category('排污许可').id, content: '排污许可证变更需要多久' }, { content: '能否现场指导危废台账' }],
})

describe('appointments', () => {
  it('books enterprises into a planned day with their questions, masked on the way out', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-12', kind: 'enterprise', location: '窗口' })
    const a = await bookAppointment(t.ctx, enterprise(s.id, '陈志强'))
    expect(a).toMatchObject({ status: 'booked', phone: '139****1111', headcount: 2, organizationName: '陈志强所在企业' })
    expect(a.questions.map((q) => [q.categoryName, q.content])).toEqual([
      ['排污许可', '排污许可证变更需要多久'],
      [null, '能否现场指导危废台账'],
    ])
  })

  it("refuses a booking beyond the day's cap with a clear message and saves nothing", async () => {
    const s = await planSession(t.ctx, { date: '2026-11-12', kind: 'enterprise', location: '窗口' })
    await setBookingLimits(t.ctx, { sessionId: s.id, maxBookings: 2, maxPeoplePerBooking: 3 })
    await bookAppointment(t.ctx, enterprise(s.id, '甲'))
    await bookAppointment(t.ctx, enterprise(s.id, '乙'))
    const before = await tableCounts(t)
    await expect(bookAppointment(t.ctx, enterprise(s.id, '丙'))).rejects.toThrow('预约已满（上限 2 个），请预约其他接待日')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses more people per booking than the cap allows', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-12', kind: 'enterprise', location: '窗口' })
    await setBookingLimits(t.ctx, { sessionId: s.id, maxBookings: null, maxPeoplePerBooking: 3 })
    await expect(bookAppointment(t.ctx, enterprise(s.id, '甲', 4))).rejects.toThrow('每家（每批）最多 3 人，本次预约 4 人')
  })

  it('frees a place when a booking is cancelled', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-12', kind: 'enterprise', location: '窗口' })
    await setBookingLimits(t.ctx, { sessionId: s.id, maxBookings: 1, maxPeoplePerBooking: null })
    const a = await bookAppointment(t.ctx, enterprise(s.id, '甲'))
    await cancelAppointment(t.ctx, { appointmentId: a.id, reason: '企业改期' })
    expect((await bookAppointment(t.ctx, enterprise(s.id, '乙'))).status).toBe('booked')
  })

  it('turns an arrival into a visit with its questions as matters and shows who did not come', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-02', kind: 'enterprise', location: '窗口' })
    const came = await bookAppointment(t.ctx, enterprise(s.id, '陈志强'))
    const absent = await bookAppointment(t.ctx, enterprise(s.id, '林小红'))
    await openSession(t.ctx, s.id)
    const v = await registerVisit(t.ctx, {
      sessionId: s.id,
      appointmentId: came.id,
      visitor: { name: '陈志强', kind: 'enterprise' },
      organization: { name: '陈志强所在企业' },
      headcount: 2,
      matters: [
        { type: 'consultation', categoryId: f.category('排污许可').id, content: '排污许可证变更需要多久', answer: '材料齐全 10 个工作日' },
        { type: 'issue', categoryId: f.category('固废/危废').id, content: '能否现场指导危废台账' },
      ],
    })
    // The booking's phone, which the desk only saw masked, is the visitor's phone.
    expect(v.visitorPhone).toBe('139****1111')
    await closeSession(t.ctx, s.id)
    const day = await sessionAppointments(t.ctx.db, s.id)
    expect(day.appointments.map((a) => [a.visitorName, a.status, a.visitId])).toEqual([
      ['陈志强', 'arrived', v.id],
      ['林小红', 'no_show', null],
    ])
    expect(absent.status).toBe('booked')
  })

  it('refuses to register the same booking twice', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-02', kind: 'enterprise', location: '窗口' })
    const a = await bookAppointment(t.ctx, enterprise(s.id, '陈志强'))
    await openSession(t.ctx, s.id)
    const input = {
      sessionId: s.id,
      appointmentId: a.id,
      visitor: { name: '陈志强', kind: 'enterprise' as const },
      organization: { name: '陈志强所在企业' },
      headcount: 1,
      matters: [{ type: 'consultation' as const, categoryId: 1, content: '问', answer: '答' }],
    }
    await registerVisit(t.ctx, input)
    const before = await tableCounts(t)
    const e = await registerVisit(t.ctx, input).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LedgerError)
    expect(e instanceof LedgerError && e.message).toBe('该预约人已登记过，请勿重复登记')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses bookings for a day that has ended', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-02', kind: 'public', location: '接待室' })
    await openSession(t.ctx, s.id)
    await closeSession(t.ctx, s.id)
    await expect(bookAppointment(t.ctx, { ...enterprise(s.id, '甲'), kind: 'resident', organizationName: null })).rejects.toThrow(
      '已结束，不能再预约',
    )
  })
})
