import { connectionKey, openDatabaseFile } from '../../db/keys/cipher'
import { integrityProblems } from '../../db/backup/files'
import { verifyAudit, type FoundAnchor } from '../../db/audit/verify'
import type { LocalLedger } from '../../db/core/open'
import { ledgerVersion } from '../../db/core/open'
import { latestMigration } from '../../db/migrations'
import { attachmentFileProblems } from '../../db/attachments/attachments'
import { checkSearchIndex } from '../../db/search/sqlite-index'
import type { AuditChainStatus } from '../../shared/types'

export { auditFindings as auditLines } from '../../shared/audit-findings'

export interface CheckReport {
  ok: boolean
  integrity: string[]
  foreignKeyProblems: number
  version: string
  expectedVersion: string
  audit: AuditChainStatus
  /** The search index out of step with the records (rebuildable; no record is lost). */
  searchProblems: string[]
  /** Files on issues missing from `<ledger>.files/` or no longer holding the bytes they are named after. */
  attachmentProblems: string[]
  /** The file is encrypted (an unencrypted one is encrypted the next time it is opened for writing). */
  encrypted: boolean
}

export { integrityProblems }

/**
 * FTS5's integrity-check is phrased as an insert, so it needs a connection that may write; it
 * changes nothing. check opens the ledger read-only (it works while the desk writes, and never
 * upgrades a file), so it borrows a plain connection for this one statement.
 */
function searchIndexProblems(ledger: LocalLedger): string[] {
  if (!ledger.sqlite.readonly) return checkSearchIndex(ledger.sqlite)
  const writable = openDatabaseFile(ledger.file, { fileMustExist: true, key: connectionKey(ledger.sqlite) })
  try {
    writable.pragma('busy_timeout = 5000')
    return checkSearchIndex(writable)
  } finally {
    writable.close()
  }
}

/** Everything IT staff need to know before trusting a ledger file; `anchors` are chain heads given by hand (paper, a CSV). */
export async function checkLedger(ledger: LocalLedger, anchors: readonly FoundAnchor[] = []): Promise<CheckReport> {
  const integrity = integrityProblems(ledger.sqlite)
  const foreignKeyProblems = ledger.sqlite.prepare('pragma foreign_key_check').all().length
  const version = ledgerVersion(ledger.sqlite)
  const audit = verifyAudit(ledger.sqlite, ledger.file, anchors)
  const searchProblems = searchIndexProblems(ledger)
  const attachmentProblems = attachmentFileProblems(ledger.sqlite, ledger.file)
  return {
    ok:
      integrity.length === 0 &&
      foreignKeyProblems === 0 &&
      version === latestMigration &&
      audit.ok &&
      searchProblems.length === 0 &&
      attachmentProblems.length === 0,
    integrity,
    foreignKeyProblems,
    version,
    expectedVersion: latestMigration,
    audit,
    searchProblems,
    attachmentProblems,
    encrypted: connectionKey(ledger.sqlite) !== null,
  }
}
