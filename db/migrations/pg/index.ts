import type { Migration } from 'kysely'
import * as p0014 from './0014_attachments'
import * as p0016 from './0016_last_visit_dates'
import * as p0017 from './0017_record_versions'
import * as p0018 from './0018_attachment_contents'

// The ledger's migrations on a PostgreSQL server: the first builds the schema as SQLite has it
// after 0014_attachments; every later SQLite migration comes with its twin here, under the same
// name, so a server ledger and a local file of one app version hold the same tables.
export const serverMigrations: Record<string, Migration> = {
  '0014_attachments': p0014,
  '0016_last_visit_dates': p0016,
  '0017_record_versions': p0017,
  '0018_attachment_contents': p0018,
}

export const latestServerMigration = Object.keys(serverMigrations).sort().at(-1) ?? ''
