// Directory: enterprises and people, their histories, returning-visitor matches, paged lists and merging duplicates.
import type { IssueListItem } from './issues'
import type { VisitSummary } from './visits'

export type { VisitorKind } from '../codes/visits'
import type { VisitorKind } from '../codes/visits'

export interface Organization {
  id: number
  /** The record's version as read: an edit names it (db/core/versions.ts). */
  version: number
  name: string
  creditCode: string | null
  address: string | null
  industry: string | null
  note: string | null
}

export interface Visitor {
  id: number
  /** The record's version as read: an edit names it (db/core/versions.ts). */
  version: number
  name: string
  /** Masked for display: 138****5678. */
  phone: string | null
  /** Masked for display: 110***********1234. */
  idNumber: string | null
  kind: VisitorKind
  organizationId: number | null
  organizationName: string | null
  address: string | null
  note: string | null
}

export interface VisitorHistory {
  visitor: Visitor
  /** The newest visits, at most 200; visitCount and personTimes count every one. */
  visits: VisitSummary[]
  visitCount: number
  personTimes: number
  openIssues: IssueListItem[]
}

export interface OrganizationHistory {
  organization: Organization
  visitors: Visitor[]
  /** The newest visits, at most 200; visitCount and personTimes count every one. */
  visits: VisitSummary[]
  visitCount: number
  personTimes: number
  openIssues: IssueListItem[]
  /** Issues about this enterprise as 被反映对象, newest first (at most 200); complaintCount counts them all. */
  complaints: IssueListItem[]
  complaintCount: number
}

export interface ReturningMatches {
  visitors: (Visitor & { visitCount: number; lastVisitDate: string | null; openIssueCount: number })[]
  organizations: (Organization & { visitCount: number; lastVisitDate: string | null; openIssueCount: number })[]
}

export interface OrganizationListItem extends Organization {
  /** Visits not voided, and the people they brought (人次). */
  visitCount: number
  personTimes: number
  lastVisitDate: string | null
  openIssueCount: number
  /** Live (not merged) people recorded as working there. */
  visitorCount: number
}

export interface VisitorListItem extends Visitor {
  visitCount: number
  lastVisitDate: string | null
  openIssueCount: number
}

export interface DirectoryPage<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
}

/** What merging a duplicate into the kept record did; the merged record stays, marked. */
export interface MergeResult<T> {
  kept: T
  mergedId: number
  /** Visits that now belong to the kept record (voided ones included). */
  movedVisits: number
  /** For enterprises: people whose enterprise is now the kept one. Always 0 for visitors. */
  movedVisitors: number
  /** Fields of the kept record that were blank and were taken from the merged one (code names). */
  filled: string[]
}
