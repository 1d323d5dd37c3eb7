import { sql, type Kysely } from 'kysely'
import { AUDITED_TABLES } from './record-state'
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
const NOTE_FUNCTION = `create or replace function ledger_note_touched() returns trigger language plpgsql as $$
  declare
    k text;
  begin
    if to_regclass('pg_temp.audit_touched') is null then return null; end if;
    if tg_op in ('UPDATE', 'DELETE') then
      select string_agg(to_jsonb(old) ->> c, ':' order by n) into k from unnest(tg_argv) with ordinality as a(c, n);
      insert into pg_temp.audit_touched (entity_table, row_key) values (tg_table_name, k) on conflict do nothing;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      select string_agg(to_jsonb(new) ->> c, ':' order by n) into k from unnest(tg_argv) with ordinality as a(c, n);
      insert into pg_temp.audit_touched (entity_table, row_key) values (tg_table_name, k) on conflict do nothing;
    end if;
    return null;
  end $$`

/** The note-taking triggers on every audited table the database has; one desk at a time (the write lock). */
export async function installServerStateTracking(db: Kysely<Schema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(trx)
    const existing = new Set(rows.map((r) => r.name))
    if (!existing.has('audit_state')) return
    await sql.raw(NOTE_FUNCTION).execute(trx)
    for (const [table, { key }] of Object.entries(AUDITED_TABLES)) {
      if (!existing.has(table)) continue
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
