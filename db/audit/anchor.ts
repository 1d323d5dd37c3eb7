import type Database from 'better-sqlite3-multiple-ciphers'
import type { Executor } from '../core/context'
import type { AuditAnchor } from '../../shared/types'

// The audit log's head (last id and hash), written down outside the file: in each backup's
// manifest, in the audit CSV, in the printed monthly report's footer. Whoever deletes the last
// rows, or rehashes the chain, cannot reach those copies; `check` compares against them.

/** The head with plain SQL (backups take it from the copy they just made); null for an empty log. */
export function auditHeadOf(sqlite: Database.Database, ledgerId: string | null): AuditAnchor | null {
  const row = sqlite.prepare('select id, hash, at from audit_log order by id desc limit 1').get()
  if (row === null || typeof row !== 'object' || !('id' in row) || !('hash' in row) || !('at' in row)) return null
  return { ledgerId, id: Number(row.id), hash: String(row.hash), at: String(row.at) }
}

/** The same through Kysely, for exports and the monthly report. */
export async function readAuditHead(db: Executor, ledgerId: string | null): Promise<AuditAnchor | null> {
  const row = await db.selectFrom('audit_log').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row === undefined ? null : { ledgerId, id: row.id, hash: row.hash, at: row.at }
}

/** How an anchor is written on paper and in files: 第 N 条 · hash, short enough to type back into `check --anchor`. */
export function anchorText(a: AuditAnchor): string {
  return `${a.id}:${a.hash.slice(0, 16)}`
}
