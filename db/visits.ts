import { audit } from './audit'
import { stamp, write, type LedgerContext, type Tx } from './context'
import { loadCalendar } from './deadlines'
import { cleanOrganization, cleanVisitor, resolveOrganization, resolveVisitor, type OrganizationInput, type VisitorInput } from './directory'
import { LedgerError, notFound } from './errors'
import { recordHistory } from './issue-history'
import type { VisitSummary } from './types'
import { optionalText, requireText } from './validation/text'
import { listVisits } from './visit-queries'

export type MatterInput =
  | { type: 'consultation'; categoryId: number; content: string; answer: string }
  | { type: 'issue'; categoryId: number; content: string; place?: string | null | undefined }

export interface RegisterVisitInput {
  sessionId: number
  visitor: VisitorInput
  organization?: OrganizationInput | null | undefined
  headcount: number
  matters: MatterInput[]
  note?: string | null | undefined
}

export const MAX_MATTERS_PER_VISIT = 20

function cleanMatter(m: MatterInput, index: number) {
  const n = index + 1
  if (m.type === 'consultation') {
    return {
      type: m.type,
      categoryId: m.categoryId,
      content: requireText(m.content, `第${n}项咨询内容`, 2000),
      answer: requireText(m.answer, `第${n}项咨询的答复`, 4000),
      place: null,
    }
  }
  return {
    type: m.type,
    categoryId: m.categoryId,
    content: requireText(m.content, `第${n}项反映问题`, 4000),
    answer: null,
    place: optionalText(m.place, `第${n}项问题地点`, 200),
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

/** One arrival at the desk with everything it raised, saved whole or not at all. */
export async function registerVisit(ctx: LedgerContext, input: RegisterVisitInput): Promise<VisitSummary> {
  if (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 999) {
    throw new LedgerError('invalid_input', '来访人数须为 1 至 999 的整数')
  }
  if (input.matters.length === 0) throw new LedgerError('invalid_input', '请至少登记一项咨询或问题')
  if (input.matters.length > MAX_MATTERS_PER_VISIT) throw new LedgerError('invalid_input', `一次来访最多登记 ${MAX_MATTERS_PER_VISIT} 项`)
  const visitor = cleanVisitor(input.visitor)
  const organization = input.organization ? cleanOrganization(input.organization) : null
  const matters = input.matters.map(cleanMatter)
  const note = optionalText(input.note, '备注', 500)

  const visitId = await write(ctx, async (trx) => {
    const session = await trx.selectFrom('sessions').selectAll().where('id', '=', input.sessionId).where('voided_at', 'is', null).executeTakeFirst()
    if (!session) throw notFound('接待日', input.sessionId)
    if (session.status !== 'open') {
      throw new LedgerError('session_not_open', `接待日“${session.title}”${session.status === 'planned' ? '尚未开始' : '已结束'}，不能登记来访`)
    }
    const categoryIds = [...new Set(matters.map((m) => m.categoryId))]
    const categories = await trx.selectFrom('categories').selectAll().where('id', 'in', categoryIds).execute()
    for (const id of categoryIds) {
      const c = categories.find((x) => x.id === id)
      if (!c) throw notFound('问题类别', id)
      if (c.active !== 1) throw new LedgerError('invalid_input', `问题类别“${c.name}”已停用，请选择其他类别`)
    }

    const organizationId = organization ? await resolveOrganization(trx, ctx, organization) : null
    const visitorId = await resolveVisitor(trx, ctx, { ...visitor, kind: organizationId !== null ? 'enterprise' : visitor.kind }, organizationId)
    const at = stamp(ctx)
    const visit = await trx
      .insertInto('visits')
      .values({
        session_id: session.id,
        visitor_id: visitorId,
        organization_id: organizationId,
        headcount: input.headcount,
        visit_date: session.date,
        arrived_at: at,
        received_by_id: ctx.actor.id,
        note,
        voided_at: null,
        void_reason: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const calendar = matters.some((m) => m.type === 'issue') ? await loadCalendar(trx) : null
    const numbers: string[] = []
    for (const m of matters) {
      const matter = await trx
        .insertInto('matters')
        .values({ visit_id: visit.id, type: m.type, category_id: m.categoryId, content: m.content, answer: m.answer, place: m.place, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (m.type !== 'issue' || calendar === null) continue
      const limit = categories.find((c) => c.id === m.categoryId)?.time_limit_days ?? 15
      const { number, yearMonth, seq } = await nextIssueNumber(trx, session.date)
      const issue = await trx
        .insertInto('issues')
        .values({
          matter_id: matter.id,
          number,
          year_month: yearMonth,
          seq,
          status: 'accepted',
          category_id: m.categoryId,
          accepted_date: session.date,
          due_date: calendar.addWorkdays(session.date, limit),
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
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordHistory(trx, ctx, issue.id, 'accept', null, 'accepted', null, { number })
      numbers.push(number)
    }
    await audit(trx, ctx, 'register', 'visit', visit.id, {
      sessionId: session.id,
      visitorId,
      organizationId,
      headcount: input.headcount,
      consultations: matters.filter((m) => m.type === 'consultation').length,
      issues: numbers,
    })
    return visit.id
  })
  const [summary] = await listVisits(ctx.db, { visitIds: [visitId] })
  if (!summary) throw notFound('来访登记', visitId)
  return summary
}

export async function listSessionVisits(ctx: LedgerContext, sessionId: number): Promise<VisitSummary[]> {
  return listVisits(ctx.db, { sessionId })
}
