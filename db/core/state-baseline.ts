import type Database from 'better-sqlite3-multiple-ciphers'
import type { Kysely } from 'kysely'
import { audit } from './audit'
import { systemActor, write, type LedgerContext } from './context'
import { allCurrentRecords, compareRecordState, entryOf, type RecordRef } from './record-state'
import type { Database as Schema } from './schema'

// Where record digests begin. A ledger upgraded to digests already holds records no audit row
// vouched for: one audit row vouches for all of them as they stood at the upgrade. A later
// upgrade that changes records (a migration filling in a column) vouches for what it changed the
// same way; records already out of step before the upgrade stay out of step, for check to report.

function hasTable(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined
}

function upgradeContext(db: Kysely<Schema>, now: () => Date): LedgerContext {
  return { db, actor: { ...systemActor, name: '系统（升级）' }, now }
}

/** The baseline, once, for a ledger that held records when digests began. */
export async function ensureStateBaseline(db: Kysely<Schema>, sqlite: Database.Database, now: () => Date): Promise<void> {
  if (!hasTable(sqlite, 'ledger_identity')) return
  const from = Number(sqlite.prepare('select state_from_audit_id from ledger_identity').pluck().get() ?? 0)
  if (from === 0) return
  if (sqlite.prepare("select 1 from audit_log where action = 'state_baseline' limit 1").get() !== undefined) return
  const entries = [...allCurrentRecords(sqlite)].map((r) => entryOf(r))
  const ctx = upgradeContext(db, now)
  await write(ctx, (trx) => audit(trx, ctx, 'state_baseline', 'ledger', null, { records: entries.length }, entries))
}

const refId = (r: RecordRef) => `${r.table}\u001f${r.key}`

/** Records out of step with their digests before an upgrade (so the upgrade does not vouch for them). */
export function outOfStepRecords(sqlite: Database.Database): Set<string> | null {
  if (!hasTable(sqlite, 'audit_state')) return null
  const c = compareRecordState(sqlite)
  return new Set([...c.changed, ...c.unaudited, ...c.deleted].map(refId))
}

/** After an upgrade: one audit row for the records the migrations changed. */
export async function vouchForUpgrade(
  db: Kysely<Schema>,
  sqlite: Database.Database,
  before: Set<string>,
  migrations: readonly string[],
  now: () => Date,
): Promise<void> {
  if (!hasTable(sqlite, 'audit_state')) return
  const after = compareRecordState(sqlite)
  const moved = new Set([...after.changed, ...after.unaudited].map(refId).filter((id) => !before.has(id)))
  if (moved.size === 0) return
  const entries = [...allCurrentRecords(sqlite)].filter((r) => moved.has(refId(r))).map((r) => entryOf(r))
  const ctx = upgradeContext(db, now)
  await write(ctx, (trx) => audit(trx, ctx, 'upgrade_state', 'ledger', null, { migrations, records: entries.length }, entries))
}
