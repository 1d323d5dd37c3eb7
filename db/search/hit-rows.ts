import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'
import type { SearchTerm } from './terms'
import type { IssueStatus, VisitorKind } from '../../shared/types'

// What each engine's search queries hand back, best first; search.ts masks and marks them.

export interface IssueHitRow {
  id: number
  number: string
  status: IssueStatus
  accepted_date: string
  content: string
  place: string | null
  result: string | null
  visitor_name: string
  organization_name: string | null
}

export interface VisitorHitRow {
  id: number
  name: string
  kind: VisitorKind
  phone: string | null
  organization_name: string | null
  last_visit_date: string | null
}

export interface OrganizationHitRow {
  id: number
  name: string
  credit_code: string | null
  last_visit_date: string | null
}

/** The engine-specific half of the search: the local file's FTS5 indexes or the server's pg_trgm ones. */
export interface SearchEngine {
  issues(db: Executor, terms: readonly SearchTerm[], limit: number): Promise<IssueHitRow[]>
  visitors(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<VisitorHitRow[]>
  organizations(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<OrganizationHitRow[]>
}

// The columns and joins around the hits' ids, the same on both engines.
export const ISSUE_COLUMNS = sql`i.id, i.number, i.status, i.accepted_date, m.content, m.place, i.result,
  p.name as visitor_name, o.name as organization_name`
export const ISSUE_JOINS = sql`join issues i on i.id = hit.id
  join matters m on m.id = i.matter_id
  join visits v on v.id = m.visit_id
  join visitors p on p.id = v.visitor_id
  left join organizations o on o.id = v.organization_id`

// An issue of a voided visit stays in the record but leaves every list, the search included;
// voided visits are few and the partial index visits_voided holds just them.
// CROSS JOIN keeps that order: the voided visits first, never all matters.
export const NOT_VOIDED = sql<SqlBool>`t.id not in (
  select vi.id from visits vv cross join matters vm cross join issues vi
  where vv.voided_at is not null and vm.visit_id = vv.id and vi.matter_id = vm.id
)`

// The last-visit date is kept on the record by every write that adds or voids a visit (directory/last-visit.ts).
export const VISITOR_COLUMNS = sql`p.id, p.name, p.kind, p.phone, o.name as organization_name, p.last_visit_date`

export const ORGANIZATION_COLUMNS = sql`o.id, o.name, o.credit_code, o.last_visit_date`

/**
 * Visitors found by name without an index (every term one or two characters): the exact name
 * first, then names matching `matches`, newest first, stopping at the limit. Most names are two
 * characters, so this is the common case on both engines.
 */
export async function visitorsByName(db: Executor, query: string, matches: RawBuilder<SqlBool>, limit: number): Promise<VisitorHitRow[]> {
  const exact = (
    await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
      from visitors p left join organizations o on o.id = p.organization_id
      where p.name = ${query} and p.merged_into_id is null
      order by p.id desc
      limit ${limit}`.execute(db)
  ).rows
  const contains = (
    await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
      from visitors p left join organizations o on o.id = p.organization_id
      where ${matches} and p.name != ${query} and p.merged_into_id is null
      order by p.id desc
      limit ${limit}`.execute(db)
  ).rows
  return [...exact, ...contains].slice(0, limit)
}
