import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// The desk's ledger rules: one form submission is one visit (a token the form sends, unique
// among visits); a visit on a reception day is dated that day, and a desk visit the day it
// arrived (triggers, so no code path can file it under another day); corrections kept with the
// old text, the reason and who; the office's saved answers per category. Additive only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('visits').addColumn('submission_token', 'text').execute()
  await sql`create unique index visits_submission_token on visits(submission_token) where submission_token is not null`.execute(db)

  for (const event of ['insert', 'update of visit_date, session_id']) {
    const name = event === 'insert' ? 'visits_session_date_insert' : 'visits_session_date_update'
    await sql
      .raw(
        `create trigger ${name} before ${event} on visits
         when new.session_id is not null and new.visit_date is not (select date from sessions where id = new.session_id)
         begin select raise(abort, '来访日期须为所在接待日的日期'); end`,
      )
      .execute(db)
  }
  await sql`create trigger sessions_date_kept_with_visits before update of date on sessions
    when new.date <> old.date and exists (select 1 from visits where session_id = new.id)
    begin select raise(abort, '接待日已有来访登记，日期不能再改'); end`.execute(db)
  await sql`create trigger visits_desk_arrival_date before insert on visits
    when new.channel = 'desk' and new.visit_date <> substr(new.arrived_at, 1, 10)
    begin select raise(abort, '现场来访的日期须为到达当天'); end`.execute(db)

  await db.schema
    .createTable('corrections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('entity', 'text', (c) => c.notNull().check(sql`entity in ('visit', 'matter', 'issue')`))
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('corrections_entity').on('corrections').columns(['entity', 'entity_id', 'id']).execute()
  // Kept as written: a correction is history, like the audit log.
  await sql`create trigger corrections_no_update before update on corrections begin select raise(abort, '更正记录只能追加，不能修改'); end`.execute(
    db,
  )
  await sql`create trigger corrections_no_delete before delete on corrections begin select raise(abort, '更正记录只能追加，不能删除'); end`.execute(
    db,
  )

  await db.schema
    .createTable('answer_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('answer_templates_category').on('answer_templates').columns(['category_id', 'active', 'use_count']).execute()
}
