import { audit } from '../core/audit'
import { stamp, type LedgerContext, type Tx } from '../core/context'
import { matchOrganization, matchVisitor, resolveOrganization, resolveVisitor } from '../directory/match'
import { refreshLastVisits } from '../directory/last-visit'
import type { IssueStatus, VisitorKind } from '../../shared/types'
import { nextIssueNumber } from '../issues/number'
import { dueAfter } from '../calendar/calendar-days'
import type { IssuePlan } from './issue-plan'
import { categoryFor, departmentFor, sessionFor, staffId } from './match-ledger'
import type { ImportRecord, MatterRecord } from './records'
import type { RunState } from './run-state'

const WORKED: readonly IssueStatus[] = ['assigned', 'in_progress', 'resolved', 'closed', 'reopened']

async function writeIssue(
  trx: Tx,
  ctx: LedgerContext,
  s: RunState,
  r: ImportRecord,
  matterId: number,
  m: MatterRecord,
  plan: IssuePlan,
  category: RunState['lists']['categories'][number],
  firstContactId: number | null,
): Promise<string> {
  const { number, yearMonth, seq } = await nextIssueNumber(trx, r.date)
  const at = stamp(ctx)
  const departmentId =
    plan.department !== null && WORKED.includes(plan.status) ? await departmentFor(trx, ctx, s, plan.department, r.row) : null
  const assigneeId = WORKED.includes(plan.status) ? staffId(s, plan.assignee, '承办人', r.row) : null
  const leaderId = WORKED.includes(plan.status) ? staffId(s, plan.leader, '包案领导', r.row) : null
  const issue = await trx
    .insertInto('issues')
    .values({
      matter_id: matterId,
      number,
      year_month: yearMonth,
      seq,
      status: plan.status,
      category_id: category.id,
      accepted_date: r.date,
      due_date: plan.dueDate ?? dueAfter(s.lists.calendar, r.date, category.time_limit_days, category.time_limit_unit),
      source_id: s.lists.deskSourceId,
      department_id: departmentId,
      assignee_id: assigneeId,
      leader_id: leaderId,
      first_contact_id: firstContactId,
      result: plan.result,
      resolved_date: plan.resolvedDate,
      closed_date: plan.closedDate,
      transfer_to: plan.transferTo,
      reason: plan.status === 'transferred' || plan.status === 'rejected' ? plan.reason : null,
      created_at: at,
      updated_at: at,
      import_batch_id: s.batchId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // The history carries the sheet's dates, so 上月结转 and the timeline read as they happened.
  for (const step of plan.steps) {
    const detail: Record<string, unknown> = { importBatchId: s.batchId, row: r.row }
    if (step.action === 'accept') detail.number = number
    if (step.action === 'assign') Object.assign(detail, { department: plan.department, assignee: plan.assignee, leader: plan.leader })
    if (step.action === 'transfer') detail.to = plan.transferTo
    await trx
      .insertInto('issue_history')
      .values({
        issue_id: issue.id,
        action: step.action,
        from_status: step.from,
        to_status: step.to,
        actor_id: null,
        at: step.at,
        reason: step.reason,
        detail: JSON.stringify(detail),
      })
      .execute()
  }
  if (plan.progressNote !== null) {
    await trx
      .insertInto('progress_notes')
      .values({
        issue_id: issue.id,
        kind: 'progress',
        note_date: r.date,
        note: plan.progressNote,
        actor_id: null,
        created_at: `${r.date} ${r.time}`,
      })
      .execute()
  }
  for (const c of plan.callbacks) {
    await trx
      .insertInto('callbacks')
      .values({
        issue_id: issue.id,
        callback_date: c.date,
        method: c.method,
        satisfaction: c.satisfaction,
        comment: c.comment,
        actor_id: null,
        created_at: `${c.date} 17:30:00`,
      })
      .execute()
  }
  await audit(trx, ctx, 'import', 'issue', issue.id, {
    batchId: s.batchId,
    row: r.row,
    number,
    status: plan.status,
    originalNumber: plan.originalNumber,
    callbacks: plan.callbacks.length,
    content: m.content.slice(0, 40),
  })
  s.counts.issues++
  s.counts.issuesByStatus[plan.status]++
  s.counts.callbacks += plan.callbacks.length
  return number
}

export async function writeRecord(trx: Tx, ctx: LedgerContext, s: RunState, r: ImportRecord): Promise<void> {
  let organizationId: number | null = null
  if (r.organization) {
    const found = await matchOrganization(trx, r.organization)
    // A match is used as it stands: a years-old row must not overwrite what the desk knows now.
    organizationId = found ? found.id : await resolveOrganization(trx, ctx, r.organization)
    if (found && found.id <= s.preMaxOrganization) s.organizationsMatched.add(found.id)
  }
  const kind: VisitorKind = organizationId !== null ? 'enterprise' : r.visitor.kind
  const visitorInput = { ...r.visitor, kind }
  const foundVisitor = await matchVisitor(trx, visitorInput, organizationId)
  const visitorId = foundVisitor ? foundVisitor.id : await resolveVisitor(trx, ctx, visitorInput, organizationId)
  if (foundVisitor && foundVisitor.id <= s.preMaxVisitor) s.visitorsMatched.add(foundVisitor.id)

  const sessionId = await sessionFor(trx, ctx, s, r)
  const receivedById = staffId(s, r.receivedBy, '接待人', r.row)
  const at = stamp(ctx)
  const visit = await trx
    .insertInto('visits')
    .values({
      session_id: sessionId,
      visitor_id: visitorId,
      organization_id: organizationId,
      headcount: r.headcount,
      visit_date: r.date,
      arrived_at: `${r.date} ${r.time}`,
      received_by_id: receivedById,
      note: r.note,
      voided_at: null,
      void_reason: null,
      created_at: at,
      import_batch_id: s.batchId,
      import_row: r.row,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await refreshLastVisits(trx, { visitorIds: [visitorId], organizationIds: [organizationId] })
  const numbers: string[] = []
  let consultations = 0
  for (const m of r.matters) {
    const category = categoryFor(s.lists, m.category, (message) => s.warnings.add(message, r.row))
    const matter = await trx
      .insertInto('matters')
      .values({
        visit_id: visit.id,
        type: m.type,
        category_id: category.id,
        content: m.content,
        answer: m.type === 'consultation' ? m.answer : null,
        place: m.place,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (m.type === 'consultation' || m.issue === null) {
      consultations++
      continue
    }
    numbers.push(await writeIssue(trx, ctx, s, r, matter.id, m, m.issue, category, receivedById))
  }
  await audit(trx, ctx, 'import', 'visit', visit.id, {
    batchId: s.batchId,
    row: r.row,
    sessionId,
    visitorId,
    organizationId,
    headcount: r.headcount,
    consultations,
    issues: numbers,
  })
  s.counts.visits++
  s.counts.imported++
  s.counts.personTimes += r.headcount
  s.counts.consultations += consultations
}
