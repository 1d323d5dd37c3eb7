import { MAX_PAGE_SIZE } from '../../shared/limits'
import type { Executor } from '../core/context'
import { maskPhone } from '../privacy/mask'
import { pageBounds, type Paging } from '../core/paging'
import type { IssueStatus, MatterType } from '../core/schema'
import type { MatterSummary, VisitPage, VisitSummary } from '../../shared/types'
import { correctionsOf } from './correction-owners'

export interface VisitFilter {
  sessionId?: number
  visitorId?: number
  organizationId?: number
  visitIds?: number[]
  /** Calls, letters and online messages (no reception day) received in this month. */
  contactsInMonth?: { first: string; nextFirst: string }
  limit?: number
  offset?: number
}

/** The visits a filter selects, voided ones never: the same conditions serve the list and its count. */
function filteredVisits(db: Executor, filter: VisitFilter) {
  let q = db.selectFrom('visits as v').where('v.voided_at', 'is', null)
  if (filter.sessionId !== undefined) q = q.where('v.session_id', '=', filter.sessionId)
  if (filter.visitorId !== undefined) q = q.where('v.visitor_id', '=', filter.visitorId)
  if (filter.organizationId !== undefined) q = q.where('v.organization_id', '=', filter.organizationId)
  if (filter.contactsInMonth !== undefined) {
    q = q
      .where('v.session_id', 'is', null)
      .where('v.visit_date', '>=', filter.contactsInMonth.first)
      .where('v.visit_date', '<', filter.contactsInMonth.nextFirst)
  }
  if (filter.visitIds !== undefined) q = q.where('v.id', 'in', filter.visitIds.length > 0 ? filter.visitIds : [-1])
  return q
}

/** One page of the visits a filter selects, newest first, with how many there are in all. */
export async function pageVisits(db: Executor, filter: VisitFilter, paging: Paging): Promise<VisitPage> {
  const { page, pageSize, offset } = pageBounds(paging, 20, MAX_PAGE_SIZE)
  const [rows, count] = await Promise.all([
    listVisits(db, { ...filter, limit: pageSize, offset }),
    filteredVisits(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n), page, pageSize }
}

export interface VisitListing {
  /**
   * The visits were saved by this very call and are read the moment it committed: their
   * corrections are not counted (0), one statement fewer per registration. Another desk would have
   * to correct a visit it has only just been able to see, in the moments between.
   */
  justSaved?: boolean
}

export async function listVisits(db: Executor, filter: VisitFilter, listing: VisitListing = {}): Promise<VisitSummary[]> {
  const q = filteredVisits(db, filter)
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .leftJoin('staff as r', 'r.id', 'v.received_by_id')
    .select([
      'v.id',
      'v.session_id',
      'v.visit_date',
      'v.arrived_at',
      'v.visitor_id',
      'p.name as visitor_name',
      'p.phone as visitor_phone',
      'v.organization_id',
      'o.name as organization_name',
      'v.headcount',
      'v.version',
      'v.received_by_id',
      'r.name as received_by_name',
      'v.channel',
    ])
  const visits = await q
    .orderBy('v.arrived_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(filter.limit ?? 500)
    .offset(filter.offset ?? 0)
    .execute()
  if (visits.length === 0) return []
  const corrected = listing.justSaved
    ? new Map<number, number>()
    : await correctionCounts(
        db,
        visits.map((v) => v.id),
      )
  const matters = await db
    .selectFrom('matters as m')
    .innerJoin('categories as c', 'c.id', 'm.category_id')
    .leftJoin('issues as i', 'i.matter_id', 'm.id')
    .select([
      'm.id',
      'm.visit_id',
      'm.type',
      'm.category_id',
      'c.name as category_name',
      'm.content',
      'm.answer',
      'm.place',
      'i.id as issue_id',
      'i.number as issue_number',
      'i.status as issue_status',
    ])
    .where(
      'm.visit_id',
      'in',
      visits.map((v) => v.id),
    )
    .orderBy('m.id')
    .execute()
  const byVisit = new Map<number, MatterSummary[]>()
  for (const m of matters) {
    const list = byVisit.get(m.visit_id) ?? []
    list.push({
      id: m.id,
      type: m.type satisfies MatterType,
      categoryId: m.category_id,
      categoryName: m.category_name,
      content: m.content,
      answer: m.answer,
      place: m.place,
      issueId: m.issue_id,
      issueNumber: m.issue_number,
      issueStatus: m.issue_status satisfies IssueStatus | null,
    })
    byVisit.set(m.visit_id, list)
  }
  return visits.map((v) => ({
    id: v.id,
    sessionId: v.session_id,
    visitDate: v.visit_date,
    arrivedAt: v.arrived_at,
    visitorId: v.visitor_id,
    visitorName: v.visitor_name,
    visitorPhone: maskPhone(v.visitor_phone),
    organizationId: v.organization_id,
    organizationName: v.organization_name,
    headcount: v.headcount,
    receivedById: v.received_by_id,
    receivedByName: v.received_by_name,
    channel: v.channel,
    matters: byVisit.get(v.id) ?? [],
    correctionCount: corrected.get(v.id) ?? 0,
    version: v.version,
  }))
}

/** How many corrections each visit (with its matters and issues) has had, for the lists. */
export async function correctionCounts(db: Executor, visitIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>()
  if (visitIds.length === 0) return counts
  const rows = await correctionsOf(db, { visitIds })
    .select((eb) => ['owned.owner_id as visit_id', eb.fn.countAll<number>().as('n')])
    .groupBy('owned.owner_id')
    .execute()
  for (const r of rows) counts.set(r.visit_id, Number(r.n))
  return counts
}
