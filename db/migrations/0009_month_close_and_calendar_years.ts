import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
//
// month_closes: a month's report frozen as it was sent (月结). One row per close; reopening a
// month stamps the row (never deletes it) and a later close adds a new row, so at most one row
// per month is open (reopened_at null) and the history of closes stays in the file. The snapshot
// is the report and the list sheets as JSON; the audit chain's head at the moment of closing is
// kept beside it, so anyone can later show which records the report was computed from.
//
// calendar_years: the years whose official holiday arrangement the office has entered (typed in
// 设置 → 节假日, or imported from a file). Until then a year past the installed holiday data is
// counted on the statutory holidays computed from the law, marked provisional (暂定).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('month_closes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('closed_by_name', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('audit_head_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audit_head_hash', 'text', (c) => c.notNull())
    .addColumn('reopened_at', 'text')
    .addColumn('reopened_by_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('reopened_by_name', 'text')
    .addColumn('reopen_reason', 'text')
    .addCheckConstraint(
      'month_closes_reopen_reason',
      sql`reopened_at is null or (reopen_reason is not null and reopened_by_id is not null)`,
    )
    .execute()
  await sql`create unique index month_closes_open on month_closes(month) where reopened_at is null`.execute(db)

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year between 2000 and 2100`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('typed', 'file')`))
    .addColumn('file_name', 'text')
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('confirmed_by_name', 'text', (c) => c.notNull())
    .execute()
}
