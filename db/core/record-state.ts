import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3-multiple-ciphers'
import { sql } from 'kysely'
import type { Executor } from './context'
import { onServer } from './engine'

// The state an audit row vouches for. Temp triggers (this connection only, never in the file)
// note every record a write inserts, changes or deletes; the audit row written in that
// transaction carries a digest of each such record as the write left it (audit_state). A later
// change by another program (a plain SQLite tool) fires no trigger here and writes no audit row,
// so the record no longer matches its last digest: `check` reports it.

/** The records an audit row can vouch for: the columns that name one row, and what the desk calls it. */
export const AUDITED_TABLES: Readonly<Record<string, { key: readonly string[]; label: string }>> = {
  settings: { key: ['key'], label: '设置' },
  departments: { key: ['id'], label: '股室' },
  staff: { key: ['id'], label: '值班人员' },
  categories: { key: ['id'], label: '问题类别' },
  holiday_overrides: { key: ['date'], label: '节假日调整' },
  sessions: { key: ['id'], label: '接待日' },
  session_staff: { key: ['session_id', 'staff_id'], label: '接待日值班安排' },
  organizations: { key: ['id'], label: '企业' },
  visitors: { key: ['id'], label: '来访人' },
  visits: { key: ['id'], label: '来访登记' },
  matters: { key: ['id'], label: '来访事项' },
  issues: { key: ['id'], label: '受理问题' },
  issue_history: { key: ['id'], label: '问题办理记录' },
  progress_notes: { key: ['id'], label: '跟踪记录' },
  extensions: { key: ['id'], label: '延期记录' },
  callbacks: { key: ['id'], label: '回访记录' },
  import_batches: { key: ['id'], label: '导入批次' },
  appointments: { key: ['id'], label: '预约' },
  appointment_questions: { key: ['id'], label: '预约问题' },
  month_closes: { key: ['id'], label: '月结' },
  calendar_years: { key: ['year'], label: '全年放假安排' },
  issue_sources: { key: ['id'], label: '来源' },
  petitions: { key: ['issue_id'], label: '信访事项' },
  petition_notices: { key: ['id'], label: '信访告知书' },
  petition_reviews: { key: ['id'], label: '复查复核' },
  referrals: { key: ['issue_id'], label: '转办件' },
  session_rules: { key: ['id'], label: '接待日规则' },
  localities: { key: ['id'], label: '属地' },
  issue_sections: { key: ['id'], label: '交办股室' },
  issue_measures: { key: ['id'], label: '处理措施' },
  issue_attachments: { key: ['id'], label: '附件' },
}

/** '回访记录 #3', '设置 backup_folder': a record as check names it. */
export function recordLabel(ref: { table: string; key: string }): string {
  return `${AUDITED_TABLES[ref.table]?.label ?? ref.table} #${ref.key}`
}

/** A record gone: its digest is this word, so a deletion the app made is vouched for too. */
export const DELETED = 'deleted'

export interface StateEntry {
  table: string
  key: string
  columnCount: number
  hash: string
}

function keyExpression(columns: readonly string[], alias: 'new' | 'old'): string {
  return columns.map((c) => `cast(${alias}."${c}" as text)`).join(` || ':' || `)
}

/**
 * Installs this connection's note-taking: a temp table of touched records and, for every audited
 * table in the file, triggers after insert, update and delete. Temp objects live in the
 * connection, so every program that writes through db/ has them and no other program does.
 */
export function installStateTracking(sqlite: Database.Database): void {
  const existing = new Set(
    sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all()
      .map((n) => String(n)),
  )
  if (!existing.has('audit_state')) return
  sqlite.exec(`create temp table if not exists audit_touched (
    entity_table text not null, row_key text not null, primary key (entity_table, row_key)) without rowid`)
  for (const [table, { key: columns }] of Object.entries(AUDITED_TABLES)) {
    if (!existing.has(table)) continue
    // Not `insert or ignore`: an upsert's own conflict handling overrides a trigger's OR IGNORE.
    const note = (alias: 'new' | 'old') => {
      const key = keyExpression(columns, alias)
      return `insert into temp.audit_touched (entity_table, row_key) select '${table}', ${key}
        where not exists (select 1 from temp.audit_touched where entity_table = '${table}' and row_key = ${key});`
    }
    sqlite.exec(`
      create temp trigger if not exists audit_touch_${table}_insert after insert on main."${table}" begin ${note('new')} end;
      create temp trigger if not exists audit_touch_${table}_update after update on main."${table}" begin ${note('old')} ${note('new')} end;
      create temp trigger if not exists audit_touch_${table}_delete after delete on main."${table}" begin ${note('old')} end;`)
  }
}

/** SHA-256 (first 128 bits) of a record's first `columnCount` values in table order. */
export function rowHash(values: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 32)
}

function whereKey(table: string, key: string) {
  const columns = AUDITED_TABLES[table]?.key ?? []
  const parts = columns.length === 1 ? [key] : key.split(':')
  return sql.join(
    columns.map((c, i) => sql`${sql.ref(c)} = ${parts[i] ?? ''}`),
    sql` and `,
  )
}

/** The record's state now: its values over all its columns, or DELETED. */
async function currentEntry(db: Executor, table: string, key: string): Promise<StateEntry> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${whereKey(table, key)}`.execute(db)
  const row = rows[0]
  return row === undefined ? goneEntry(table, key) : entryOf({ table, key, values: Object.values(row) })
}

// The note lives in the connection's temp schema: `temp` in SQLite, `pg_temp` on a server (record-state-server.ts).
const touchedTable = (db: Executor) => sql.raw(onServer(db) ? 'pg_temp.audit_touched' : 'temp.audit_touched')

/** The records this connection's writes touched since the last audit row, as they are now; the note is cleared. */
export async function takeTouched(db: Executor): Promise<StateEntry[]> {
  let touched: { entity_table: string; row_key: string }[]
  try {
    touched = (
      await sql<{
        entity_table: string
        row_key: string
      }>`delete from ${touchedTable(db)} returning entity_table, row_key`.execute(db)
    ).rows
  } catch {
    // A ledger from before record digests (a migration test stopping early): nothing is noted.
    return []
  }
  if (touched.length === 0) return []
  touched.sort((a, b) => compareKeys(a.entity_table, b.entity_table) || compareKeys(a.row_key, b.row_key))
  // Records named by their id are read a table at a time (one statement, on a server one round
  // trip, for all of a table's); the few with other keys one by one.
  const byId = new Map<string, string[]>()
  const entries: StateEntry[] = []
  for (const t of touched) {
    if (AUDITED_TABLES[t.entity_table]?.key.join() === 'id') byId.set(t.entity_table, [...(byId.get(t.entity_table) ?? []), t.row_key])
    else entries.push(await currentEntry(db, t.entity_table, t.row_key))
  }
  if (onServer(db) && byId.size > 1 && [...byId.values()].every((keys) => keys.length <= STATE_READ_BATCH)) {
    entries.push(...(await currentEntriesOnServer(db, byId)))
  } else {
    for (const [table, keys] of byId) entries.push(...(await currentEntries(db, table, keys)))
  }
  return entries
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const STATE_READ_BATCH = 500

/** Records of one table named by id, as they are now (DELETED for those gone). */
async function currentEntries(db: Executor, table: string, keys: readonly string[]): Promise<StateEntry[]> {
  const found = new Map<string, StateEntry>()
  for (let i = 0; i < keys.length; i += STATE_READ_BATCH) {
    const ids = keys.slice(i, i + STATE_READ_BATCH)
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where ${sql.ref('id')} in (${sql.join(ids)})`.execute(db)
    for (const row of rows) found.set(String(row['id']), entryOf({ table, key: String(row['id']), values: Object.values(row) }))
  }
  return keys.map((key) => found.get(key) ?? goneEntry(table, key))
}

/**
 * On a server, the records of several tables named by id in one statement (one round trip under
 * the write lock, where a registration's four tables took four): each row as JSON in its table's
 * column order, which gives the values `select *` does (the server's columns are integers and text).
 */
async function currentEntriesOnServer(db: Executor, byId: ReadonlyMap<string, readonly string[]>): Promise<StateEntry[]> {
  const reads = [...byId].map(
    ([table, keys]) =>
      sql`select ${sql.lit(table)} as entity_table, cast(x.id as text) as row_key, cast(row_to_json(x) as text) as state
        from ${sql.table(table)} as x where x.id in (${sql.join(keys)})`,
  )
  const { rows } = await sql<{ entity_table: string; row_key: string; state: string }>`${sql.join(reads, sql` union all `)}`.execute(db)
  const found = new Map<string, StateEntry>()
  for (const row of rows) {
    const parsed: unknown = JSON.parse(row.state)
    const values = parsed !== null && typeof parsed === 'object' ? Object.values(parsed) : []
    found.set(`${row.entity_table}\u001f${row.row_key}`, entryOf({ table: row.entity_table, key: row.row_key, values }))
  }
  return [...byId].flatMap(([table, keys]) => keys.map((key) => found.get(`${table}\u001f${key}`) ?? goneEntry(table, key)))
}

/** Whether writes on this connection left records that no audit row has vouched for yet. */
export async function hasUntakenTouches(db: Executor): Promise<boolean> {
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${touchedTable(db)}`.execute(db)
    return Number(rows[0]?.n ?? 0) > 0
  } catch {
    return false
  }
}

/** One digest over an audit row's entries, in a fixed order: what its chain hash covers. */
export function stateDigest(entries: readonly StateEntry[]): string | null {
  if (entries.length === 0) return null
  const sorted = [...entries].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const h = createHash('sha256')
  for (const e of sorted) h.update(`${e.table}\u001f${e.key}\u001f${e.columnCount}\u001f${e.hash}\u001e`)
  return h.digest('hex')
}

export interface CurrentRecord {
  table: string
  key: string
  /** The record's values in table order; a digest covers the first `columnCount` of them. */
  values: unknown[]
}

/** Every record of every audited table as it is now, table by table (plain SQL: check and the baseline). */
export function* allCurrentRecords(sqlite: Database.Database): Generator<CurrentRecord> {
  const existing = new Set(
    sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all()
      .map((n) => String(n)),
  )
  for (const [table, { key: columns }] of Object.entries(AUDITED_TABLES)) {
    if (!existing.has(table)) continue
    const key = columns.map((c) => `cast("${c}" as text)`).join(` || ':' || `)
    // The key first, then the record's own columns in table order.
    const stmt = sqlite.prepare(`select ${key}, * from "${table}"`).raw(true)
    for (const row of stmt.iterate()) {
      if (!Array.isArray(row)) continue
      const [rowKey, ...values] = row
      yield { table, key: String(rowKey), values }
    }
  }
}

/** A record no longer there: vouched for as DELETED. */
function goneEntry(table: string, key: string): StateEntry {
  return { table, key, columnCount: 0, hash: DELETED }
}

export function entryOf(record: CurrentRecord, columnCount = record.values.length): StateEntry {
  return { table: record.table, key: record.key, columnCount, hash: rowHash(record.values.slice(0, columnCount)) }
}

export interface RecordRef {
  table: string
  key: string
}

export interface StateComparison {
  /** Records whose state matches the newest audit row that vouched for them. */
  matching: number
  /** Changed since an audit row last vouched for them, with no audit row for the change. */
  changed: RecordRef[]
  /** In the file, but no audit row ever vouched for them: written around the app. */
  unaudited: RecordRef[]
  /** Vouched for, then gone without an audit row. */
  deleted: RecordRef[]
}

const refKey = (table: string, key: string) => `${table}\u001f${key}`

/** Every record against the newest digest an audit row gave it (plain SQL, one pass over each table). */
export function compareRecordState(sqlite: Database.Database): StateComparison {
  const latest = new Map<string, { table: string; key: string; columnCount: number; hash: string }>()
  const stmt = sqlite.prepare('select entity_table, row_key, column_count, row_hash from audit_state order by audit_id').raw(true)
  for (const row of stmt.iterate()) {
    if (!Array.isArray(row)) continue
    const [table, key, columnCount, hash] = row
    latest.set(refKey(String(table), String(key)), {
      table: String(table),
      key: String(key),
      columnCount: Number(columnCount),
      hash: String(hash),
    })
  }
  const result: StateComparison = { matching: 0, changed: [], unaudited: [], deleted: [] }
  for (const record of allCurrentRecords(sqlite)) {
    const id = refKey(record.table, record.key)
    const vouched = latest.get(id)
    latest.delete(id)
    const ref = { table: record.table, key: record.key }
    if (vouched === undefined) result.unaudited.push(ref)
    else if (vouched.hash === DELETED || entryOf(record, vouched.columnCount).hash !== vouched.hash) result.changed.push(ref)
    else result.matching++
  }
  for (const gone of latest.values()) if (gone.hash !== DELETED) result.deleted.push({ table: gone.table, key: gone.key })
  return result
}
