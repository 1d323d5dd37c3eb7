import { sql, type Kysely, type Migration } from 'kysely'
import { audit } from './audit'
import { systemActor, write, type LedgerContext } from './context'
import { AUDITED_TABLES, DELETED, entryOf, rowHash, type StateComparison, type StateEntry } from './record-state'
import type { Database as Schema } from './schema'

// Record digests on a PostgreSQL server, as record-state.ts does them in the SQLite file. There,
// temp triggers exist only in the app's own connection; PostgreSQL has no temp triggers, so the
// triggers are the ledger's own and note a touched record only in a session that has the note
// table: every connection the app opens creates it (open-server.ts), so the app's writes are
// vouched for and a write by any other program (psql, another tool) is noted nowhere and shows
// up in `check` as a change made around the app.

/** The per-connection note of touched records; temp, so it lives and dies with the connection. */
export const SERVER_TOUCHED_TABLE_DDL = `create temp table if not exists audit_touched (
  entity_table text not null, row_key text not null, primary key (entity_table, row_key))`

// The key as SQLite's cast(… as text) || ':' || … writes it: to_jsonb's text of an integer is its digits.
const NOTE_BODY = `
  declare
    k text;
  begin
    if to_regclass('pg_temp.audit_touched') is null then return null; end if;
    if current_setting('ledger.quiet', true) = 'on' then return null; end if;
    if tg_op in ('UPDATE', 'DELETE') then
      select string_agg(to_jsonb(old) ->> c, ':' order by n) into k from unnest(tg_argv) with ordinality as a(c, n);
      insert into pg_temp.audit_touched (entity_table, row_key) values (tg_table_name, k) on conflict do nothing;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      select string_agg(to_jsonb(new) ->> c, ':' order by n) into k from unnest(tg_argv) with ordinality as a(c, n);
      insert into pg_temp.audit_touched (entity_table, row_key) values (tg_table_name, k) on conflict do nothing;
    end if;
    return null;
  end `
const NOTE_FUNCTION = `create or replace function ledger_note_touched() returns trigger language plpgsql as $$${NOTE_BODY}$$`

/**
 * Whether the note-taking function (as this version writes it) and every trigger calling it are in
 * place: what a desk, which may not create them (only the owner can), checks instead of installing.
 */
export async function serverStateTrackingReady(db: Kysely<Schema>): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
  const existing = new Set(rows.map((r) => r.name))
  if (!existing.has('audit_state')) return true
  const fn = await sql<{ src: string }>`select prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and p.proname = 'ledger_note_touched'`.execute(db)
  if (fn.rows[0]?.src !== NOTE_BODY) return false
  const { rows: made } = await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal`.execute(db)
  const present = new Set(made.map((r) => r.name))
  return Object.keys(AUDITED_TABLES).every((table) => !existing.has(table) || present.has(`audit_touch_${table}`))
}

/** The note-taking triggers on every audited table the database has; one desk at a time (the write lock). */
export async function installServerStateTracking(db: Kysely<Schema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(trx)
    const existing = new Set(rows.map((r) => r.name))
    if (!existing.has('audit_state')) return
    // Each desk opening the ledger would otherwise rewrite every trigger: only the missing ones are made.
    const { rows: made } = await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal`.execute(trx)
    const present = new Set(made.map((r) => r.name))
    const missing = Object.keys(AUDITED_TABLES).filter((table) => existing.has(table) && !present.has(`audit_touch_${table}`))
    // The function always as this version writes it; the triggers that call it only where missing.
    await sql.raw(NOTE_FUNCTION).execute(trx)
    if (missing.length === 0) return
    for (const [table, { key }] of Object.entries(AUDITED_TABLES)) {
      if (!missing.includes(table)) continue
      const args = key.map((c) => `'${c}'`).join(', ')
      await sql
        .raw(
          `create or replace trigger audit_touch_${table} after insert or update or delete on "${table}"
            for each row execute function ledger_note_touched(${args})`,
        )
        .execute(trx)
    }
  })
}

/**
 * Records that no longer match their last digest, or that none vouched for, before an upgrade
 * (null when the database has no digests yet): they stay reported after it, as on the file.
 */
export async function outOfStepOnServer(db: Kysely<Schema>): Promise<Set<string> | null> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass('audit_state')::text as t`.execute(db)
  if (rows[0]?.t === null || rows[0]?.t === undefined) return null
  const c = await compareServerRecordState(db)
  return new Set([...c.changed, ...c.unaudited, ...c.deleted].map((r) => `${r.table}\u001f${r.key}`))
}

/**
 * Migrations change records without noting them (the note function is quiet in their
 * transaction), as in the file, where the note triggers are installed only after them; what they
 * changed is vouched for once, after, by vouchForServerUpgrade.
 */
export function quietly(list: Record<string, Migration>): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(list).map(([name, m]): [string, Migration] => [
      name,
      {
        up: async (db) => {
          await sql`select set_config('ledger.quiet', 'on', true)`.execute(db)
          await m.up(db)
        },
      },
    ]),
  )
}

/**
 * After migrations ran on the server: one audit row vouching for the records they wrote or
 * changed (the office's sources a new ledger starts with, a column they fill in), as
 * vouchForUpgrade does in the file. Records out of step before the upgrade are left out, so a
 * change made around the app before it stays visible.
 */
export async function vouchForServerUpgrade(
  db: Kysely<Schema>,
  before: Set<string> | null,
  migrations: readonly string[],
  now: () => Date,
): Promise<void> {
  const after = await compareServerRecordState(db)
  const moved = new Set(
    [...after.changed, ...after.unaudited].map((r) => `${r.table}\u001f${r.key}`).filter((id) => !(before?.has(id) ?? false)),
  )
  if (moved.size === 0) return
  const ctx: LedgerContext = { db, actor: { ...systemActor, name: '系统（升级）' }, now }
  await write(ctx, async (trx) => {
    const entries: StateEntry[] = []
    for (const [table, { key }] of Object.entries(AUDITED_TABLES)) {
      if (![...moved].some((id) => id.startsWith(`${table}\u001f`))) continue
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx)
      for (const row of rows) {
        const rowKey = key.map((c) => String(row[c])).join(':')
        if (!moved.has(`${table}\u001f${rowKey}`)) continue
        const values = Object.values(row)
        entries.push(entryOf({ table, key: rowKey, values }))
      }
    }
    await audit(trx, ctx, 'upgrade_state', 'ledger', null, { migrations, records: entries.length }, entries)
  })
}

/** Every record of every audited table against the newest digest an audit row gave it. */
export async function compareServerRecordState(db: Kysely<Schema>): Promise<StateComparison> {
  const { rows: digests } = await sql<{ entity_table: string; row_key: string; column_count: number; row_hash: string }>`select
      distinct on (entity_table, row_key) entity_table, row_key, column_count, row_hash
    from audit_state order by entity_table, row_key, audit_id desc`.execute(db)
  const latest = new Map(digests.map((d) => [`${d.entity_table}\u001f${d.row_key}`, d]))
  const { rows: present } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
  const existing = new Set(present.map((r) => r.name))
  const result: StateComparison = { matching: 0, changed: [], unaudited: [], deleted: [] }
  for (const [table, { key: columns }] of Object.entries(AUDITED_TABLES)) {
    if (!existing.has(table)) continue
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    for (const row of rows) {
      const key = columns.map((c) => String(row[c])).join(':')
      const id = `${table}\u001f${key}`
      const vouched = latest.get(id)
      latest.delete(id)
      const values = Object.values(row)
      if (vouched === undefined) result.unaudited.push({ table, key })
      else if (vouched.row_hash === DELETED || rowHash(values.slice(0, vouched.column_count)) !== vouched.row_hash)
        result.changed.push({ table, key })
      else result.matching++
    }
  }
  for (const gone of latest.values()) if (gone.row_hash !== DELETED) result.deleted.push({ table: gone.entity_table, key: gone.row_key })
  return result
}
