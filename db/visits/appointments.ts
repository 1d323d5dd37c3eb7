import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { cleanCreditCode, cleanPhone } from '../directory/identity'
import { maskPhone } from '../privacy/mask'
import { getSettings } from '../reference/reference'
import { getSession } from '../sessions/sessions'
import type { Appointment, SessionAppointments, VisitorKind } from '../../shared/types'
import { optionalText, requireText } from '../validation/text'

export interface BookingInput {
  sessionId: number
  visitorName: string
  phone?: string | null | undefined
  kind: VisitorKind
  organizationName?: string | null | undefined
  creditCode?: string | null | undefined
  headcount: number
  questions: { categoryId?: number | null | undefined; content: string }[]
  note?: string | null | undefined
}

export const MAX_QUESTIONS_PER_BOOKING = 10

async function loadAppointments(db: Executor, sessionId: number, sessionClosed: boolean): Promise<Appointment[]> {
  const rows = await db.selectFrom('appointments').selectAll().where('session_id', '=', sessionId).orderBy('id').execute()
  if (rows.length === 0) return []
  const questions = await db
    .selectFrom('appointment_questions as q')
    .leftJoin('categories as c', 'c.id', 'q.category_id')
    .select(['q.appointment_id', 'q.category_id', 'c.name as category_name', 'q.content'])
    .where(
      'q.appointment_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('q.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    sessionId: r.session_id,
    visitorName: r.visitor_name,
    phone: maskPhone(r.phone),
    kind: r.kind,
    organizationName: r.organization_name,
    creditCode: r.credit_code,
    headcount: r.headcount,
    status: r.status === 'booked' && sessionClosed ? 'no_show' : r.status,
    visitId: r.visit_id,
    note: r.note,
    cancelReason: r.cancel_reason,
    questions: questions
      .filter((q) => q.appointment_id === r.id)
      .map((q) => ({ categoryId: q.category_id, categoryName: q.category_name, content: q.content })),
  }))
}

export async function sessionAppointments(db: Executor, sessionId: number): Promise<SessionAppointments> {
  const session = await getSession(db, sessionId)
  const limits = await db
    .selectFrom('sessions')
    .select(['max_bookings', 'max_people_per_booking'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow()
  const settings = await getSettings(db)
  return {
    session,
    maxBookings: limits.max_bookings,
    maxPeoplePerBooking: limits.max_people_per_booking,
    appointments: await loadAppointments(db, sessionId, session.status === 'closed'),
    bureauName: settings.bureauName,
  }
}

export async function setBookingLimits(
  ctx: LedgerContext,
  input: { sessionId: number; maxBookings: number | null; maxPeoplePerBooking: number | null },
): Promise<SessionAppointments> {
  for (const [v, label] of [
    [input.maxBookings, '预约上限'],
    [input.maxPeoplePerBooking, '每家（每批）人数上限'],
  ] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 1 || v > 999))
      throw new LedgerError('invalid_input', `${label}须为 1 至 999 的整数，或留空表示不限`)
  }
  await write(ctx, async (trx) => {
    const s = await getSession(trx, input.sessionId)
    if (s.status === 'closed') throw new LedgerError('invalid_transition', `接待日“${s.title}”已结束，不能再修改预约上限`)
    const booked = await activeBookings(trx, input.sessionId)
    if (input.maxBookings !== null && booked > input.maxBookings) {
      throw new LedgerError('invalid_input', `已有 ${booked} 个预约，上限不能低于 ${booked}`)
    }
    await trx
      .updateTable('sessions')
      .set({
        version: nextVersion,
        max_bookings: input.maxBookings,
        max_people_per_booking: input.maxPeoplePerBooking,
        updated_at: stamp(ctx),
      })
      .where('id', '=', input.sessionId)
      .execute()
    await audit(trx, ctx, 'set_booking_limits', 'session', input.sessionId, {
      maxBookings: input.maxBookings,
      maxPeoplePerBooking: input.maxPeoplePerBooking,
    })
  })
  return sessionAppointments(ctx.db, input.sessionId)
}

async function activeBookings(trx: Executor, sessionId: number): Promise<number> {
  const row = await trx
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Books a visitor or enterprise into a reception day, within the day's caps. */
export async function bookAppointment(ctx: LedgerContext, input: BookingInput): Promise<Appointment> {
  const visitorName = requireText(input.visitorName, '预约人姓名', 50)
  const phone = cleanPhone(input.phone)
  const organizationName = input.kind === 'enterprise' ? requireText(input.organizationName, '企业（单位）名称', 100) : null
  const creditCode = input.kind === 'enterprise' ? cleanCreditCode(input.creditCode) : null
  const note = optionalText(input.note, '备注', 500)
  if (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 999)
    throw new LedgerError('invalid_input', '预约人数须为 1 至 999 的整数')
  if (input.questions.length > MAX_QUESTIONS_PER_BOOKING)
    throw new LedgerError('invalid_input', `每个预约最多提交 ${MAX_QUESTIONS_PER_BOOKING} 个问题`)
  const questions = input.questions.map((q, i) => ({
    categoryId: q.categoryId ?? null,
    content: requireText(q.content, `第${i + 1}个问题`, 2000),
  }))

  const id = await write(ctx, async (trx) => {
    const s = await getSession(trx, input.sessionId)
    if (s.status === 'closed') throw new LedgerError('invalid_transition', `接待日“${s.title}”已结束，不能再预约`)
    const limits = await trx
      .selectFrom('sessions')
      .select(['max_bookings', 'max_people_per_booking'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow()
    if (limits.max_people_per_booking !== null && input.headcount > limits.max_people_per_booking) {
      throw new LedgerError(
        'booking_full',
        `“${s.title}”每家（每批）最多 ${limits.max_people_per_booking} 人，本次预约 ${input.headcount} 人`,
      )
    }
    if (limits.max_bookings !== null && (await activeBookings(trx, s.id)) >= limits.max_bookings) {
      throw new LedgerError('booking_full', `“${s.title}”预约已满（上限 ${limits.max_bookings} 个），请预约其他接待日`)
    }
    for (const q of questions) {
      if (q.categoryId !== null && !(await trx.selectFrom('categories').select('id').where('id', '=', q.categoryId).executeTakeFirst()))
        throw notFound('问题类别', q.categoryId)
    }
    const at = stamp(ctx)
    const row = await trx
      .insertInto('appointments')
      .values({
        session_id: s.id,
        visitor_name: visitorName,
        phone,
        kind: input.kind,
        organization_name: organizationName,
        credit_code: creditCode,
        headcount: input.headcount,
        visit_id: null,
        note,
        cancel_reason: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (questions.length > 0) {
      await trx
        .insertInto('appointment_questions')
        .values(questions.map((q) => ({ appointment_id: row.id, category_id: q.categoryId, content: q.content })))
        .execute()
    }
    await audit(trx, ctx, 'book', 'appointment', row.id, {
      sessionId: s.id,
      visitorName,
      kind: input.kind,
      headcount: input.headcount,
      questions: questions.length,
    })
    return row.id
  })
  return getAppointment(ctx.db, id)
}

export async function getAppointment(db: Executor, id: number): Promise<Appointment> {
  const row = await db.selectFrom('appointments').select('session_id').where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('预约', id)
  const found = (await sessionAppointments(db, row.session_id)).appointments.find((a) => a.id === id)
  if (!found) throw notFound('预约', id)
  return found
}

export async function cancelAppointment(
  ctx: LedgerContext,
  input: { appointmentId: number; reason: string } & Versioned,
): Promise<Appointment> {
  const reason = requireText(input.reason, '取消原因', 500)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'appointments', input.appointmentId, input.version)
    const a = await trx.selectFrom('appointments').selectAll().where('id', '=', input.appointmentId).executeTakeFirst()
    if (!a) throw notFound('预约', input.appointmentId)
    if (a.status !== 'booked')
      throw new LedgerError('invalid_transition', a.status === 'arrived' ? '该预约人已到访登记，不能取消' : '该预约已取消')
    await trx
      .updateTable('appointments')
      .set({ version: nextVersion, status: 'cancelled', cancel_reason: reason, updated_at: stamp(ctx) })
      .where('id', '=', a.id)
      .execute()
    await audit(trx, ctx, 'cancel', 'appointment', a.id, { reason })
  })
  return getAppointment(ctx.db, input.appointmentId)
}

/** Called inside the registration's transaction: the booking becomes that visit. */
export async function markArrived(trx: Tx, ctx: LedgerContext, appointmentId: number, sessionId: number, visitId: number): Promise<void> {
  const a = await trx.selectFrom('appointments').selectAll().where('id', '=', appointmentId).executeTakeFirst()
  if (!a) throw notFound('预约', appointmentId)
  if (a.session_id !== sessionId) throw new LedgerError('invalid_input', '该预约不属于当前接待日')
  if (a.status !== 'booked')
    throw new LedgerError('invalid_transition', a.status === 'arrived' ? '该预约人已登记过，请勿重复登记' : '该预约已取消')
  await trx
    .updateTable('appointments')
    .set({ version: nextVersion, status: 'arrived', visit_id: visitId, updated_at: stamp(ctx) })
    .where('id', '=', a.id)
    .execute()
  await audit(trx, ctx, 'arrive', 'appointment', a.id, { visitId })
}

/** The full phone of a booking, for the registration it turns into (the desk never sees it). */
export async function bookingIdentity(db: Executor, appointmentId: number): Promise<{ phone: string | null; creditCode: string | null }> {
  const a = await db.selectFrom('appointments').select(['phone', 'credit_code']).where('id', '=', appointmentId).executeTakeFirst()
  if (!a) throw notFound('预约', appointmentId)
  return { phone: a.phone, creditCode: a.credit_code }
}
