import { randomInt } from 'node:crypto'
import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
//
// The ledger's own identity: a random id that names its backups (two ledgers in one folder each
// find their own copies) and is written into each backup's manifest. Letters only, so no digit
// run in a file name can ever look like a phone number to the masking of free text.
//
// The state each audit row vouches for: for every record the write changed, a digest of the
// record as the write left it (audit_state), summed up in audit_log.state_digest, which the
// row's chain hash covers. A record changed later by another program no longer matches its last
// digest. All three tables refuse UPDATE and DELETE, as audit_log does.

const LETTERS = 'abcdefghjkmnpqrstuvwxyz'

function newLedgerId(): string {
  return Array.from({ length: 10 }, () => LETTERS[randomInt(LETTERS.length)]).join('')
}

/**
 * A ledger restored from a copy made before ids keeps the id it had: whoever opens it may leave
 * that id in this connection's temp.ledger_identity_hint (db/core/open.ts does, for a restore).
 */
async function hintedLedgerId(db: Kysely<unknown>): Promise<string | null> {
  try {
    const { rows } = await sql<{ id: unknown }>`select id from temp.ledger_identity_hint`.execute(db)
    const id = rows[0]?.id
    return typeof id === 'string' && /^[a-z]{10}$/.test(id) ? id : null
  } catch {
    return null
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table ledger_identity (
    id text primary key not null check (length(id) = 10),
    created_at text not null,
    state_from_audit_id integer not null
  )`.execute(db)
  // Coverage starts after the audit rows already written. A ledger that holds records gets a
  // baseline of all of them, written by the app right after this upgrade (where digests can be
  // computed) as one audit row; state_from_audit_id > 0 says that row is due.
  await sql`insert into ledger_identity (id, created_at, state_from_audit_id)
    values (${(await hintedLedgerId(db)) ?? newLedgerId()}, datetime('now', 'localtime'), (select coalesce(max(id), 0) from audit_log))`.execute(
    db,
  )
  await sql`create trigger ledger_identity_no_delete before delete on ledger_identity begin select raise(abort, '台账编号不能删除'); end`.execute(
    db,
  )
  await sql`create trigger ledger_identity_no_update before update on ledger_identity begin select raise(abort, '台账编号不能修改'); end`.execute(
    db,
  )

  await sql`alter table audit_log add column state_digest text`.execute(db)
  await sql`create table audit_state (
    audit_id integer not null references audit_log(id),
    entity_table text not null,
    row_key text not null,
    column_count integer not null,
    row_hash text not null,
    primary key (audit_id, entity_table, row_key)
  ) without rowid`.execute(db)
  await sql`create index audit_state_row on audit_state(entity_table, row_key, audit_id)`.execute(db)
  await sql`create trigger audit_state_no_update before update on audit_state begin select raise(abort, '审计日志只能追加，不能修改'); end`.execute(
    db,
  )
  await sql`create trigger audit_state_no_delete before delete on audit_state begin select raise(abort, '审计日志只能追加，不能删除'); end`.execute(
    db,
  )
}
