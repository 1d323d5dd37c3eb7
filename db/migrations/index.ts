import type { Migration } from 'kysely'
import * as m0001 from './0001_initial'

// A static list, not a folder scan: it bundles with the app and loads under vitest alike.
// Names sort in order; a landed entry is never edited or removed.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
}

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? ''
