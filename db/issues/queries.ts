import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'
import type { WorkCalendar } from '../calendar/working-days'
import { dueSoonUntil, dueState, loadCalendar, OPEN_STATUSES } from './deadlines'
import { LedgerError } from '../core/errors'
import { issueJoin } from './join'
import { pageBounds } from '../core/paging'
import type { DueCounts, DueState, OverdueBy, IssueListItem, IssuePage, IssueStatus } from '../../shared/types'
import { isYearMonth, monthRange } from '../validation/dates'
import { issueTextConditions } from '../search/conditions'
import type { LimitUnit, Procedure } from '../../shared/codes/petitions'

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

/** Also the head of the issue's detail (./detail.ts), so that the drawer reads a row as the ledger list does. */
export const LIST_COLUMNS = [
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

/** Shared with the detail (./detail.ts): its due state and overdue count are the list row's, never worked out twice. */
export function toListItem(r: ListRow, due: DueContext): IssueListItem {
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

/**
 * How many issues match, leaving out the issues of voided visits as every list does (db/voids.ts):
 * all matching less the voided matching ones. The few voided issues are found from the partial
 * index visits_voided, whereas testing every matching issue against them costs a lookup per row
 * (5 ms over 61,000 issues).
 */
async function countMatching(db: Executor, matching: ReturnType<typeof filteredIssues>): Promise<number> {
  const all = await matching.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  const voided = await matching
    .where('i.id', 'in', voidedIssueIds(db))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  return Number(all.n) - Number(voided.n)
}

/** 问题台账's 已超期 and 即将到期 counts: the totals of those two filters, on one reading of the calendar. */
export async function countDueIssues(db: Executor, today: string): Promise<DueCounts> {
  const calendar = await loadCalendar(db)
  const soonUntil = dueSoonUntil(calendar, today)
  const count = (dueState: 'overdue' | 'due_soon') => countMatching(db, filteredIssues(db, { dueState }, today, soonUntil, []))
  return { overdue: await count('overdue'), dueSoon: await count('due_soon') }
}

export async function listIssues(db: Executor, filter: IssueFilter, today: string): Promise<IssuePage> {
  const calendar = await loadCalendar(db)
  const soonUntil = dueSoonUntil(calendar, today)
  const { page, pageSize, offset } = pageBounds(filter, 50, 500)

  const matching = filteredIssues(db, filter, today, soonUntil, await issueTextConditions(db, filter.text ?? ''))
  const total = await countMatching(db, matching)
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
    total,
    page,
    pageSize,
  }
}
