import { sql, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'
import { maskFreeText, maskPhone } from '../privacy/mask'
import { markOptional, markText } from './highlight'
import { allOf, anyColumnLike, ftsQuery, issueIndexPlan, issueTextLike, like, searchTerms, type SearchTerm } from './terms'
import type {
  IssueSearchHit,
  IssueStatus,
  OrganizationSearchHit,
  SearchKind,
  SearchResults,
  VisitorKind,
  VisitorSearchHit,
} from '../../shared/types'

// One search box over visitors, enterprises and issues (migration 0002 builds the indexes).

export const DEFAULT_SEARCH_LIMIT = 20
export const MAX_SEARCH_LIMIT = 100

export interface SearchOptions {
  /** Most hits per kind; 1 to 100, 20 unless given. */
  limit?: number | undefined
  /** Which kinds to search; all unless given. */
  kinds?: readonly SearchKind[] | undefined
}

interface IssueHitRow {
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

const ISSUE_COLUMNS = sql`i.id, i.number, i.status, i.accepted_date, m.content, m.place, i.result,
  p.name as visitor_name, o.name as organization_name`
const ISSUE_JOINS = sql`join issues i on i.id = hit.id
  join matters m on m.id = i.matter_id
  join visits v on v.id = m.visit_id
  join visitors p on p.id = v.visitor_id
  left join organizations o on o.id = v.organization_id`

// An issue of a voided visit stays in the record but leaves every list, the search included;
// voided visits are few and the partial index visits_voided holds just them.
// CROSS JOIN keeps that order: the voided visits first, never all matters.
const NOT_VOIDED = sql<SqlBool>`t.id not in (
  select vi.id from visits vv cross join matters vm cross join issues vi
  where vv.voided_at is not null and vm.visit_id = vv.id and vi.matter_id = vm.id
)`

async function searchIssues(db: Executor, terms: readonly SearchTerm[], limit: number): Promise<IssueSearchHit[]> {
  const plan = await issueIndexPlan(db, terms)
  if (plan.none) return []
  const fts = plan.fts
  const short = allOf(plan.like.map(issueTextLike))
  // The best `limit` ids first, from the index (and the compact text for short terms); only
  // those are joined to the rest of the ledger.
  const hits = fts
    ? sql`select issue_search.rowid as id, issue_search.rank as rank
        from issue_search join issue_search_text t on t.id = issue_search.rowid
        where issue_search match ${fts} and ${short} and ${NOT_VOIDED}
        order by issue_search.rank, issue_search.rowid desc
        limit ${limit}`
    : // Every term is short: walk the compact copy newest first and stop at the limit.
      sql`select t.id as id, 0 as rank from issue_search_text t where ${short} and ${NOT_VOIDED} order by t.id desc limit ${limit}`
  const { rows } = await sql<IssueHitRow>`select ${ISSUE_COLUMNS}
    from (${hits}) hit ${ISSUE_JOINS}
    order by hit.rank, hit.id desc`.execute(db)
  return rows.map((r) => ({
    kind: 'issue',
    id: r.id,
    number: markText(r.number, terms),
    status: r.status,
    acceptedDate: r.accepted_date,
    visitorName: r.visitor_name,
    organizationName: r.organization_name,
    // Masked before an excerpt is cut from it: a number cut in half would no longer look like one.
    content: markText(maskFreeText(r.content), terms),
    place: markOptional(r.place === null ? null : maskFreeText(r.place), terms),
    result: markOptional(r.result === null ? null : maskFreeText(r.result), terms),
  }))
}

interface VisitorHitRow {
  id: number
  name: string
  kind: VisitorKind
  phone: string | null
  organization_name: string | null
  last_visit_date: string | null
}

const VISITOR_COLUMNS = sql`p.id, p.name, p.kind, p.phone, o.name as organization_name,
  (select max(x.visit_date) from visits x where x.visitor_id = p.id and x.voided_at is null) as last_visit_date`

async function searchVisitors(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<VisitorSearchHit[]> {
  const fts = ftsQuery(terms)
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => like(sql`p.name`, t)))
  let rows: VisitorHitRow[]
  if (fts) {
    rows = (
      await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
        from (
          select p.id, p.name = ${query} as exact, visitor_search.rank as rank
          from visitor_search join visitors p on p.id = visitor_search.rowid
          where visitor_search match ${fts} and p.merged_into_id is null and ${short}
          order by exact desc, rank, p.id desc
          limit ${limit}
        ) hit join visitors p on p.id = hit.id
        left join organizations o on o.id = p.organization_id
        order by hit.exact desc, hit.rank, p.id desc`.execute(db)
    ).rows
  } else {
    // Most names are two characters: the exact name first (by index), then names containing
    // the terms, newest first, stopping at the limit.
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
        where ${short} and p.name != ${query} and p.merged_into_id is null
        order by p.id desc
        limit ${limit}`.execute(db)
    ).rows
    rows = [...exact, ...contains].slice(0, limit)
  }
  return rows.map((r) => ({
    kind: 'visitor',
    id: r.id,
    name: markText(r.name, terms),
    visitorKind: r.kind,
    phone: maskPhone(r.phone),
    organizationName: r.organization_name,
    lastVisitDate: r.last_visit_date,
  }))
}

interface OrganizationHitRow {
  id: number
  name: string
  credit_code: string | null
  last_visit_date: string | null
}

const ORGANIZATION_COLUMNS = sql`o.id, o.name, o.credit_code,
  (select max(x.visit_date) from visits x where x.organization_id = o.id and x.voided_at is null) as last_visit_date`

async function searchOrganizations(
  db: Executor,
  terms: readonly SearchTerm[],
  query: string,
  limit: number,
): Promise<OrganizationSearchHit[]> {
  const fts = ftsQuery(terms)
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => anyColumnLike([sql`o.name`, sql`o.credit_code`], t)))
  const { rows } = fts
    ? await sql<OrganizationHitRow>`select ${ORGANIZATION_COLUMNS}
        from (
          select o.id, o.name = ${query} as exact, organization_search.rank as rank
          from organization_search join organizations o on o.id = organization_search.rowid
          where organization_search match ${fts} and o.merged_into_id is null and ${short}
          order by exact desc, rank, o.id desc
          limit ${limit}
        ) hit join organizations o on o.id = hit.id
        order by hit.exact desc, hit.rank, o.id desc`.execute(db)
    : await sql<OrganizationHitRow>`select ${ORGANIZATION_COLUMNS}
        from organizations o
        where ${short} and o.merged_into_id is null
        order by o.name = ${query} desc, o.id desc
        limit ${limit}`.execute(db)
  return rows.map((r) => ({
    kind: 'organization',
    id: r.id,
    name: markText(r.name, terms),
    creditCode: markOptional(r.credit_code, terms),
    lastVisitDate: r.last_visit_date,
  }))
}

/** The search box: visitors, enterprises and issues matching every term, best first per kind. */
export async function search(db: Executor, query: string, options: SearchOptions = {}): Promise<SearchResults> {
  const terms = searchTerms(query)
  const whole = terms.map((t) => t.text).join(' ')
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT)))
  const kinds = new Set<SearchKind>(options.kinds ?? ['issue', 'visitor', 'organization'])
  const results: SearchResults = { query: whole, terms: terms.map((t) => t.text), issues: [], visitors: [], organizations: [] }
  if (terms.length === 0) return results
  if (kinds.has('issue')) results.issues = await searchIssues(db, terms, limit)
  if (kinds.has('visitor')) results.visitors = await searchVisitors(db, terms, whole, limit)
  if (kinds.has('organization')) results.organizations = await searchOrganizations(db, terms, whole, limit)
  return results
}
