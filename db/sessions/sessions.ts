import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { sessionKind, sessionStatus } from '../../shared/codes/sessions'
import { sql } from 'kysely'
import { audit } from '../core/audit'
import { stamp, today, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { SessionKind, SessionStatus } from '../core/schema'
import type { Session } from '../../shared/types'
import { dayLabel } from '../../shared/dates'
import { isYearMonth, monthRange, requireDate } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'
import { restoreHiddenNumbers } from '../privacy/mask'

function defaultTitle(date: string, kind: SessionKind): string {
  const [y, m, d] = date.split('-')
  return `${y}年${Number(m)}月${Number(d)}日${sessionKind.labels[kind]}`
}

function sessionQuery(db: Executor) {
  return db
    .selectFrom('sessions as s')
    .leftJoin('staff as leader', 'leader.id', 's.host_leader_id')
    .selectAll('s')
    .select([
      'leader.name as host_leader_name',
      sql<string | null>`(select group_concat(ss.staff_id) from session_staff ss where ss.session_id = s.id)`.as('staff_ids'),
      sql<
        string | null
      >`(select group_concat(st.name, '、') from session_staff ss join staff st on st.id = ss.staff_id where ss.session_id = s.id)`.as(
        'staff_names',
      ),
      sql<number>`(select count(*) from visits v where v.session_id = s.id and v.voided_at is null)`.as('visit_count'),
      sql<number>`(select coalesce(sum(v.headcount), 0) from visits v where v.session_id = s.id and v.voided_at is null)`.as(
        'person_times',
      ),
      sql<number>`(select count(*) from visits v join matters m on m.visit_id = v.id where v.session_id = s.id and v.voided_at is null and m.type = 'issue')`.as(
        'issue_count',
      ),
      sql<number>`(select count(*) from visits v join matters m on m.visit_id = v.id where v.session_id = s.id and v.voided_at is null and m.type = 'consultation')`.as(
        'consultation_count',
      ),
    ])
    .where('s.voided_at', 'is', null)
}

type SessionQueryRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>

function toSession(r: SessionQueryRow): Session {
  return {
    id: r.id,
    version: r.version,
    date: r.date,
    kind: r.kind,
    title: r.title,
    location: r.location,
    hostLeaderId: r.host_leader_id,
    hostLeaderName: r.host_leader_name,
    staffIds: r.staff_ids ? r.staff_ids.split(',').map(Number) : [],
    staffNames: r.staff_names ? r.staff_names.split('、') : [],
    status: r.status,
    note: r.note,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    visitCount: Number(r.visit_count),
    personTimes: Number(r.person_times),
    issueCount: Number(r.issue_count),
    consultationCount: Number(r.consultation_count),
  }
}

export async function getSession(db: Executor, id: number): Promise<Session> {
  const row = await sessionQuery(db).where('s.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('接待日', id)
  return toSession(row)
}

export async function listSessions(
  db: Executor,
  filter: { month?: string | undefined; status?: SessionStatus | undefined } = {},
): Promise<Session[]> {
  let q = sessionQuery(db)
  if (filter.month !== undefined) {
    if (!isYearMonth(filter.month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${filter.month}`)
    const { first, nextFirst } = monthRange(filter.month)
    q = q.where('s.date', '>=', first).where('s.date', '<', nextFirst)
  }
  if (filter.status !== undefined) q = q.where('s.status', '=', filter.status)
  const rows = await q.orderBy('s.date', 'desc').orderBy('s.id', 'desc').execute()
  return rows.map(toSession)
}

/**
 * The reception day the desk registers into: today's open one. A day left open from an earlier
 * date is never it (see leftOpenSessions): a visit is dated the day it arrived.
 */
export async function currentSession(ctx: LedgerContext): Promise<Session | null> {
  const open = await listSessions(ctx.db, { status: 'open' })
  return open.find((s) => s.date === today(ctx)) ?? null
}

/** Reception days still open from an earlier date, oldest first: to be closed, never registered into. */
export async function leftOpenSessions(ctx: LedgerContext): Promise<Session[]> {
  const open = await listSessions(ctx.db, { status: 'open' })
  return open.filter((s) => s.date < today(ctx)).reverse()
}

export interface SessionInput {
  date: string
  kind: SessionKind
  title?: string | null | undefined
  location: string
  hostLeaderId?: number | null | undefined
  staffIds?: number[] | undefined
  note?: string | null | undefined
}

async function assertStaffExist(trx: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  const found = await trx.selectFrom('staff').select('id').where('id', 'in', ids).execute()
  const missing = ids.filter((id) => !found.some((f) => f.id === id))
  if (missing.length > 0) throw notFound('人员', missing.join('、'))
}

function cleanSessionInput(input: SessionInput) {
  const date = requireDate(input.date, '接待日期')
  if (!sessionKind.has(input.kind)) throw new LedgerError('invalid_input', '请选择接待类型')
  const title = optionalText(input.title, '接待日名称', 60) ?? defaultTitle(date, input.kind)
  const location = requireText(input.location, '接待地点', 60)
  const note = optionalText(input.note, '备注', 500)
  const staffIds = [...new Set(input.staffIds ?? [])]
  return { date, kind: input.kind, title, location, note, staffIds, hostLeaderId: input.hostLeaderId ?? null }
}

export async function planSession(ctx: LedgerContext, input: SessionInput): Promise<Session> {
  const s = cleanSessionInput(input)
  return write(ctx, async (trx) => {
    const id = await insertPlannedSession(trx, ctx, s)
    return getSession(trx, id)
  })
}

/** What a generated day carries beyond an ordinary plan: the rule date it stands for and the day's caps. */
export interface PlannedExtras {
  ruleDate?: string | null
  maxBookings?: number | null
  maxPeoplePerBooking?: number | null
}

/** Plans one day inside the caller's transaction, audited as 'plan' like any other. */
export async function planSessionIn(trx: Tx, ctx: LedgerContext, input: SessionInput, extras: PlannedExtras = {}): Promise<number> {
  return insertPlannedSession(trx, ctx, cleanSessionInput(input), extras)
}

async function insertPlannedSession(
  trx: Tx,
  ctx: LedgerContext,
  s: ReturnType<typeof cleanSessionInput>,
  extras: PlannedExtras = {},
): Promise<number> {
  await assertStaffExist(trx, s.hostLeaderId === null ? s.staffIds : [s.hostLeaderId, ...s.staffIds])
  const at = stamp(ctx)
  const caps = { maxBookings: extras.maxBookings ?? null, maxPeoplePerBooking: extras.maxPeoplePerBooking ?? null }
  const row = await trx
    .insertInto('sessions')
    .values({
      date: s.date,
      kind: s.kind,
      title: s.title,
      location: s.location,
      host_leader_id: s.hostLeaderId,
      note: s.note,
      created_at: at,
      updated_at: at,
      // Only a day planned from a rule names its rule date, so a hand-planned day writes no column the rule added.
      ...(extras.ruleDate == null ? {} : { rule_date: extras.ruleDate }),
      max_bookings: caps.maxBookings,
      max_people_per_booking: caps.maxPeoplePerBooking,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (s.staffIds.length > 0) {
    await trx
      .insertInto('session_staff')
      .values(s.staffIds.map((staff_id) => ({ session_id: row.id, staff_id })))
      .execute()
  }
  const fromRule = extras.ruleDate == null ? {} : { ruleDate: extras.ruleDate, ...caps }
  await audit(trx, ctx, 'plan', 'session', row.id, { ...s, ...fromRule })
  return row.id
}

export async function updateSession(ctx: LedgerContext, id: number, input: SessionInput & Versioned): Promise<Session> {
  const s = cleanSessionInput(input)
  return write(ctx, async (trx) => {
    await claimVersion(trx, 'sessions', id, input.version)
    const before = await getSession(trx, id)
    if (before.status === 'closed') throw new LedgerError('invalid_transition', '已结束的接待日不能再修改')
    if (s.date !== before.date) {
      const registered = await trx.selectFrom('visits').select('id').where('session_id', '=', id).limit(1).executeTakeFirst()
      if (registered)
        throw new LedgerError('invalid_date', `接待日“${before.title}”已有来访登记，日期不能再改（来访登记在哪天，就记在哪天）`)
      if (before.status === 'open' && s.date !== today(ctx))
        throw new LedgerError('invalid_date', `进行中的接待日只能是今天（${dayLabel(today(ctx))}）`)
    }
    await assertStaffExist(trx, s.hostLeaderId === null ? s.staffIds : [s.hostLeaderId, ...s.staffIds])
    await trx
      .updateTable('sessions')
      .set({
        version: nextVersion,
        date: s.date,
        kind: s.kind,
        // The screen shows numbers in the text masked; an edit keeps the numbers it did not touch.
        title: restoreHiddenNumbers(s.title, before.title),
        location: restoreHiddenNumbers(s.location, before.location),
        host_leader_id: s.hostLeaderId,
        note: restoreHiddenNumbers(s.note, before.note),
        updated_at: stamp(ctx),
      })
      .where('id', '=', id)
      .execute()
    await trx.deleteFrom('session_staff').where('session_id', '=', id).execute()
    if (s.staffIds.length > 0) {
      await trx
        .insertInto('session_staff')
        .values(s.staffIds.map((staff_id) => ({ session_id: id, staff_id })))
        .execute()
    }
    await audit(trx, ctx, 'update', 'session', id, { before, after: s })
    return getSession(trx, id)
  })
}

export async function openSession(ctx: LedgerContext, id: number): Promise<Session> {
  return write(ctx, async (trx) => {
    const s = await getSession(trx, id)
    if (s.status !== 'planned')
      throw new LedgerError('invalid_transition', `接待日“${s.title}”${sessionStatus.labels[s.status]}，不能再次开始`)
    if (s.date > today(ctx)) throw new LedgerError('invalid_transition', `接待日“${s.title}”定于 ${s.date}，还未到开始的日子`)
    // Opened on another day, it would take that day's visits under its own date.
    if (s.date < today(ctx)) {
      throw new LedgerError(
        'invalid_transition',
        `接待日“${s.title}”定于 ${dayLabel(s.date)}，日期已过，不能在今天（${dayLabel(today(ctx))}）开始；如今天举行，请先把日期改为今天`,
      )
    }
    await trx
      .updateTable('sessions')
      .set({ version: nextVersion, status: 'open', opened_at: stamp(ctx), updated_at: stamp(ctx) })
      .where('id', '=', id)
      .execute()
    await audit(trx, ctx, 'open', 'session', id, {})
    return getSession(trx, id)
  })
}

export async function closeSession(ctx: LedgerContext, id: number): Promise<Session> {
  return write(ctx, async (trx) => {
    const s = await getSession(trx, id)
    if (s.status !== 'open')
      throw new LedgerError('invalid_transition', `接待日“${s.title}”${sessionStatus.labels[s.status]}，只有进行中的接待日可以结束`)
    await trx
      .updateTable('sessions')
      .set({ version: nextVersion, status: 'closed', closed_at: stamp(ctx), updated_at: stamp(ctx) })
      .where('id', '=', id)
      .execute()
    await audit(trx, ctx, 'close', 'session', id, { visits: s.visitCount, personTimes: s.personTimes })
    return getSession(trx, id)
  })
}
