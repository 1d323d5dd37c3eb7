import type { Generated } from 'kysely'
import type { MatterType, VisitorKind } from '../../../shared/types'

// Who came (enterprises and visitors), their visits, and the matters each visit raised. Row shapes as described
// in db/core/schema.ts, which joins them into the Database.

export interface OrganizationsTable {
  id: Generated<number>
  name: string
  credit_code: string | null
  address: string | null
  industry: string | null
  note: string | null
  merged_into_id: number | null
  created_at: string
  updated_at: string
  import_batch_id: number | null
  /** The latest visit not voided (db/directory/last-visit.ts keeps it). */
  last_visit_date: Generated<string | null>
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface VisitorsTable {
  id: Generated<number>
  name: string
  phone: string | null
  id_number: string | null
  kind: VisitorKind
  organization_id: number | null
  address: string | null
  note: string | null
  merged_into_id: number | null
  created_at: string
  updated_at: string
  import_batch_id: number | null
  /** The latest visit not voided (db/directory/last-visit.ts keeps it). */
  last_visit_date: Generated<string | null>
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface VisitsTable {
  id: Generated<number>
  session_id: number | null
  visitor_id: number
  organization_id: number | null
  headcount: number
  visit_date: string
  arrived_at: string
  channel: Generated<string>
  received_by_id: number | null
  note: string | null
  voided_at: string | null
  void_reason: string | null
  created_at: string
  import_batch_id: number | null
  /** The sheet row the visit was imported from. */
  import_row: number | null
  /** The desk form's submission: unique, so one submission is one visit however often it arrives. */
  submission_token: string | null
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface MattersTable {
  id: Generated<number>
  visit_id: number
  type: MatterType
  category_id: number
  content: string
  answer: string | null
  place: string | null
  created_at: string
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}
