import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// Files on an issue (the signed 交办单, site photos, the reply letter). The bytes live beside the
// ledger, named by their SHA-256; a row says which issue, what kind, the name it was given and
// who added it. Additive only: one new table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('issue_attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('handover_receipt', 'site_photo', 'reply_letter', 'other')`))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull().check(sql`media_type in ('image/jpeg', 'image/png', 'application/pdf')`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size between 1 and 20971520`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('issue_attachments_issue').on('issue_attachments').columns(['issue_id', 'id']).execute()
  await db.schema.createIndex('issue_attachments_sha256').on('issue_attachments').column('sha256').execute()
}
