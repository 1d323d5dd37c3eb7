import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor, LedgerContext } from './context'
import { stamp } from './context'
import { stateDigest, takeTouched, type StateEntry } from './record-state'
import { chainExtendedTo, chainHeadUnderLock, holdWriteLock } from './write-lock'
import { onServer } from './engine'
import type { AuditRow } from './schema'

const GENESIS = '0'.repeat(64)

/** What a row's link hashes: the audit row without its id and hashes; the digest absent in rows from before 0007. */
export type AuditFields = Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'state_digest'> & { state_digest?: string | null }

/** A row's link in the chain. Rows that vouch for record state add its digest (older rows hash as they always did). */
export function chainHash(prev: string, row: AuditFields): string {
  const fields = [prev, row.at, row.actor_id ?? '', row.actor_name, row.action, row.entity, row.entity_id ?? '', row.detail]
  if (row.state_digest !== null && row.state_digest !== undefined) fields.push(row.state_digest)
  return createHash('sha256').update(fields.join('\u001f')).digest('hex')
}

// 200 rows × 10 values, as the state's batches, far below SQLite's limit on bound parameters.
const AUDIT_BATCH = 200

// 150 entries × 5 values stays far below SQLite's limit on bound parameters.
const STATE_BATCH = 150

async function insertState(trx: Executor, auditId: number, entries: readonly StateEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += STATE_BATCH) {
    await trx
      .insertInto('audit_state')
      .values(
        entries.slice(i, i + STATE_BATCH).map((e) => ({
          audit_id: auditId,
          entity_table: e.table,
          row_key: e.key,
          column_count: e.columnCount,
          row_hash: e.hash,
        })),
      )
      .execute()
  }
}

interface PendingAudit {
  rows: AuditFields[]
  alsoVouchFor: StateEntry[]
}

// The audit rows a write() has made so far, keyed by its transaction: appended together when the
// write's work is done, as one insert, the last of them vouching for every record the write
// touched. The write is one transaction either way, so nobody ever sees a record without its row;
// on a server it is what keeps a desk's hold on the ledger's write lock short (each statement is a
// round trip there, and every other desk waits for this one's commit).
const pending = new WeakMap<object, PendingAudit>()

/**
 * Adds one audit row, chained to the one before it so edits to the file show. Inside write() the
 * row is appended with the write's others when its work is done (appendPendingAudit); it then
 * vouches, with them, for every record the transaction's writes touched (db/core/record-state.ts),
 * as they are at the end. Outside write(), it is appended at once and vouches for what was touched
 * so far.
 */
export async function audit(
  trx: Executor,
  ctx: LedgerContext,
  action: string,
  entity: string,
  entityId: number | null,
  detail: Record<string, unknown> = {},
  /** Records to vouch for besides those the writes touched: the baseline of a ledger's records. */
  alsoVouchFor: readonly StateEntry[] = [],
): Promise<void> {
  const row: AuditFields = {
    at: stamp(ctx),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    action,
    entity,
    entity_id: entityId,
    detail: JSON.stringify(detail),
  }
  const waiting = pending.get(trx)
  if (waiting !== undefined) {
    waiting.rows.push(row)
    waiting.alsoVouchFor.push(...alsoVouchFor)
    return
  }
  await appendAudit(trx, [row], alsoVouchFor)
}

/** Holds the audit rows of the transaction `trx` until appendPendingAudit. */
export function holdAuditRows(trx: Executor): void {
  pending.set(trx, { rows: [], alsoVouchFor: [] })
}

/** The rows held for `trx`, appended (none: nothing); what was touched after them still needs vouching for. */
export async function appendPendingAudit(trx: Executor): Promise<boolean> {
  const waiting = pending.get(trx)
  pending.delete(trx)
  if (waiting === undefined || waiting.rows.length === 0) return false
  await appendAudit(trx, waiting.rows, waiting.alsoVouchFor)
  return true
}

async function appendAudit(trx: Executor, rows: readonly AuditFields[], alsoVouchFor: readonly StateEntry[]): Promise<void> {
  await holdWriteLock(trx)
  // A record both touched and named (a write beside the app that an upgrade then changed) is vouched for once.
  const entries = [...new Map([...(await takeTouched(trx)), ...alsoVouchFor].map((e) => [`${e.table}\u001f${e.key}`, e])).values()]
  const head = chainHeadUnderLock()
  const last =
    head !== undefined
      ? head
      : ((await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst())?.hash ?? null)
  let prev = last ?? GENESIS
  const digest = stateDigest(entries)
  const chained = rows.map((fields, i) => {
    // Named only when one row carries a digest: a ledger from before digests has no such column.
    const row: AuditFields = digest === null ? fields : { ...fields, state_digest: i === rows.length - 1 ? digest : null }
    const linked = { ...row, prev_hash: prev, hash: chainHash(prev, row) }
    prev = linked.hash
    return linked
  })
  if (onServer(trx) && chained.length <= AUDIT_BATCH && entries.length > 0 && entries.length <= STATE_BATCH) {
    await appendWithStateOnServer(trx, chained, entries)
    chainExtendedTo(prev)
    return
  }
  let lastId = 0
  for (let i = 0; i < chained.length; i += AUDIT_BATCH) {
    const inserted = await trx
      .insertInto('audit_log')
      .values(chained.slice(i, i + AUDIT_BATCH))
      .returning('id')
      .execute()
    for (const r of inserted) lastId = Math.max(lastId, r.id)
  }
  if (entries.length > 0) await insertState(trx, lastId, entries)
  chainExtendedTo(prev)
}

/**
 * On a server, the audit rows and the state their last vouches for in one statement: under the
 * write lock every round trip is one the other desks wait for.
 */
async function appendWithStateOnServer(
  trx: Executor,
  chained: readonly (AuditFields & { prev_hash: string; hash: string })[],
  entries: readonly StateEntry[],
): Promise<void> {
  const state = sql.join(entries.map((e) => sql`(${e.table}, ${e.key}, cast(${e.columnCount} as integer), ${e.hash})`))
  await trx
    .with('appended', (db) => db.insertInto('audit_log').values(chained).returning('id'))
    .insertInto('audit_state')
    .columns(['audit_id', 'entity_table', 'row_key', 'column_count', 'row_hash'])
    .expression(
      sql<never>`select (select max(id) from appended), s.entity_table, s.row_key, s.column_count, s.row_hash
        from (values ${state}) as s (entity_table, row_key, column_count, row_hash)`,
    )
    .execute()
}

export interface AuditChainReport {
  rows: number
  brokenAt: number | null
}

/** Walks the chain; the first row whose hash or link does not match is reported. */
export async function verifyAuditChain(db: Executor): Promise<AuditChainReport> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute()
  let prev = GENESIS
  for (const r of rows) {
    if (r.prev_hash !== prev || chainHash(prev, r) !== r.hash) return { rows: rows.length, brokenAt: r.id }
    prev = r.hash
  }
  return { rows: rows.length, brokenAt: null }
}
