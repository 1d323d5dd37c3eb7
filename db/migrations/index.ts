import type { Migration } from 'kysely'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_search'
import * as m0003 from './0003_reliability'
import * as m0004 from './0004_import'
import * as m0005 from './0005_appointments'
import * as m0006 from './0006_initial_pins'
import * as m0007 from './0007_ledger_identity'
import * as m0008 from './0008_desk'
import * as m0009 from './0009_month_close_and_calendar_years'
import * as m0010 from './0010_case_file'
import * as m0011 from './0011_petitions'
import * as m0012 from './0012_session_rules'
import * as m0014 from './0014_attachments'
import * as m0016 from './0016_last_visit_dates'
import * as m0017 from './0017_record_versions'
import * as m0018 from './0018_attachment_contents'

// A static list, not a folder scan: it bundles with the app and loads under vitest alike.
// Names sort in order; a landed entry is never edited or removed. A ledger on a PostgreSQL server
// has its own list (pg/index.ts), whose first migration builds the schema as it stands after
// 0014_attachments: every migration added here after that comes with a twin there, under the
// same name, building the same tables, columns and constraints on the server.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_search': m0002,
  '0003_reliability': m0003,
  '0004_import': m0004,
  '0005_appointments': m0005,
  '0006_initial_pins': m0006,
  '0007_ledger_identity': m0007,
  '0008_desk': m0008,
  '0009_month_close_and_calendar_years': m0009,
  '0010_case_file': m0010,
  '0011_petitions': m0011,
  '0012_session_rules': m0012,
  '0014_attachments': m0014,
  '0016_last_visit_dates': m0016,
  '0017_record_versions': m0017,
  '0018_attachment_contents': m0018,
}

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? ''
