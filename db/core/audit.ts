import { createHash } from 'node:crypto'
import type { Executor, LedgerContext } from './context'
import { stamp } from './context'

const GENESIS = '0'.repeat(64)

interface AuditFields {
  at: string
  actor_id: number | null
  actor_name: string
  action: string
  entity: string
  entity_id: number | null
  detail: string
}

function chainHash(prev: string, row: AuditFields): string {
  const body = [prev, row.at, row.actor_id ?? '', row.actor_name, row.action, row.entity, row.entity_id ?? '', row.detail].join('\u001f')
  return createHash('sha256').update(body).digest('hex')
}

/** Appends one audit row, chained to the one before it so edits to the file show. */
export async function audit(
  trx: Executor,
  ctx: LedgerContext,
  action: string,
  entity: string,
  entityId: number | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  const prev = last?.hash ?? GENESIS
  const row: AuditFields = {
    at: stamp(ctx),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    action,
    entity,
    entity_id: entityId,
    detail: JSON.stringify(detail),
  }
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prev, hash: chainHash(prev, row) })
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
