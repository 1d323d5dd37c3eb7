import { sql } from 'kysely'
import type { Executor } from '../core/context'
import {
  ISSUE_COLUMNS,
  ISSUE_JOINS,
  NOT_VOIDED,
  ORGANIZATION_COLUMNS,
  VISITOR_COLUMNS,
  visitorsByName,
  type IssueHitRow,
  type OrganizationHitRow,
  type SearchEngine,
  type VisitorHitRow,
} from './hit-rows'
import { allOf, anyColumnLike, ftsQuery, issueIndexPlan, issueTextLike, like, type SearchTerm } from './terms'

// The search on the local file: the FTS5 trigram indexes of migration 0002, ranked by their bm25.

async function issues(db: Executor, terms: readonly SearchTerm[], limit: number): Promise<IssueHitRow[]> {
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
  return rows
}

async function visitors(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<VisitorHitRow[]> {
  const fts = ftsQuery(terms)
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => like(sql`p.name`, t)))
  if (fts) {
    return (
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
  }
  return visitorsByName(db, query, short, limit)
}

async function organizations(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<OrganizationHitRow[]> {
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
  return rows
}

export const sqliteSearch: SearchEngine = { issues, visitors, organizations }
