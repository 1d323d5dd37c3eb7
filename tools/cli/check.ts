import { connectionKey, openDatabaseFile } from '../../db/keys/cipher'
import { integrityProblems } from '../../db/backup/files'
import { verifyAudit, type FoundAnchor } from '../../db/audit/verify'
import type { LocalLedger } from '../../db/core/open'
import { ledgerVersion } from '../../db/core/open'
import { latestMigration } from '../../db/migrations'
import { attachmentFileProblems } from '../../db/attachments/attachments'
import { serverContentProblems } from '../../db/attachments/server-contents'
import { checkSearchIndex } from '../../db/search/sqlite-index'
import type { AuditChainStatus } from '../../shared/types'
import { auditFindings } from '../../shared/audit-findings'
import { verifyServerAudit } from '../../db/audit/verify-server'
import type { ServerLedger } from '../../db/core/open-server'
import { sql } from 'kysely'

export interface CheckReport {
  engine: 'sqlite'
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
    engine: 'sqlite',
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

/**
 * A server ledger: its data version and its audit log, records included. The server keeps its own
 * pages and foreign keys, and its search index is a GIN index kept by PostgreSQL, so the file's
 * integrity, foreign-key and FTS checks have nothing to say there. The files on issues are rows of
 * attachment_contents there, each hashed again by the server.
 */
export interface ServerCheckReport {
  engine: 'pg'
  ok: boolean
  database: string
  version: string
  expectedVersion: string
  audit: AuditChainStatus
  attachmentProblems: string[]
}

async function serverAttachmentProblems(ledger: ServerLedger): Promise<string[]> {
  // A server an older version built has no contents table yet: its version line says so already.
  const { rows } = await sql<{ there: boolean }>`select to_regclass('attachment_contents') is not null as there`.execute(ledger.db)
  return rows[0]?.there === true ? serverContentProblems(ledger.db) : []
}

export async function checkServerLedger(ledger: ServerLedger, anchors: readonly FoundAnchor[] = []): Promise<ServerCheckReport> {
  const { rows } = await sql<{ name: string }>`select max(name) as name from ledger_migration`.execute(ledger.db)
  const version = rows[0]?.name ?? ''
  const audit = await verifyServerAudit(ledger.db, anchors)
  const attachmentProblems = await serverAttachmentProblems(ledger)
  return {
    engine: 'pg',
    ok: version === latestMigration && audit.ok && attachmentProblems.length === 0,
    database: ledger.database,
    version,
    expectedVersion: latestMigration,
    audit,
    attachmentProblems,
  }
}

const attachmentLine = (problems: readonly string[]) =>
  `附件文件：${problems.length === 0 ? '齐全且未被改动' : `发现问题 ${problems.length} 处：${problems.slice(0, 5).join('；')}`}`

const versionLine = (r: { version: string; expectedVersion: string }) =>
  `数据版本：${r.version}${r.version === r.expectedVersion ? '（最新）' : `（软件期望 ${r.expectedVersion}）`}`

/** What `check` prints, one finding a line, in Chinese. */
export function checkLines(r: CheckReport | ServerCheckReport): string[] {
  if (r.engine === 'pg') {
    return [
      `台账服务器：${r.database}`,
      versionLine(r),
      ...auditFindings(r.audit),
      attachmentLine(r.attachmentProblems),
      ...(r.attachmentProblems.length > 0
        ? ['（较早版本迁移时没有带上附件文件：可用 files-to-pg --db 原台账文件 --pg 地址 从原台账文件旁补上缺失的）']
        : []),
      '服务器自行保证数据页和外键的完整，检索索引由服务器维护',
      r.ok ? '结论：台账正常' : '结论：台账存在问题，请联系技术人员（可用 pg_dump 的备份或 export-local 的本地副本核对）',
    ]
  }
  return [
    `完整性检查：${r.integrity.length === 0 ? '通过' : `发现问题 ${r.integrity.length} 处：${r.integrity.slice(0, 5).join('；')}`}`,
    `外键检查：${r.foreignKeyProblems === 0 ? '通过' : `发现 ${r.foreignKeyProblems} 处引用缺失`}`,
    versionLine(r),
    ...auditFindings(r.audit),
    `检索索引：${r.searchProblems.length === 0 ? '与记录一致' : `不一致（${r.searchProblems.slice(0, 3).join('；')}），可重建`}`,
    attachmentLine(r.attachmentProblems),
    `文件加密：${r.encrypted ? '已加密（SQLCipher 4 格式）' : '未加密（下次以写入方式打开时自动加密）'}`,
    r.ok ? '结论：台账正常' : '结论：台账存在问题，请联系技术人员并从备份恢复',
  ]
}
