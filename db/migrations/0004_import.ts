import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
//
// Importing an old Excel ledger (db/import/). One row per import in import_batches; every record
// an import creates carries its batch id, so the batch can be listed and undone as a whole
// (undo voids, never deletes). The last ids of the issue tables at the end of an import let undo
// see whether anyone worked on the imported issues since. Additive only: a new table and new
// nullable columns.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text')
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_duplicate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_history_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_note_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_callback_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_extension_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('undone_at', 'text')
    .addColumn('undone_by_id', 'integer')
    .addColumn('undone_by_name', 'text')
    .execute()

  for (const table of ['sessions', 'visits', 'issues', 'visitors', 'organizations', 'departments']) {
    await db.schema
      .alterTable(table)
      .addColumn('import_batch_id', 'integer', (c) => c.references('import_batches.id'))
      .execute()
  }
  // The sheet row a visit came from, shown with the batch so a record can be traced to its line.
  await db.schema.alterTable('visits').addColumn('import_row', 'integer').execute()

  // Only imported rows carry a batch id: partial indexes stay as small as the imports.
  await sql`create index visits_import_batch on visits(import_batch_id) where import_batch_id is not null`.execute(db)
  await sql`create index sessions_import_batch on sessions(import_batch_id) where import_batch_id is not null`.execute(db)
  await sql`create index issues_import_batch on issues(import_batch_id) where import_batch_id is not null`.execute(db)
}
