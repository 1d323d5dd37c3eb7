import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// Each visitor's and enterprise's latest visit not voided, kept on the record itself so that the
// directory's lists (most recently seen first) read an index instead of working out the latest
// visit of all 55,856 visitors to show ten. Additive only: two nullable columns (null: no visit
// yet, or every visit voided), filled here from the visits, and one index each over the live (not
// merged) records only, which serves both their order and their count. Partial, so that a query
// for a few records by enterprise or name keeps its own index. The app keeps the dates in the same
// transaction as every write that adds, voids or moves a visit (db/directory/last-visit.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('visitors').addColumn('last_visit_date', 'text').execute()
  await db.schema.alterTable('organizations').addColumn('last_visit_date', 'text').execute()
  await sql`update visitors set last_visit_date =
    (select max(v.visit_date) from visits v where v.visitor_id = visitors.id and v.voided_at is null)`.execute(db)
  await sql`update organizations set last_visit_date =
    (select max(v.visit_date) from visits v where v.organization_id = organizations.id and v.voided_at is null)`.execute(db)
  await sql`create index visitors_live_by_last_visit on visitors (last_visit_date desc, id desc) where merged_into_id is null`.execute(db)
  await sql`create index organizations_live_by_last_visit on organizations (last_visit_date desc, id desc) where merged_into_id is null`.execute(
    db,
  )
}
