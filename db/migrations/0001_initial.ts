import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// Typed Kysely<unknown>: the row types of the day live in db/schema.ts, which may move on while
// this file must not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('title', 'text')
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('desk')
        .check(sql`role in ('desk', 'supervisor', 'handler')`),
    )
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone', 'text')
    .addColumn('pin_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('time_limit_days', 'integer', (c) => c.notNull().check(sql`time_limit_days between 1 and 365`))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('holiday_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('enterprise', 'public', 'leader', 'field')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('host_leader_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned', 'open', 'closed')`),
    )
    .addColumn('note', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_date').on('sessions').columns(['date', 'kind']).execute()

  await db.schema
    .createTable('session_staff')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('session_staff_pk', ['session_id', 'staff_id'])
    .execute()

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('address', 'text')
    .addColumn('industry', 'text')
    .addColumn('note', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // A merged record keeps its old credit code for history, so uniqueness holds among live ones.
  await sql`create unique index organizations_credit_code on organizations(credit_code) where credit_code is not null and merged_into_id is null`.execute(
    db,
  )
  await db.schema.createIndex('organizations_name').on('organizations').column('name').execute()

  await db.schema
    .createTable('visitors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('resident', 'enterprise')`))
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('address', 'text')
    .addColumn('note', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('visitors.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('visitors_phone').on('visitors').column('phone').execute()
  await db.schema.createIndex('visitors_name').on('visitors').column('name').execute()
  await db.schema.createIndex('visitors_id_number').on('visitors').column('id_number').execute()
  await db.schema.createIndex('visitors_organization').on('visitors').column('organization_id').execute()

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('session_id', 'integer', (c) => c.references('sessions.id'))
    .addColumn('visitor_id', 'integer', (c) => c.notNull().references('visitors.id'))
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('headcount', 'integer', (c) => c.notNull().check(sql`headcount between 1 and 999`))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('desk'))
    .addColumn('received_by_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('note', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('visits_session').on('visits').columns(['session_id', 'arrived_at']).execute()
  await db.schema.createIndex('visits_visitor').on('visits').columns(['visitor_id', 'visit_date']).execute()
  await db.schema.createIndex('visits_organization').on('visits').columns(['organization_id', 'visit_date']).execute()
  await db.schema.createIndex('visits_date').on('visits').column('visit_date').execute()

  await db.schema
    .createTable('matters')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('consultation', 'issue')`))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('place', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('matters_visit').on('matters').column('visit_id').execute()
  await db.schema.createIndex('matters_category').on('matters').columns(['category_id', 'type']).execute()

  await db.schema
    .createTable('issues')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('matter_id', 'integer', (c) => c.notNull().unique().references('matters.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year_month', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'transferred', 'rejected')`),
    )
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('accepted_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('leader_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('first_contact_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('result', 'text')
    .addColumn('resolved_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('transfer_to', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issues_month_seq', ['year_month', 'seq'])
    .execute()
  await db.schema.createIndex('issues_accepted').on('issues').columns(['accepted_date', 'id']).execute()
  await db.schema.createIndex('issues_status').on('issues').columns(['status', 'accepted_date']).execute()
  await db.schema.createIndex('issues_category').on('issues').columns(['category_id', 'accepted_date']).execute()
  await db.schema.createIndex('issues_department').on('issues').columns(['department_id', 'accepted_date']).execute()
  await db.schema.createIndex('issues_due').on('issues').columns(['status', 'due_date']).execute()
  await db.schema.createIndex('issues_resolved').on('issues').columns(['resolved_date']).execute()

  await db.schema
    .createTable('issue_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .execute()
  await db.schema.createIndex('issue_history_issue').on('issue_history').columns(['issue_id', 'at']).execute()

  await db.schema
    .createTable('progress_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('progress')
        .check(sql`kind in ('progress', 'supervision')`),
    )
    .addColumn('note_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('progress_notes_issue').on('progress_notes').columns(['issue_id', 'note_date']).execute()

  await db.schema
    .createTable('extensions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('old_due_date', 'text', (c) => c.notNull())
    .addColumn('new_due_date', 'text', (c) => c.notNull())
    .addColumn('approver_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('extensions_issue').on('extensions').column('issue_id').execute()

  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('callback_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('phone', 'visit', 'sms', 'other')`))
    .addColumn('satisfaction', 'text', (c) => c.notNull().check(sql`satisfaction in ('satisfied', 'basically_satisfied', 'unsatisfied')`))
    .addColumn('comment', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('callbacks_issue').on('callbacks').columns(['issue_id', 'callback_date']).execute()
  await db.schema.createIndex('callbacks_date').on('callbacks').column('callback_date').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute()
  // Append-only: the file itself refuses edits, whatever code opens it.
  await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, '审计日志只能追加，不能修改'); end`.execute(
    db,
  )
  await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, '审计日志只能追加，不能删除'); end`.execute(
    db,
  )
}
