import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// A PIN set by someone other than its owner (a supervisor giving a new colleague a first PIN, or
// resetting a forgotten one) is an initial PIN: it lets its owner in once, to choose their own.
// Existing PINs count as their owners' own. Additive only: one column with a default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('pin_initial', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`pin_initial in (0, 1)`),
    )
    .execute()
}
