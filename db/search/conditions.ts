import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'
import { onServer } from '../core/engine'
import { serverIssueTextConditions, serverOrganizationIdsByName } from './server-search'
import { allOf, ftsQuery, ftsString, issueIndexPlan, issueTextLike, like, likeContains, searchTerms } from './terms'

/**
 * For the issue ledger's text filter, as conditions on `issues as i`: each term must occur in the
 * issue's number, description, place or result, its 工单号 / 文号 or transferring body, or in its
 * visitor's or enterprise's name. A term
 * becomes a set of issue ids: from the three indexes when it has three or more characters, from
 * the issue index's vocabulary and the names by LIKE when it is a pair, and by LIKE over the
 * compact copies (never the joined ledger row by row) when it is one character.
 */
export async function issueTextConditions(db: Executor, text: string): Promise<RawBuilder<SqlBool>[]> {
  if (onServer(db)) return serverIssueTextConditions(searchTerms(text))
  const conditions: RawBuilder<SqlBool>[] = []
  for (const term of searchTerms(text)) {
    const fromVisits = (visitorIds: RawBuilder<unknown>, organizationIds: RawBuilder<unknown>) => sql`
      select i2.id from visits v2 join matters m2 on m2.visit_id = v2.id join issues i2 on i2.matter_id = m2.id
        where v2.visitor_id in ${visitorIds}
      union
      select i2.id from visits v2 join matters m2 on m2.visit_id = v2.id join issues i2 on i2.matter_id = m2.id
        where v2.organization_id in ${organizationIds}`
    if (term.indexed) {
      const q = ftsString(term.text)
      conditions.push(sql<SqlBool>`i.id in (
        select rowid from issue_search where issue_search match ${q}
        union select rowid from issue_source_search where issue_source_search match ${q}
        union ${fromVisits(sql`(select rowid from visitor_search where visitor_search match ${q})`, sql`(select rowid from organization_search where organization_search match ${q})`)}
      )`)
      continue
    }
    const pattern = likeContains(term.text)
    const names = fromVisits(
      sql`(select p2.id from visitors p2 where p2.name like ${pattern} escape '\\')`,
      sql`(select o2.id from organizations o2 where o2.name like ${pattern} escape '\\')`,
    )
    const plan = await issueIndexPlan(db, [term])
    const issueText = plan.none
      ? sql`select -1`
      : plan.fts
        ? sql`select rowid from issue_search where issue_search match ${plan.fts}`
        : sql`select t.id from issue_search_text t where ${issueTextLike(term)}`
    // The few issues with a 工单号 or transferring body, by LIKE over their own small index's rows.
    const sources = sql`select rowid from issue_source_search where source_ref like ${pattern} escape '\\' or source_body like ${pattern} escape '\\'`
    conditions.push(sql<SqlBool>`i.id in (${issueText} union ${sources} union ${names})`)
  }
  return conditions
}

/**
 * The ids of enterprises whose name holds every term: through the index for terms of three or
 * more characters, LIKE for shorter ones. For `column in (…)`. On a server ledger, as its search
 * finds them (server-search.ts).
 */
export function organizationIdsByName(text: string, server = false): RawBuilder<number> {
  const terms = searchTerms(text)
  if (server) return serverOrganizationIdsByName(terms)
  const fts = ftsQuery(terms, ['name'])
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => like(sql`name`, t)))
  return fts
    ? sql<number>`(select rowid from organization_search where organization_search match ${fts} and ${short})`
    : sql<number>`(select id from organizations where ${short})`
}
