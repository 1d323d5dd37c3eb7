// Search: hits with the places the query matched.
import type { VisitorKind } from './directory'
import type { IssueStatus } from './issues'

export type { SearchKind } from '../codes/search'

/** A matched stretch of `text`: UTF-16 offsets as String.prototype.slice takes them, end exclusive. */
export interface TextRange {
  start: number
  end: number
}

/**
 * Text with the places the query matched, for the renderer to mark up itself (no HTML crosses
 * the boundary). Long fields come as an excerpt around the first match, with '…' at a cut end.
 */
export interface MarkedText {
  text: string
  ranges: TextRange[]
}

export interface IssueSearchHit {
  kind: 'issue'
  id: number
  number: MarkedText
  status: IssueStatus
  acceptedDate: string
  visitorName: string
  organizationName: string | null
  content: MarkedText
  place: MarkedText | null
  result: MarkedText | null
}

export interface VisitorSearchHit {
  kind: 'visitor'
  id: number
  name: MarkedText
  visitorKind: VisitorKind
  /** Masked. */
  phone: string | null
  organizationName: string | null
  lastVisitDate: string | null
}

export interface OrganizationSearchHit {
  kind: 'organization'
  id: number
  name: MarkedText
  creditCode: MarkedText | null
  lastVisitDate: string | null
}

export type SearchHit = IssueSearchHit | VisitorSearchHit | OrganizationSearchHit

/** Each list is in rank order, best first. */
export interface SearchResults {
  query: string
  /** The terms the query was split into; every hit matches all of them. */
  terms: string[]
  issues: IssueSearchHit[]
  visitors: VisitorSearchHit[]
  organizations: OrganizationSearchHit[]
}
