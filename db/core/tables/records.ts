import type { Generated } from 'kysely'

// The ledger about itself: the audit chain and record states, its identity, imports, month closes, corrections.
// Row shapes as described in db/core/schema.ts, which joins them into the Database.

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_id: number | null
  actor_name: string
  action: string
  entity: string
  entity_id: number | null
  detail: string
  prev_hash: string
  hash: string
  /** SHA-256 over this row's audit_state entries; null when the write changed no record (and before 0007). */
  state_digest: string | null
}

/** One record as an audited write left it: which row, over how many columns, and its digest. */
export interface AuditStateTable {
  audit_id: number
  entity_table: string
  row_key: string
  column_count: number
  row_hash: string
}

export interface LedgerIdentityTable {
  id: string
  created_at: string
  /** Audit rows up to this id were written before record digests began. */
  state_from_audit_id: number
}

/** One import of an old Excel / CSV ledger (db/import/); undone as a whole. */
export interface ImportBatchesTable {
  id: Generated<number>
  file_name: string
  sheet: string | null
  /** The mapping used, as JSON: field → column. */
  mapping: string
  rows_total: Generated<number>
  rows_imported: Generated<number>
  rows_skipped: Generated<number>
  rows_duplicate: Generated<number>
  /** What the import created, as JSON (ImportCounts). */
  summary: Generated<string>
  last_history_id: Generated<number>
  last_note_id: Generated<number>
  last_callback_id: Generated<number>
  last_extension_id: Generated<number>
  actor_id: number | null
  actor_name: string
  created_at: string
  finished_at: string | null
  undone_at: string | null
  undone_by_id: number | null
  undone_by_name: string | null
}

/** A month's report frozen as sent (月结); reopening stamps the row, a new close adds one. */
export interface MonthClosesTable {
  id: Generated<number>
  month: string
  closed_at: string
  closed_by_id: number
  closed_by_name: string
  /** JSON: the report and the list sheets as they were sent (db/figures/close.ts). */
  snapshot: string
  audit_head_id: number
  audit_head_hash: string
  reopened_at: string | null
  reopened_by_id: number | null
  reopened_by_name: string | null
  reopen_reason: string | null
}

/** One correction of a saved record: what the field said, what it says now, why and who. */
export interface CorrectionsTable {
  id: Generated<number>
  entity: 'visit' | 'matter' | 'issue'
  entity_id: number
  field: string
  old_value: string | null
  new_value: string | null
  reason: string
  actor_id: number | null
  actor_name: string
  at: string
}
