import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { loadCalendar } from '../issues/deadlines'
import { issueDetailJoin } from '../issues/join'
import { maskPhone } from '../privacy/mask'
import { getSettings } from '../reference/reference'
import type { HandoverSheet, ReceiptSheet } from '../../shared/types'
import { handoverDueRule } from './notices'

/**
 * What a handover sheet (交办单) prints, masked at the source: the phone as 138****5678 unless a
 * supervisor has set the sheet to carry the full number for sections that reply to the visitor
 * (设置, audited), never an ID number, and no identity at all when the office withholds it. The
 * sheet names who can put the section in touch: the first contact and the office's number.
 */
export async function handoverSheets(
  db: Executor,
  input: { issueIds?: number[] | undefined; sessionId?: number | undefined },
): Promise<HandoverSheet[]> {
  if (!input.issueIds?.length && input.sessionId === undefined) throw new LedgerError('invalid_input', '请指定要打印交办单的问题或接待日')
  const settings = await getSettings(db)
  let q = issueDetailJoin(db).select([
    'i.id',
    'i.number',
    'i.status',
    'i.accepted_date',
    'i.due_date',
    'v.id as visit_id',
    's.title as session_title',
    'p.name as visitor_name',
    'p.phone as visitor_phone',
    'o.name as organization_name',
    'so.name as subject_name',
    'loc.name as locality_name',
    sql<string | null>`(select group_concat(sd.name, '、') from issue_sections ss join departments sd on sd.id = ss.department_id
      where ss.issue_id = i.id and ss.role = 'assist' and ss.status in ('pending', 'signed'))`.as('assists'),
    'c.name as category_name',
    'c.time_limit_days',
    'c.time_limit_unit',
    'i.procedure',
    'm.place',
    'm.content',
    'd.name as department_name',
    'a.name as assignee_name',
    'l.name as leader_name',
    'f.name as first_contact_name',
    sql<
      string | null
    >`(select h.reason from issue_history h where h.issue_id = i.id and h.action in ('assign', 'reassign') order by h.id desc limit 1)`.as(
      'assign_note',
    ),
    sql<string | null>`(select group_concat(m2.answer, '；') from matters m2 where m2.visit_id = v.id and m2.type = 'consultation')`.as(
      'answers',
    ),
  ])
  if (input.issueIds?.length) q = q.where('i.id', 'in', input.issueIds)
  if (input.sessionId !== undefined) q = q.where('v.session_id', '=', input.sessionId).where('v.voided_at', 'is', null)
  const rows = await q.orderBy('i.number').execute()
  const calendar = await loadCalendar(db)
  if (input.issueIds?.length) {
    const missing = input.issueIds.filter((id) => !rows.some((r) => r.id === id))
    if (missing.length > 0) throw notFound('问题', missing.join('、'))
  }
  return rows.map((r) => ({
    bureauName: settings.bureauName,
    issueId: r.id,
    number: r.number,
    acceptedDate: r.accepted_date,
    dueDate: r.due_date,
    dueProvisional:
      r.procedure === 'general' && r.time_limit_unit === 'workdays' && calendar.isProvisionalSpan(r.accepted_date, r.due_date),
    timeLimitDays: r.time_limit_days,
    dueRule: handoverDueRule(r.procedure, r.time_limit_days, r.time_limit_unit),
    sessionTitle: r.session_title,
    showVisitor: settings.showVisitorOnHandover,
    visitorName: settings.showVisitorOnHandover ? r.visitor_name : null,
    visitorPhone: settings.showVisitorOnHandover ? maskPhone(r.visitor_phone) : null,
    replyPhone: settings.showVisitorOnHandover && settings.handoverFullPhone ? r.visitor_phone : null,
    officePhone: settings.officePhone,
    organizationName: r.organization_name,
    subjectName: r.subject_name,
    localityName: r.locality_name,
    assistDepartments: r.assists === null ? [] : r.assists.split('、'),
    categoryName: r.category_name,
    place: r.place,
    content: r.content,
    answeredOnTheSpot: r.answers,
    departmentName: r.department_name,
    assigneeName: r.assignee_name,
    leaderName: r.leader_name,
    firstContactName: r.first_contact_name,
    assignNote: r.assign_note,
  }))
}

/**
 * 受理回执: the slip the visitor takes home for a visit with accepted issues — each issue's number,
 * what was accepted, the deadline, whom to call (the first contact, the office's phone) and a
 * line for the visitor's signature. The phone is masked; no ID number is printed.
 */
export async function receiptSheet(db: Executor, visitId: number): Promise<ReceiptSheet> {
  const settings = await getSettings(db)
  const visit = await db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .leftJoin('sessions as s', 's.id', 'v.session_id')
    .leftJoin('staff as r', 'r.id', 'v.received_by_id')
    .select([
      'v.id',
      'v.visit_date',
      'v.arrived_at',
      'v.voided_at',
      'p.name',
      'p.phone',
      'o.name as organization_name',
      's.title',
      'r.name as received_by',
    ])
    .where('v.id', '=', visitId)
    .executeTakeFirst()
  if (!visit) throw notFound('来访登记', visitId)
  if (visit.voided_at !== null) throw new LedgerError('invalid_transition', '该来访登记已作废，不能打印受理回执')
  const issues = await issueDetailJoin(db)
    .select([
      'i.id',
      'i.number',
      'i.accepted_date',
      'i.due_date',
      'c.name as category_name',
      'c.time_limit_days',
      'm.content',
      'm.place',
      'f.name as first_contact',
    ])
    .where('v.id', '=', visitId)
    .orderBy('i.number')
    .execute()
  if (issues.length === 0) throw new LedgerError('invalid_input', '这次来访没有受理问题，不需要受理回执')
  return {
    bureauName: settings.bureauName,
    officePhone: settings.officePhone,
    visitId: visit.id,
    visitDate: visit.visit_date,
    arrivedAt: visit.arrived_at,
    sessionTitle: visit.title,
    visitorName: visit.name,
    visitorPhone: maskPhone(visit.phone),
    organizationName: visit.organization_name,
    receivedBy: visit.received_by,
    issues: issues.map((i) => ({
      number: i.number,
      categoryName: i.category_name,
      content: i.content,
      place: i.place,
      acceptedDate: i.accepted_date,
      dueDate: i.due_date,
      timeLimitDays: i.time_limit_days,
      firstContactName: i.first_contact,
    })),
  }
}
