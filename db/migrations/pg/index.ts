import type { Migration } from 'kysely'
import * as p0001 from './0014_attachments'

// The ledger's migrations on a PostgreSQL server: the first builds the schema as SQLite has it
// after 0014_attachments; every later SQLite migration comes with its twin here, under the same
// name, so a server ledger and a local file of one app version hold the same tables.
export const serverMigrations: Record<string, Migration> = {
  '0014_attachments': p0001,
}

export const latestServerMigration = Object.keys(serverMigrations).sort().at(-1) ?? ''
