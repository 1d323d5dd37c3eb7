import type { Executor } from '../core/context'
import { onServer } from '../core/engine'
import { maskFreeText, maskPhone } from '../privacy/mask'
import { markOptional, markText } from './highlight'
import type { IssueHitRow, OrganizationHitRow, SearchEngine, VisitorHitRow } from './hit-rows'
import { serverSearch } from './server-search'
import { sqliteSearch } from './sqlite-search'
import { searchTerms, type SearchTerm } from './terms'
import type { IssueSearchHit, OrganizationSearchHit, SearchKind, SearchResults, VisitorSearchHit } from '../../shared/types'

// One search box over visitors, enterprises and issues: the local file's FTS5 indexes (migration
// 0002, sqlite-search.ts) or the server's pg_trgm indexes (server-search.ts), the same answers.

export const DEFAULT_SEARCH_LIMIT = 20
export const MAX_SEARCH_LIMIT = 100

export interface SearchOptions {
  /** Most hits per kind; 1 to 100, 20 unless given. */
  limit?: number | undefined
  /** Which kinds to search; all unless given. */
  kinds?: readonly SearchKind[] | undefined
}

/** Which engine's half of the search answers on this handle: one seam, chosen per ledger. */
export function searchEngine(db: Executor): SearchEngine {
  return onServer(db) ? serverSearch : sqliteSearch
}

const issueHit =
  (terms: readonly SearchTerm[]) =>
  (r: IssueHitRow): IssueSearchHit => ({
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
  })

const visitorHit =
  (terms: readonly SearchTerm[]) =>
  (r: VisitorHitRow): VisitorSearchHit => ({
    kind: 'visitor',
    id: r.id,
    name: markText(r.name, terms),
    visitorKind: r.kind,
    phone: maskPhone(r.phone),
    organizationName: r.organization_name,
    lastVisitDate: r.last_visit_date,
  })

const organizationHit =
  (terms: readonly SearchTerm[]) =>
  (r: OrganizationHitRow): OrganizationSearchHit => ({
    kind: 'organization',
    id: r.id,
    name: markText(r.name, terms),
    creditCode: markOptional(r.credit_code, terms),
    lastVisitDate: r.last_visit_date,
  })

/** The search box: visitors, enterprises and issues matching every term, best first per kind. */
export async function search(db: Executor, query: string, options: SearchOptions = {}): Promise<SearchResults> {
  const terms = searchTerms(query)
  const whole = terms.map((t) => t.text).join(' ')
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT)))
  const kinds = new Set<SearchKind>(options.kinds ?? ['issue', 'visitor', 'organization'])
  const results: SearchResults = { query: whole, terms: terms.map((t) => t.text), issues: [], visitors: [], organizations: [] }
  if (terms.length === 0) return results
  const engine = searchEngine(db)
  if (kinds.has('issue')) results.issues = (await engine.issues(db, terms, limit)).map(issueHit(terms))
  if (kinds.has('visitor')) results.visitors = (await engine.visitors(db, terms, whole, limit)).map(visitorHit(terms))
  if (kinds.has('organization')) results.organizations = (await engine.organizations(db, terms, whole, limit)).map(organizationHit(terms))
  return results
}
