/** An issue as its drawer reads it: the list row's head, then the visit, the case file, the timeline and what may be done next. */
import type { Executor } from '../core/context'
import { dueSoonUntil, loadCalendar } from './deadlines'
import { notFound } from '../core/errors'
import { issueDetailJoin, lastSatisfaction } from './join'
import { allowedActions } from './lifecycle'
import { maskPhone } from '../privacy/mask'
import type { IssueDetail, TimelineEntry } from '../../shared/types'
import { callbackMethod, describeHistory, historyAction, satisfaction } from '../../shared/codes/issues'
import { readIntake } from './procedure'
import { issueCorrections } from '../visits/corrections'
import { issueCaseFile } from './case-file'
import { caseFileHistoryTitle } from './case-file-history'
import { listAttachments } from '../attachments/attachments'
import { attachmentKind } from '../../shared/codes/attachments'
import { LIST_COLUMNS, toListItem } from './queries'

export async function getIssueDetail(db: Executor, id: number, today: string): Promise<IssueDetail> {
  const calendar = await loadCalendar(db)
  const soonUntil = dueSoonUntil(calendar, today)
  const r = await issueDetailJoin(db)
    .select(LIST_COLUMNS)
    .select([
      'm.place',
      'm.answer',
      'i.result',
      'i.transfer_to',
      'i.reason',
      'i.closed_date',
      'v.id as visit_id',
      'v.visitor_id',
      'p.phone as visitor_phone',
      'v.organization_id',
      'v.session_id',
      's.title as session_title',
      'i.assignee_id',
      'i.leader_id',
      'l.name as leader_name',
      'i.first_contact_id',
      'f.name as first_contact_name',
      'v.voided_at',
      'v.void_reason',
      'v.received_by_id',
      'i.matter_id',
      lastSatisfaction().as('last_satisfaction'),
    ])
    .where('i.id', '=', id)
    .executeTakeFirst()
  if (!r) throw notFound('问题', id)

  const timeline = await issueTimeline(db, id)
  const caseFile = await issueCaseFile(db, id)
  const pendingSection = caseFile.sections.some((s) => s.status === 'pending')
  return {
    ...toListItem(r, { today, soonUntil, calendar }),
    place: r.place,
    result: r.result,
    transferTo: r.transfer_to,
    reason: r.reason,
    closedDate: r.closed_date,
    visitId: r.visit_id,
    visitorId: r.visitor_id,
    visitorPhone: maskPhone(r.visitor_phone),
    organizationId: r.organization_id,
    sessionId: r.session_id,
    sessionTitle: r.session_title,
    assigneeId: r.assignee_id,
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    firstContactId: r.first_contact_id,
    firstContactName: r.first_contact_name,
    answer: r.answer,
    lastSatisfaction: r.last_satisfaction,
    timeline,
    // A voided visit's issue is kept for the record but can no longer be worked on.
    allowedActions: r.voided_at === null ? allowedActions(r.status, r.last_satisfaction, r.procedure, { pendingSection }) : [],
    caseFile,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    intake: await readIntake(db, id, today),
    matterId: r.matter_id,
    receivedById: r.received_by_id,
  }
}

/** A step that wrote its own one-line account (the 信访 steps: dates, deadlines, notices) shows it after its name. */
function withSummary(title: string, detail: string | null): string {
  if (detail === null) return title
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return title
  }
  const summary: unknown = parsed !== null && typeof parsed === 'object' ? Reflect.get(parsed, 'summary') : undefined
  return typeof summary === 'string' && summary !== '' ? `${title}：${summary}` : title
}

export async function issueTimeline(db: Executor, id: number): Promise<TimelineEntry[]> {
  const [history, notes, extensions, callbacks, corrections, attachments] = await Promise.all([
    db
      .selectFrom('issue_history as h')
      .leftJoin('staff as s', 's.id', 'h.actor_id')
      .select(['h.id', 'h.action', 'h.from_status', 'h.to_status', 'h.at', 'h.reason', 'h.detail', 's.name as actor_name'])
      .where('h.issue_id', '=', id)
      .execute(),
    db
      .selectFrom('progress_notes as n')
      .leftJoin('staff as s', 's.id', 'n.actor_id')
      .select(['n.id', 'n.kind', 'n.note_date', 'n.note', 'n.created_at', 's.name as actor_name'])
      .where('n.issue_id', '=', id)
      .execute(),
    db
      .selectFrom('extensions as e')
      .leftJoin('staff as ap', 'ap.id', 'e.approver_id')
      .leftJoin('staff as s', 's.id', 'e.actor_id')
      .select([
        'e.id',
        'e.old_due_date',
        'e.new_due_date',
        'e.reason',
        'e.created_at',
        'e.late',
        'ap.name as approver_name',
        's.name as actor_name',
      ])
      .where('e.issue_id', '=', id)
      .execute(),
    db
      .selectFrom('callbacks as c')
      .leftJoin('staff as s', 's.id', 'c.actor_id')
      .select(['c.id', 'c.callback_date', 'c.method', 'c.satisfaction', 'c.comment', 'c.created_at', 's.name as actor_name'])
      .where('c.issue_id', '=', id)
      .execute(),
    issueCorrections(db, id),
    listAttachments(db, id),
  ])
  const entries: (TimelineEntry & { order: number; reopen?: boolean })[] = [
    // An attachment's history row is shown as the attachment itself, with its file.
    ...history
      .filter((h) => h.action !== 'attach')
      .map((h) => ({
        kind: 'history' as const,
        at: h.at,
        actorName: h.actor_name,
        title: caseFileHistoryTitle(h.action, h.detail, withSummary(describeHistory(h.action, h.from_status, h.to_status), h.detail)),
        text: h.reason,
        order: 0,
        reopen: h.action === 'reopen',
      })),
    ...notes.map((n) => ({
      kind: n.kind === 'supervision' ? ('supervision' as const) : ('progress' as const),
      at: n.created_at,
      actorName: n.actor_name,
      title: n.kind === 'supervision' ? `督办（${n.note_date}）` : `办理进展（${n.note_date}）`,
      text: n.note,
      order: 1,
    })),
    ...extensions.map((e) => ({
      kind: 'extension' as const,
      at: e.created_at,
      actorName: e.actor_name,
      title: `${e.late === 1 ? '超期后延期' : '延期'}：${e.old_due_date} → ${e.new_due_date}（批准人：${e.approver_name ?? '—'}）`,
      text: e.reason,
      order: 1,
    })),
    ...callbacks.map((c) => ({
      kind: 'callback' as const,
      at: c.created_at,
      actorName: c.actor_name,
      title: `回访（${c.callback_date}，${callbackMethod.label(c.method)}）：${satisfaction.label(c.satisfaction)}`,
      text: c.comment,
      order: 1,
    })),
    ...attachments.map((a) => ({
      kind: 'attachment' as const,
      at: a.createdAt,
      actorName: a.actorName,
      title: `${historyAction.labels.attach}（${attachmentKind.label(a.kind)}）：${a.originalName}`,
      text: null,
      order: 1,
      attachment: a,
    })),
    ...corrections.map((c) => ({
      kind: 'correction' as const,
      at: c.at,
      actorName: c.actorName,
      title: `更正${c.fieldLabel}`,
      text: `原为：${c.before ?? '（空）'}\n改为：${c.after ?? '（空）'}\n原因：${c.reason}`,
      order: 1,
    })),
  ]
  // Within one transaction a note and its history row share a timestamp; show the note first.
  entries.sort((a, b) => (a.at === b.at ? b.order - a.order : a.at < b.at ? -1 : 1))
  // An unsatisfied call reopens the issue in the same write, with the call's comment as the
  // reason: said on the call just before it, the reopen entry leaves it out.
  return entries.map(({ order: _order, reopen, ...e }, i) => {
    const before = entries[i - 1]
    return reopen && before?.kind === 'callback' && before.text === e.text ? { ...e, text: null } : e
  })
}
