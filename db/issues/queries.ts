import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'
import type { WorkCalendar } from '../calendar/working-days'
import { dueSoonUntil, dueState, loadCalendar, OPEN_STATUSES } from './deadlines'
import { LedgerError, notFound } from '../core/errors'
import { issueDetailJoin, issueJoin, lastSatisfaction } from './join'
import { allowedActions } from './lifecycle'
import { maskPhone } from '../privacy/mask'
import { pageBounds } from '../core/paging'
import type { DueState, IssueDetail, OverdueBy, IssueListItem, IssuePage, IssueStatus, TimelineEntry } from '../../shared/types'
import { isYearMonth, monthRange } from '../validation/dates'
import { callbackMethod, describeHistory, historyAction, satisfaction } from '../../shared/codes/issues'
import { issueTextConditions } from '../search/conditions'
import type { LimitUnit, Procedure } from '../../shared/codes/petitions'
import { readIntake } from './procedure'
import { issueCorrections } from '../visits/corrections'
import { issueCaseFile } from './case-file'
import { caseFileHistoryTitle } from './case-file-history'
import { listAttachments } from '../attachments/attachments'
import { attachmentKind } from '../../shared/codes/attachments'

export interface IssueFilter {
  status?: IssueStatus[] | undefined
  categoryId?: number | undefined
  departmentId?: number | undefined
  dueState?: Exclude<DueState, 'done'> | undefined
  month?: string | undefined
  text?: string | undefined
  visitorId?: number | undefined
  organizationId?: number | undefined
  /** Issues about this enterprise (被反映对象), whoever raised them. */
  subjectOrganizationId?: number | undefined
  localityId?: number | undefined
  sessionId?: number | undefined
  /** 办理程序 and 来源 (db/issues/source.ts). */
  procedure?: Procedure | undefined
  sourceId?: number | undefined
  issueIds?: number[] | undefined
  /** 回访's queues (db/callback-queue.ts); resolved issues only. */
  callback?: 'due' | 'toClose' | undefined
  sort?: 'acceptedDate' | 'dueDate' | 'number' | 'resolvedDate' | undefined
  order?: 'asc' | 'desc' | undefined
  page?: number | undefined
  pageSize?: number | undefined
}

const LIST_COLUMNS = [
  'i.id',
  'i.number',
  'i.status',
  'i.category_id',
  'c.name as category_name',
  'm.content',
  'p.name as visitor_name',
  'o.name as organization_name',
  'i.department_id',
  'd.name as department_name',
  'a.name as assignee_name',
  'i.accepted_date',
  'i.due_date',
  'i.resolved_date',
  'i.procedure',
  'c.time_limit_unit',
  'so.name as subject_name',
  'loc.name as locality_name',
  'i.version',
] as const

interface ListRow {
  id: number
  number: string
  status: IssueStatus
  category_id: number
  category_name: string
  content: string
  visitor_name: string
  organization_name: string | null
  department_id: number | null
  department_name: string | null
  assignee_name: string | null
  accepted_date: string
  due_date: string
  resolved_date: string | null
  procedure: Procedure
  time_limit_unit: LimitUnit
  subject_name: string | null
  locality_name: string | null
  version: number
}

/** How a list row reads its deadline: today, the due-soon horizon, and the calendar for 暂定. */
interface DueContext {
  today: string
  soonUntil: string
  calendar: WorkCalendar
}

/** How far past its deadline an overdue issue is, in the deadline's own unit (at least 1). */
function overdueBy(r: ListRow, due: DueContext): OverdueBy | null {
  if (dueState(r.status, r.due_date, due.today, due.soonUntil) !== 'overdue') return null
  const workdays = r.procedure === 'general' && r.time_limit_unit === 'workdays'
  const count = workdays
    ? due.calendar.workdaysBetween(r.due_date, due.today)
    : Math.round((Date.parse(`${due.today}T00:00:00Z`) - Date.parse(`${r.due_date}T00:00:00Z`)) / 86_400_000)
  return { count: Math.max(1, count), workdays }
}

function toListItem(r: ListRow, due: DueContext): IssueListItem {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    categoryId: r.category_id,
    categoryName: r.category_name,
    content: r.content,
    visitorName: r.visitor_name,
    organizationName: r.organization_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    assigneeName: r.assignee_name,
    acceptedDate: r.accepted_date,
    dueDate: r.due_date,
    resolvedDate: r.resolved_date,
    subjectName: r.subject_name,
    localityName: r.locality_name,
    dueState: dueState(r.status, r.due_date, due.today, due.soonUntil),
    // Calendar days and a transferring body's date do not wait for the year's holiday arrangement.
    dueProvisional:
      r.procedure === 'general' && r.time_limit_unit === 'workdays' && due.calendar.isProvisionalSpan(r.accepted_date, r.due_date),
    procedure: r.procedure,
    // How late, counted as the deadline was: working days on the calendar, or calendar days.
    overdueBy: overdueBy(r, due),
    version: r.version,
  }
}

/**
 * The issues of voided visits, by issue id, which every index on issues carries, so that the lists'
 * paging stays within the index (by matter_id, each row would be read from the table). CROSS JOIN:
 * from the voided visits out.
 */
function voidedIssueIds(db: Executor) {
  return db
    .selectFrom('visits as vv')
    .crossJoin('matters as vm')
    .crossJoin('issues as vi')
    .select('vi.id')
    .where('vv.voided_at', 'is not', null)
    .whereRef('vm.visit_id', '=', 'vv.id')
    .whereRef('vi.matter_id', '=', 'vm.id')
}

/**
 * The filters as conditions on `issues as i` alone, so that counting needs no joins and every
 * filter can be served by an index on issues (or, for visitor, enterprise and session, by the
 * visit indexes through a subquery).
 */
function filteredIssues(
  db: Executor,
  filter: IssueFilter,
  today: string,
  soonUntil: string,
  textConditions: readonly RawBuilder<SqlBool>[],
) {
  let q = db.selectFrom('issues as i')
  if (filter.status && filter.status.length > 0) q = q.where('i.status', 'in', filter.status)
  if (filter.categoryId !== undefined) q = q.where('i.category_id', '=', filter.categoryId)
  if (filter.departmentId !== undefined) q = q.where('i.department_id', '=', filter.departmentId)
  if (filter.procedure !== undefined) q = q.where('i.procedure', '=', filter.procedure)
  if (filter.sourceId !== undefined) q = q.where('i.source_id', '=', filter.sourceId)
  if (filter.localityId !== undefined) q = q.where('i.locality_id', '=', filter.localityId)
  if (filter.subjectOrganizationId !== undefined) q = q.where('i.subject_organization_id', '=', filter.subjectOrganizationId)
  const byVisit = (column: 'v.visitor_id' | 'v.organization_id' | 'v.session_id', value: number) =>
    db.selectFrom('visits as v').innerJoin('matters as m', 'm.visit_id', 'v.id').select('m.id').where(column, '=', value)
  if (filter.visitorId !== undefined) q = q.where('i.matter_id', 'in', byVisit('v.visitor_id', filter.visitorId))
  if (filter.organizationId !== undefined) q = q.where('i.matter_id', 'in', byVisit('v.organization_id', filter.organizationId))
  if (filter.sessionId !== undefined) q = q.where('i.matter_id', 'in', byVisit('v.session_id', filter.sessionId))
  if (filter.issueIds !== undefined) q = q.where('i.id', 'in', filter.issueIds.length > 0 ? filter.issueIds : [-1])
  if (filter.callback !== undefined) {
    // A satisfied call is always the last one (none is allowed after it), so its existence
    // separates the issues waiting for a call from those waiting for 销号.
    const toClose = filter.callback === 'toClose'
    q = q.where('i.status', '=', 'resolved').where(({ exists, not, selectFrom }) => {
      const satisfied = exists(
        selectFrom('callbacks as cb').select('cb.id').whereRef('cb.issue_id', '=', 'i.id').where('cb.satisfaction', '!=', 'unsatisfied'),
      )
      return toClose ? satisfied : not(satisfied)
    })
  }
  if (filter.month !== undefined) {
    if (!isYearMonth(filter.month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${filter.month}`)
    const { first, nextFirst } = monthRange(filter.month)
    q = q.where('i.accepted_date', '>=', first).where('i.accepted_date', '<', nextFirst)
  }
  if (filter.dueState !== undefined) {
    q = q.where('i.status', 'in', OPEN_STATUSES)
    if (filter.dueState === 'overdue') q = q.where('i.due_date', '<', today)
    if (filter.dueState === 'due_soon') q = q.where('i.due_date', '>=', today).where('i.due_date', '<=', soonUntil)
    if (filter.dueState === 'on_time') q = q.where('i.due_date', '>', soonUntil)
  }
  // 3+ characters through the search index, shorter terms by LIKE (db/search-conditions.ts).
  for (const condition of textConditions) q = q.where(condition)
  return q
}

export async function listIssues(db: Executor, filter: IssueFilter, today: string): Promise<IssuePage> {
  const calendar = await loadCalendar(db)
  const soonUntil = dueSoonUntil(calendar, today)
  const { page, pageSize, offset } = pageBounds(filter, 50, 500)

  const matching = filteredIssues(db, filter, today, soonUntil, await issueTextConditions(db, filter.text ?? ''))
  // Issues of a voided visit leave every list (db/voids.ts). Counted as all matching less the voided
  // matching ones: the few voided issues are found from the partial index visits_voided, where
  // testing every matching issue against them costs a lookup per row (5 ms over 61,000 issues).
  const allRow = await matching.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  const voidedRow = await matching
    .where('i.id', 'in', voidedIssueIds(db))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  const q = matching.where('i.id', 'not in', voidedIssueIds(db))
  const order = filter.order ?? 'desc'
  const sortColumn =
    filter.sort === 'dueDate'
      ? 'i.due_date'
      : filter.sort === 'number'
        ? 'i.number'
        : filter.sort === 'resolvedDate'
          ? 'i.resolved_date'
          : 'i.accepted_date'
  // The page's ids first, from issues alone; then the joins for just those rows.
  const ids = await q.select('i.id').orderBy(sortColumn, order).orderBy('i.id', order).limit(pageSize).offset(offset).execute()
  const rows =
    ids.length === 0
      ? []
      : await issueJoin(db)
          .select(LIST_COLUMNS)
          .where(
            'i.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute()
  const position = new Map(ids.map((r, index) => [r.id, index]))
  rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0))
  return {
    rows: rows.map((r) => toListItem(r, { today, soonUntil, calendar })),
    total: Number(allRow.n) - Number(voidedRow.n),
    page,
    pageSize,
  }
}

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
