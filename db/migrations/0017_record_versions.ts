import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// An optimistic version on every record a clerk edits: two clerks saving the same record, the
// second is told it changed instead of overwriting the first. Additive only: one integer column
// per table, 1 for every record there is (a record starts at 1), raised by one in the same
// statement as every change the ledger makes to the record; an edit names the version the screen
// read and is refused, nothing written, when the record no longer has it.
const VERSIONED_TABLES = ['sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'appointments'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await sql`alter table ${sql.table(table)} add column version integer not null default 1`.execute(db)
  }
}
