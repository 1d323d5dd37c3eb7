import { CONTACT_CHANNELS, type Channel } from '../../shared/codes/visits'
import { MAX_MATTERS_PER_VISIT } from '../../shared/limits'
import { bookingIdentity, markArrived } from './appointments'
import { audit } from '../core/audit'
import { stamp, today, write, type LedgerContext, type Tx } from '../core/context'
import { loadCalendar } from '../issues/deadlines'
import { cleanOrganization, cleanVisitor, type OrganizationInput, type VisitorInput } from '../directory/records'
import { resolveOrganization, resolveVisitor } from '../directory/match'
import { LedgerError, notFound } from '../core/errors'
import { recordHistory } from '../issues/history'
import { startProcedure } from '../issues/procedure'
import { cleanIntake, planIntake, type IntakeInput } from '../issues/source'
import { cleanCaseFile, settleCaseFile, type CaseFileInput } from '../issues/subject'
import type { VisitPage, VisitSummary } from '../../shared/types'
import { isYearMonth, monthRange, requireDate } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'
import type { Paging } from '../core/paging'
import { listVisits, pageVisits } from './queries'

export type MatterInput =
  | { type: 'consultation'; categoryId: number; content: string; answer: string }
  | ({
      type: 'issue'
      categoryId: number
      content: string
      place?: string | null | undefined
      intake?: IntakeInput | undefined
    } & CaseFileInput)

export interface RegisterVisitInput {
  sessionId: number
  visitor: VisitorInput
  organization?: OrganizationInput | null | undefined
  headcount: number
  matters: MatterInput[]
  note?: string | null | undefined
  /** The booking this arrival fulfils; it is marked arrived in the same transaction. */
  appointmentId?: number | undefined
}

function cleanMatter(m: MatterInput, index: number) {
  const n = index + 1
  if (m.type === 'consultation') {
    return {
      type: m.type,
      categoryId: m.categoryId,
      content: requireText(m.content, `第${n}项咨询内容`, 2000),
      answer: requireText(m.answer, `第${n}项咨询的答复`, 4000),
      place: null,
      intake: null,
      caseFile: null,
    }
  }
  return {
    type: m.type,
    categoryId: m.categoryId,
    content: requireText(m.content, `第${n}项反映问题`, 4000),
    answer: null,
    place: optionalText(m.place, `第${n}项问题地点`, 200),
    intake: cleanIntake(m.intake, `第${n}项问题`),
    caseFile: cleanCaseFile(m),
  }
}

/** The month's next issue number; the caller holds the write lock, so nobody else can take it. */
export async function nextIssueNumber(trx: Tx, acceptedDate: string): Promise<{ number: string; yearMonth: string; seq: number }> {
  const yearMonth = acceptedDate.slice(0, 7)
  const row = await trx
    .selectFrom('issues')
    .select((eb) => eb.fn.max('seq').as('max_seq'))
    .where('year_month', '=', yearMonth)
    .executeTakeFirst()
  const seq = Number(row?.max_seq ?? 0) + 1
  return { number: `JD-${yearMonth}-${String(seq).padStart(4, '0')}`, yearMonth, seq }
}

interface CleanVisit {
  visitor: ReturnType<typeof cleanVisitor>
  organization: ReturnType<typeof cleanOrganization> | null
  headcount: number
  matters: ReturnType<typeof cleanMatter>[]
  note: string | null
}

function cleanVisitInput(
  input: Pick<RegisterVisitInput, 'visitor' | 'organization' | 'headcount' | 'matters' | 'note'>,
  booked: { phone: string | null; creditCode: string | null } | null,
): CleanVisit {
  if (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 999) {
    throw new LedgerError('invalid_input', '来访人数须为 1 至 999 的整数')
  }
  if (input.matters.length === 0) throw new LedgerError('invalid_input', '请至少登记一项咨询或问题')
  if (input.matters.length > MAX_MATTERS_PER_VISIT) throw new LedgerError('invalid_input', `一次来访最多登记 ${MAX_MATTERS_PER_VISIT} 项`)
  // A booked visitor's phone and credit code were taken at booking; the desk only saw them masked.
  return {
    visitor: cleanVisitor({ ...input.visitor, phone: input.visitor.phone || (input.visitor.id === undefined ? booked?.phone : null) }),
    organization: input.organization
      ? cleanOrganization({
          ...input.organization,
          creditCode: input.organization.creditCode || (input.organization.id === undefined ? booked?.creditCode : null),
        })
      : null,
    headcount: input.headcount,
    matters: input.matters.map(cleanMatter),
    note: optionalText(input.note, '备注', 500),
  }
}

/** Writes one contact (a desk visit, a call, a letter) with its matters and issues, inside `trx`. */
async function recordContact(
  trx: Tx,
  ctx: LedgerContext,
  where: { sessionId: number | null; date: string; channel: Channel },
  v: CleanVisit,
): Promise<{ visitId: number; visitorId: number; organizationId: number | null; numbers: string[] }> {
  const categoryIds = [...new Set(v.matters.map((m) => m.categoryId))]
  const categories = await trx.selectFrom('categories').selectAll().where('id', 'in', categoryIds).execute()
  for (const id of categoryIds) {
    const c = categories.find((x) => x.id === id)
    if (!c) throw notFound('问题类别', id)
    if (c.active !== 1) throw new LedgerError('invalid_input', `问题类别“${c.name}”已停用，请选择其他类别`)
  }

  const organizationId = v.organization ? await resolveOrganization(trx, ctx, v.organization) : null
  const visitorId = await resolveVisitor(
    trx,
    ctx,
    { ...v.visitor, kind: organizationId !== null ? 'enterprise' : v.visitor.kind },
    organizationId,
  )
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
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const calendar = v.matters.some((m) => m.type === 'issue') ? await loadCalendar(trx) : null
  const numbers: string[] = []
  for (const [index, m] of v.matters.entries()) {
    const matter = await trx
      .insertInto('matters')
      .values({
        visit_id: visit.id,
        type: m.type,
        category_id: m.categoryId,
        content: m.content,
        answer: m.answer,
        place: m.place,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const category = categories.find((c) => c.id === m.categoryId)
    if (m.type !== 'issue' || m.intake === null || m.caseFile === null || calendar === null || !category) continue
    const label = `第${index + 1}项问题`
    const intake = await planIntake(trx, where, category, m.intake, calendar, label)
    const caseFile = await settleCaseFile(trx, ctx, m.caseFile, {
      categoryId: m.categoryId,
      date: where.date,
      visitorId,
      place: m.place,
      label,
    })
    const { number, yearMonth, seq } = await nextIssueNumber(trx, where.date)
    const issue = await trx
      .insertInto('issues')
      .values({
        matter_id: matter.id,
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

async function summaryOf(ctx: LedgerContext, visitId: number): Promise<VisitSummary> {
  const [summary] = await listVisits(ctx.db, { visitIds: [visitId] })
  if (!summary) throw notFound('来访登记', visitId)
  return summary
}

/** One arrival at the desk with everything it raised, saved whole or not at all. */
export async function registerVisit(ctx: LedgerContext, input: RegisterVisitInput): Promise<VisitSummary> {
  const booked = input.appointmentId !== undefined ? await bookingIdentity(ctx.db, input.appointmentId) : null
  const v = cleanVisitInput(input, booked)
  const visitId = await write(ctx, async (trx) => {
    const session = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', input.sessionId)
      .where('voided_at', 'is', null)
      .executeTakeFirst()
    if (!session) throw notFound('接待日', input.sessionId)
    if (session.status !== 'open') {
      throw new LedgerError(
        'session_not_open',
        `接待日“${session.title}”${session.status === 'planned' ? '尚未开始' : '已结束'}，不能登记来访`,
      )
    }
    const r = await recordContact(trx, ctx, { sessionId: session.id, date: session.date, channel: 'desk' }, v)
    if (input.appointmentId !== undefined) await markArrived(trx, ctx, input.appointmentId, session.id, r.visitId)
    await audit(trx, ctx, 'register', 'visit', r.visitId, {
      sessionId: session.id,
      visitorId: r.visitorId,
      organizationId: r.organizationId,
      headcount: v.headcount,
      consultations: v.matters.filter((m) => m.type === 'consultation').length,
      issues: r.numbers,
    })
    return r.visitId
  })
  return summaryOf(ctx, visitId)
}

export interface RegisterContactInput extends Omit<RegisterVisitInput, 'sessionId' | 'appointmentId'> {
  channel: Exclude<Channel, 'desk'>
  date: string
}

/** A call, letter or online message between reception days, so the ledger stays the one record. */
export async function registerContact(ctx: LedgerContext, input: RegisterContactInput): Promise<VisitSummary> {
  // Checked at run time too: the CLI and importer reach here without the contract's schema.
  if (!CONTACT_CHANNELS.includes(input.channel)) throw new LedgerError('invalid_input', '请选择来源渠道（电话、来信、网上或其他）')
  const date = requireDate(input.date, '收到日期')
  if (date > today(ctx)) throw new LedgerError('invalid_date', `收到日期不能晚于今天（${today(ctx)}）`)
  const v = cleanVisitInput(input, null)
  const visitId = await write(ctx, async (trx) => {
    const r = await recordContact(trx, ctx, { sessionId: null, date, channel: input.channel }, v)
    await audit(trx, ctx, 'register_contact', 'visit', r.visitId, {
      channel: input.channel,
      date,
      visitorId: r.visitorId,
      issues: r.numbers,
    })
    return r.visitId
  })
  return summaryOf(ctx, visitId)
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
