import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// The server's twin of 0016_last_visit_dates: each visitor's and enterprise's latest visit not
// voided, kept on the record (null: no visit yet, or every visit voided), filled from the visits,
// with one partial index each over the live records.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table visitors add column last_visit_date text`.execute(db)
  await sql`alter table organizations add column last_visit_date text`.execute(db)
  await sql`update visitors set last_visit_date =
    (select max(v.visit_date) from visits v where v.visitor_id = visitors.id and v.voided_at is null)`.execute(db)
  await sql`update organizations set last_visit_date =
    (select max(v.visit_date) from visits v where v.organization_id = organizations.id and v.voided_at is null)`.execute(db)
  await sql`create index visitors_live_by_last_visit on visitors (last_visit_date desc, id desc) where merged_into_id is null`.execute(db)
  await sql`create index organizations_live_by_last_visit on organizations (last_visit_date desc, id desc) where merged_into_id is null`.execute(
    db,
  )
}
