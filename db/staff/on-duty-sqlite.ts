import type Database from 'better-sqlite3-multiple-ciphers'
import type { StaffAccessRow } from '../core/access'
import { IDLE_MINUTES_KEY, idleMinutesOf } from '../reference/reference'
import type { OnDutyReads } from './on-duty'

// SQLite only: better-sqlite3 reads on the open connection at once, where a Kysely query would
// wait for a running export snapshot or import to hand the connection back. A read inside such a
// transaction sees the staff and settings rows as that transaction does, which is enough here.

function isStaffRow(row: unknown): row is StaffAccessRow {
  return row !== null && typeof row === 'object' && 'name' in row && 'role' in row && 'active' in row
}

const statements = new WeakMap<Database.Database, { staff: Database.Statement; setting: Database.Statement }>()

export function sqliteOnDutyReads(sqlite: Database.Database): OnDutyReads {
  let s = statements.get(sqlite)
  if (!s) {
    s = {
      staff: sqlite.prepare('select name, role, active, pin_hash, pin_initial from staff where id = ?'),
      setting: sqlite.prepare('select value from settings where key = ?').pluck(),
    }
    statements.set(sqlite, s)
  }
  const { staff, setting } = s
  return {
    staff: (id) => {
      const row: unknown = staff.get(id)
      return isStaffRow(row) ? row : undefined
    },
    idleMinutes: () => {
      const value: unknown = setting.get(IDLE_MINUTES_KEY)
      return idleMinutesOf(typeof value === 'string' ? value : undefined)
    },
  }
}
