import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// The server's twin of 0017_record_versions: the same integer column, not null, 1 for every
// record there is, on the same tables in the same order.
const VERSIONED_TABLES = ['sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'appointments'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await sql`alter table ${sql.table(table)} add column version integer not null default 1`.execute(db)
  }
}
