import type Database from 'better-sqlite3'
import { verifyAuditChain } from '../audit'
import type { Ledger } from '../open'
import { ledgerVersion } from '../open'
import { latestMigration } from '../migrations'

export interface CheckReport {
  ok: boolean
  integrity: string[]
  foreignKeyProblems: number
  version: string
  expectedVersion: string
  auditRows: number
  auditBrokenAt: number | null
}

export function integrityProblems(sqlite: Database.Database, quick = false): string[] {
  const rows = sqlite.prepare(quick ? 'pragma quick_check' : 'pragma integrity_check').pluck().all()
  const messages = rows.map(String)
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages
}

/** Everything IT staff need to know before trusting a ledger file. */
export async function checkLedger(ledger: Ledger): Promise<CheckReport> {
  const integrity = integrityProblems(ledger.sqlite)
  const foreignKeyProblems = ledger.sqlite.prepare('pragma foreign_key_check').all().length
  const version = ledgerVersion(ledger.sqlite)
  const audit = await verifyAuditChain(ledger.db)
  return {
    ok: integrity.length === 0 && foreignKeyProblems === 0 && version === latestMigration && audit.brokenAt === null,
    integrity,
    foreignKeyProblems,
    version,
    expectedVersion: latestMigration,
    auditRows: audit.rows,
    auditBrokenAt: audit.brokenAt,
  }
}
