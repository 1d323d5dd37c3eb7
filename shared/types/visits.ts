// Visits and the matters raised in them.
import type { IssueStatus } from './issues'

export type { Channel, CorrectionEntity, MatterType } from '../codes/visits'
import type { CorrectionEntity, MatterType } from '../codes/visits'

export interface MatterSummary {
  id: number
  type: MatterType
  categoryId: number
  categoryName: string
  content: string
  answer: string | null
  place: string | null
  issueId: number | null
  issueNumber: string | null
  issueStatus: IssueStatus | null
}

export interface VisitSummary {
  id: number
  sessionId: number | null
  visitDate: string
  arrivedAt: string
  visitorId: number
  visitorName: string
  visitorPhone: string | null
  organizationId: number | null
  organizationName: string | null
  headcount: number
  receivedById: number | null
  receivedByName: string | null
  /** 'desk' for a reception-day visit; 'walk_in' (a visit outside a reception day), 'phone', 'letter', 'online', 'other' between them. */
  channel: string
  matters: MatterSummary[]
  /** 更正 made to the visit, its matters and issues (db/visits/corrections.ts). */
  correctionCount: number
  /** The visit's version as read: its 更正 names it (db/core/versions.ts). */
  version: number
}

/** One 更正: the field's old and new text, why, who and when. */
export interface Correction {
  id: number
  entity: CorrectionEntity
  entityId: number
  field: string
  fieldLabel: string
  before: string | null
  after: string | null
  reason: string
  actorName: string
  at: string
}

export interface VisitPage {
  rows: VisitSummary[]
  total: number
  page: number
  pageSize: number
}
