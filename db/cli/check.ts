import { integrityProblems } from '../backup-files'
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

export { integrityProblems }

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
