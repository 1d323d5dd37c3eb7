import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
//
// Voiding (db/voids.ts) keeps rows and marks them; every list and figure then excludes the
// voided visits' issues with `matter_id not in (… visits where voided_at is not null)`. Voided
// visits are rare, so a partial index holds only them and that subquery costs next to nothing.
// The audit viewer filters by date: an index on `at`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index visits_voided on visits(id) where voided_at is not null`.execute(db)
  await sql`create index audit_log_at on audit_log(at)`.execute(db)
}
