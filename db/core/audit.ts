import { createHash } from 'node:crypto'
import type { Executor, LedgerContext } from './context'
import { stamp } from './context'
import { stateDigest, takeTouched, type StateEntry } from './record-state'

const GENESIS = '0'.repeat(64)

interface AuditFields {
  at: string
  actor_id: number | null
  actor_name: string
  action: string
  entity: string
  entity_id: number | null
  detail: string
  state_digest?: string | null
}

/** A row's link in the chain. Rows that vouch for record state add its digest (older rows hash as they always did). */
export function chainHash(prev: string, row: AuditFields): string {
  const fields = [prev, row.at, row.actor_id ?? '', row.actor_name, row.action, row.entity, row.entity_id ?? '', row.detail]
  if (row.state_digest !== null && row.state_digest !== undefined) fields.push(row.state_digest)
  return createHash('sha256').update(fields.join('\u001f')).digest('hex')
}

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

/**
 * Appends one audit row, chained to the one before it so edits to the file show. It vouches for
 * every record the transaction's writes touched so far (db/core/record-state.ts), as they are now.
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
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  const prev = last?.hash ?? GENESIS
  // A record both touched and named (a write beside the app that an upgrade then changed) is vouched for once.
  const entries = [...new Map([...(await takeTouched(trx)), ...alsoVouchFor].map((e) => [`${e.table}\u001f${e.key}`, e])).values()]
  const row: AuditFields = {
    at: stamp(ctx),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    action,
    entity,
    entity_id: entityId,
    detail: JSON.stringify(detail),
    ...(entries.length > 0 ? { state_digest: stateDigest(entries) } : {}),
  }
  const inserted = await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prev, hash: chainHash(prev, row) })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (entries.length > 0) await insertState(trx, inserted.id, entries)
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
