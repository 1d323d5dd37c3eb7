import { checkMayWrite, requirePersonAtDesk } from '../core/access'
import { CONTACT_CHANNELS, type Channel } from '../../shared/codes/visits'
import { bookingIdentity, markArrived } from './appointments'
import { audit } from '../core/audit'
import { stamp, today, writeLockingLate, type Executor, type LedgerContext, type Tx } from '../core/context'
import { holdWriteLock, readUnderWriteLock, readWithWriteLock, recheckUnderWriteLock } from '../core/write-lock'
import { calendarOf, calendarReadOnServer, loadCalendar } from '../issues/deadlines'
import { resolveOrganization, resolveVisitor } from '../directory/match'
import { refreshLastVisits } from '../directory/last-visit'
import { isUniqueClash, LedgerError, notFound } from '../core/errors'
import { recordHistory } from '../issues/history'
import { startProcedure } from '../issues/procedure'
import { checkSource, planIntake, sourceRead, type CleanIntake } from '../issues/source'
import { checkLocalityRow, localityRead, settleCaseFile, type CleanCaseFile } from '../issues/subject'
import type { VisitPage, VisitSummary } from '../../shared/types'
import type { IssueSourceRow } from '../core/schema'
import { isYearMonth, monthRange, requireDate } from '../validation/dates'
import type { Paging } from '../core/paging'
import { listVisits, pageVisits } from './queries'
import { arrivalSession, checkArrival, joinDuty } from './arrival'
import { cleanToken, cleanVisitInput, type CleanVisit, type RegisterVisitInput } from './visit-input'
import { issueNumbersFrom } from '../issues/number'
import { countAnswerUses } from '../reference/answers'

export type { MatterInput, RegisterVisitInput } from './visit-input'

/** The visit an earlier arrival of the same submission saved, if any. */
async function savedUnder(trx: Executor, token: string | null): Promise<number | null> {
  if (token === null) return null
  const row = await trx.selectFrom('visits').select('id').where('submission_token', '=', token).executeTakeFirst()
  return row?.id ?? null
}

/**
 * Writes one contact (a desk visit, a call, a letter) with its matters and issues, inside `trx`
 * (a write locking late: db/core/write-lock.ts). The visit and its matters, rows only this
 * transaction sees, go in before the write lock; everything another desk could also touch after.
 */
async function recordContact(
  trx: Tx,
  ctx: LedgerContext,
  where: { sessionId: number | null; date: string; channel: Channel; submissionToken: string | null },
  v: CleanVisit,
): Promise<{ visitId: number; visitorId: number; organizationId: number | null; numbers: string[] }> {
  const categoryIds = [...new Set(v.matters.map((m) => m.categoryId))]
  const categories = await trx.selectFrom('categories').selectAll().where('id', 'in', categoryIds).execute()
  for (const id of categoryIds) {
    const c = categories.find((x) => x.id === id)
    if (!c) throw notFound('问题类别', id)
    if (c.active !== 1) throw new LedgerError('invalid_input', `问题类别“${c.name}”已停用，请选择其他类别`)
  }

  // Found as they are, or (under the lock, looked for again) added or brought up to date. Another
  // desk may merge either into another record while this one waits for the lock; the merge moves
  // their visits, but not this one, which it cannot see yet. Each is checked again from the moment
  // it is found: the visitor's search may be what takes the lock.
  const organizationId = v.organization ? await resolveOrganization(trx, ctx, v.organization) : null
  if (organizationId !== null) recheckUnderWriteLock((locked) => mergedAway(locked, 'organizations', organizationId), notMerged('企业'))
  const visitorId = await resolveVisitor(
    trx,
    ctx,
    { ...v.visitor, kind: organizationId !== null ? 'enterprise' : v.visitor.kind },
    organizationId,
  )
  recheckUnderWriteLock((locked) => mergedAway(locked, 'visitors', visitorId), notMerged('来访人'))
  const at = stamp(ctx)
  const visit = await trx
    .insertInto('visits')
    .values({
      session_id: where.sessionId,
      visitor_id: visitorId,
      organization_id: organizationId,
      headcount: v.headcount,
      visit_date: where.date,
      arrived_at: at,
      channel: where.channel,
      received_by_id: ctx.actor.id,
      note: v.note,
      voided_at: null,
      void_reason: null,
      created_at: at,
      submission_token: where.submissionToken,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const matters: {
    id: number
    m: (typeof v.matters)[number]
    index: number
    /**
     * An issue's source and locality, checked against the office's lists (the supervisor's, not what
     * the lock guards): read with the lock's rechecks when it is taken late, else before the lock.
     */
    filed: Filing | null
  }[] = []
  // One statement for all the visit's matters. Both engines hand out the ids in the order of the
  // values (SQLite's rowid and the server's identity, row by row), though neither documents it, and
  // RETURNING's own order is not promised: sorted, the ids match the matters.
  const inserted = await trx
    .insertInto('matters')
    .values(
      v.matters.map((m) => ({
        visit_id: visit.id,
        type: m.type,
        category_id: m.categoryId,
        content: m.content,
        answer: m.answer,
        place: m.place,
        created_at: at,
      })),
    )
    .returning('id')
    .execute()
  const matterIds = inserted.map((r) => r.id).sort((a, b) => a - b)
  for (const [index, m] of v.matters.entries()) {
    const id = matterIds[index]
    if (id === undefined) throw new Error('the ledger gave fewer matter ids than matters inserted')
    const label = `第${index + 1}项问题`
    matters.push({
      id,
      m,
      index,
      filed: m.intake !== null && m.caseFile !== null ? await filing(trx, where.channel, m.intake, m.caseFile, label) : null,
    })
  }

  // The deadlines from the calendar as it is under the lock: a holiday arrangement saved a moment
  // ago recounts the open issues' deadlines, and this one's must be counted the same way.
  // Its read with the rechecks is the server's JSON form of the two tables; otherwise it is read as everywhere else.
  const hasIssues = v.matters.some((m) => m.type === 'issue')
  const calendarUnderLock = hasIssues
    ? readUnderWriteLock(calendarReadOnServer, (row) => calendarOf(row ?? { overrides: [], years: [] }))
    : null
  const nextNumber = hasIssues ? await issueNumbersFrom(trx, where.date) : null
  await holdWriteLock(trx)
  const calendar = hasIssues ? (calendarUnderLock?.() ?? (await loadCalendar(trx))) : null
  await refreshLastVisits(trx, { visitorIds: [visitorId], organizationIds: [organizationId] })
  await countAnswerUses(
    trx,
    v.matters.flatMap((m) => (m.answerTemplateId !== null ? [{ templateId: m.answerTemplateId, categoryId: m.categoryId }] : [])),
  )
  const numbers: string[] = []
  for (const { id: matterId, m, index, filed } of matters) {
    const category = categories.find((c) => c.id === m.categoryId)
    if (
      m.type !== 'issue' ||
      m.intake === null ||
      m.caseFile === null ||
      calendar === null ||
      nextNumber === null ||
      !category ||
      filed === null
    )
      continue
    const label = `第${index + 1}项问题`
    const intake = planIntake(where, category, m.intake, filed.source(), calendar, label)
    const caseFile = await settleCaseFile(
      trx,
      ctx,
      m.caseFile,
      { categoryId: m.categoryId, date: where.date, visitorId, place: m.place, label },
      filed.locality(),
    )
    const { number, yearMonth, seq } = nextNumber()
    const issue = await trx
      .insertInto('issues')
      .values({
        matter_id: matterId,
        number,
        year_month: yearMonth,
        seq,
        status: 'accepted',
        category_id: m.categoryId,
        accepted_date: where.date,
        due_date: intake.dueDate,
        department_id: null,
        assignee_id: null,
        leader_id: null,
        first_contact_id: ctx.actor.id,
        result: null,
        resolved_date: null,
        closed_date: null,
        transfer_to: null,
        reason: null,
        created_at: at,
        updated_at: at,
        ...intake.columns,
        ...caseFile.columns,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordHistory(trx, ctx, issue.id, 'accept', null, 'accepted', null, { number, ...caseFile.detail })
    await startProcedure(trx, ctx, { id: issue.id, registeredOn: where.date, visitorId, categoryId: m.categoryId }, intake)
    numbers.push(number)
  }
  return { visitId: visit.id, visitorId, organizationId, numbers }
}

interface Filing {
  source: () => IssueSourceRow | null
  locality: () => number | null
}

/** An issue's source and locality, read under the lock when it is taken late (no round trip of their own), else now. */
async function filing(trx: Tx, channel: Channel, intake: CleanIntake, caseFile: CleanCaseFile, label: string): Promise<Filing> {
  return {
    source: await readWithWriteLock(
      trx,
      (db) => sourceRead(db, channel, intake),
      (row) => checkSource(row, intake, label),
    ),
    locality: await readWithWriteLock(
      trx,
      (db) => localityRead(db, caseFile.localityId),
      (row) => checkLocalityRow(row, caseFile.localityId, label),
    ),
  }
}

/** Where a visitor or an enterprise was merged into (null: it was not). */
function mergedAway(db: Executor, table: 'visitors' | 'organizations', id: number) {
  return db.selectFrom(table).select('merged_into_id').where('id', '=', id)
}

function notMerged(what: '来访人' | '企业') {
  return (row: { merged_into_id: number | null } | undefined): void => {
    if (row !== undefined && row.merged_into_id !== null) {
      throw new LedgerError('stale_record', `${what}刚被其他窗口合并到另一条记录，本次登记未保存；已填写的内容仍保留，请重新选择后保存`)
    }
  }
}

async function summaryOf(ctx: LedgerContext, saved: Saved): Promise<VisitSummary> {
  const [summary] = await listVisits(ctx.db, { visitIds: [saved.visitId] }, { justSaved: saved.savedNow })
  if (!summary) throw notFound('来访登记', saved.visitId)
  return summary
}

/**
 * One arrival at the desk with everything it raised, saved whole or not at all. It is dated the
 * day it arrived, so it goes only into that day's open reception day: a day left open from an
 * earlier date is refused (`session_not_today`), never reused.
 */
export async function registerVisit(ctx: LedgerContext, input: RegisterVisitInput): Promise<VisitSummary> {
  const token = cleanToken(input.submissionToken)
  const booked = input.appointmentId !== undefined ? await bookingIdentity(ctx.db, input.appointmentId) : null
  const v = cleanVisitInput(input, booked)
  const saved = await onceUnder(ctx, token, async (trx) => {
    requirePersonAtDesk(ctx, '登记来访')
    const arrived = today(ctx)
    const { actor } = ctx
    const staffId = actor.id
    const read = await arrivalSession(trx, input.sessionId, staffId).executeTakeFirst()
    // The clerk first, with the day's read: a clerk deactivated meanwhile is told so, not about the day.
    if (actor.kind === 'staff' && read !== undefined)
      checkMayWrite(actor, read.staff_active === null ? undefined : { active: read.staff_active })
    const session = checkArrival(read, input.sessionId, arrived)
    let alreadyOnDuty = staffId === null || session.on_duty_staff_id !== null
    // Another desk may end the day, or take the clerk off its 值班人员, while this one waits for the lock.
    recheckUnderWriteLock(
      (locked) => arrivalSession(locked, input.sessionId, staffId),
      (row) => {
        alreadyOnDuty = staffId === null || checkArrival(row, input.sessionId, arrived).on_duty_staff_id !== null
      },
    )
    const r = await recordContact(trx, ctx, { sessionId: session.id, date: arrived, channel: 'desk', submissionToken: token }, v)
    const joined = !alreadyOnDuty && (await joinDuty(trx, ctx, session.id))
    if (input.appointmentId !== undefined) await markArrived(trx, ctx, input.appointmentId, session.id, r.visitId)
    await audit(trx, ctx, 'register', 'visit', r.visitId, {
      sessionId: session.id,
      visitorId: r.visitorId,
      organizationId: r.organizationId,
      headcount: v.headcount,
      consultations: v.matters.filter((m) => m.type === 'consultation').length,
      issues: r.numbers,
      ...(joined ? { joinedDuty: ctx.actor.name } : {}),
    })
    return r.visitId
  })
  return summaryOf(ctx, saved)
}

/**
 * One form submission, one visit: a submission saved before is answered with its visit. Two
 * arrivals of the same submission at once on a server both find none before the lock; the unique
 * index lets one in, and the other, refused by it, is answered with the visit the first saved.
 */
async function onceUnder(ctx: LedgerContext, token: string | null, work: (trx: Tx) => Promise<number>): Promise<Saved> {
  try {
    return await writeLockingLate(ctx, async (trx) => {
      const before = await savedUnder(trx, token)
      return before !== null ? { visitId: before, savedNow: false } : { visitId: await work(trx), savedNow: true }
    })
  } catch (e) {
    const before = token !== null && isUniqueClash(e, 'visits_submission_token') ? await savedUnder(ctx.db, token) : null
    if (before === null) throw e
    return { visitId: before, savedNow: false }
  }
}

/** The visit a submission saved, and whether this call saved it (or an earlier arrival of the same submission did). */
interface Saved {
  visitId: number
  savedNow: boolean
}

export interface RegisterContactInput extends Omit<RegisterVisitInput, 'sessionId' | 'appointmentId'> {
  channel: Exclude<Channel, 'desk'>
  date: string
}

/** A call, letter or online message between reception days, so the ledger stays the one record. */
export async function registerContact(ctx: LedgerContext, input: RegisterContactInput): Promise<VisitSummary> {
  // Checked at run time too: the CLI and importer reach here without the contract's schema.
  if (!CONTACT_CHANNELS.includes(input.channel))
    throw new LedgerError('invalid_input', '请选择来源渠道（非接待日来访、电话、来信、网上或其他）')
  const date = requireDate(input.date, '收到日期')
  if (date > today(ctx)) throw new LedgerError('invalid_date', `收到日期不能晚于今天（${today(ctx)}）`)
  const token = cleanToken(input.submissionToken)
  const v = cleanVisitInput(input, null)
  const saved = await onceUnder(ctx, token, async (trx) => {
    requirePersonAtDesk(ctx, '登记')
    const r = await recordContact(trx, ctx, { sessionId: null, date, channel: input.channel, submissionToken: token }, v)
    await audit(trx, ctx, 'register_contact', 'visit', r.visitId, {
      channel: input.channel,
      date,
      visitorId: r.visitorId,
      issues: r.numbers,
    })
    return r.visitId
  })
  return summaryOf(ctx, saved)
}

/** A month's calls, letters and online messages, newest first, a page at a time. */
export async function listContacts(ctx: LedgerContext, month: string, paging: Paging = {}): Promise<VisitPage> {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
  return pageVisits(ctx.db, { contactsInMonth: monthRange(month) }, paging)
}

/** A reception day's visits, newest first, a page at a time: a busy day may have hundreds. */
export async function listSessionVisits(ctx: LedgerContext, sessionId: number, paging: Paging = {}): Promise<VisitPage> {
  return pageVisits(ctx.db, { sessionId }, paging)
}
