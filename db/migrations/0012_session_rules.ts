import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// Recurring reception-day rules (接待日规则), one per kind, e.g. 每月第四个星期四，遇节假日顺延.
// A generated day remembers the rule date it stands for, so moving it by hand never makes the
// next generation plan the original date again. Additive only: a new table, a new nullable column.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`kind in ('enterprise', 'public', 'leader', 'field')`),
    )
    .addColumn('nth', 'text', (c) => c.notNull().check(sql`nth in ('first', 'second', 'third', 'fourth', 'fifth', 'last')`))
    .addColumn('weekday', 'text', (c) => c.notNull().check(sql`weekday in ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')`))
    .addColumn('holiday_shift', 'text', (c) => c.notNull().check(sql`holiday_shift in ('next_workday', 'previous_workday', 'none')`))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('title_template', 'text')
    .addColumn('max_bookings', 'integer', (c) => c.check(sql`max_bookings between 1 and 999`))
    .addColumn('max_people_per_booking', 'integer', (c) => c.check(sql`max_people_per_booking between 1 and 999`))
    .addColumn('active', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`active in (0, 1)`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema.alterTable('sessions').addColumn('rule_date', 'text').execute()
  await db.schema.createIndex('sessions_kind_rule_date').on('sessions').columns(['kind', 'rule_date']).execute()
}
