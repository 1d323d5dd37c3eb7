import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// Appointments (预约) for a planned reception day, the questions sent in before it, and the
// day's booking caps. Additive only: new table, new nullable columns.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('max_bookings', 'integer').execute()
  await db.schema.alterTable('sessions').addColumn('max_people_per_booking', 'integer').execute()

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('resident', 'enterprise')`))
    .addColumn('organization_name', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('headcount', 'integer', (c) => c.notNull().check(sql`headcount between 1 and 999`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('booked')
        .check(sql`status in ('booked', 'arrived', 'cancelled')`),
    )
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('note', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('appointments_session').on('appointments').columns(['session_id', 'status']).execute()

  await db.schema
    .createTable('appointment_questions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('appointment_questions_appointment').on('appointment_questions').column('appointment_id').execute()
}
