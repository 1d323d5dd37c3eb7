import type Database from 'better-sqlite3-multiple-ciphers'
import { sql } from 'kysely'
import type { Executor } from './context'

// The ledger's own id (migration 0007): names its backups and is written into their manifests.

/** The id, read with plain SQL; null for a ledger from before ids, or one too damaged to say. */
export function ledgerIdOf(sqlite: Database.Database): string | null {
  try {
    const id = sqlite.prepare('select id from ledger_identity').pluck().get()
    return typeof id === 'string' ? id : null
  } catch {
    return null
  }
}

/** The same through Kysely, for code handed a ledger context. */
export async function readLedgerId(db: Executor): Promise<string | null> {
  try {
    const { rows } = await sql<{ id: string }>`select id from ledger_identity`.execute(db)
    return rows[0]?.id ?? null
  } catch {
    return null
  }
}
