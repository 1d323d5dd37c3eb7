import fs from 'node:fs'
import path from 'node:path'
import type { Migration } from 'kysely'
import Database from 'better-sqlite3-multiple-ciphers'
import { auditHeadOf } from '../audit/anchor'
import { verifyAudit } from '../audit/verify'
import { backupFolderOf, defaultBackupFolder, integrityProblems, listBackupFiles, writeBackupWithFallback } from '../backup/files'
import { readManifest, writeManifestFile, type BackupManifest } from '../backup/manifest'
import { fsyncFile, fsyncFolder } from '../backup/durable'
import { LedgerError } from '../core/errors'
import { holdLedger } from '../core/hold'
import { ledgerIdOf } from '../core/identity'
import { assertNotNewer } from '../core/open'
import { encryptedCopyOfPlain, isPlainSqliteFile, openDatabaseFile } from './cipher'
import { envelopeOfKey, ledgerKeys, type LedgerKeys } from './keys'

// An unencrypted ledger (from before encryption) is encrypted the first time the app opens it:
//   1. a backup first, in the backup folder — itself written encrypted;
//   2. an encrypted copy beside the ledger (`<ledger>.encrypting`), written straight encrypted;
//   3. the copy checked against the original: integrity, every table's row count, the audit
//      log's head and its chain as the existing check verifies it;
//   4. the copy swapped in by a rename (the old WAL and shared-memory files removed first).
// Until the rename the unencrypted ledger is only read; any failure before it leaves the file as
// it was (the key file beside it is kept, so the backup made in step 1 stays readable).
// Then the unencrypted copies an older version left in this ledger's backup folders are
// encrypted in place the same way (copy, check, rename); one that fails stays as it was.

export type EncryptionStep = 'backup' | 'copy' | 'verify' | 'swap'

export interface EncryptOptions {
  keys: LedgerKeys
  now: () => Date
  known: Record<string, Migration>
  fault?: (step: EncryptionStep) => void
}

function tableCounts(sqlite: Database.Database): Map<string, number> {
  const names = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all()
    .map(String)
  return new Map(
    names.map((n) => [
      n,
      Number(
        sqlite
          .prepare(`select count(*) from "${n.replace(/"/g, '""')}"`)
          .pluck()
          .get(),
      ),
    ]),
  )
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): string[] {
  const differ: string[] = []
  for (const [name, n] of a) if (b.get(name) !== n) differ.push(`${name}（${n} → ${b.get(name) ?? '无'}）`)
  for (const name of b.keys()) if (!a.has(name)) differ.push(`${name}（多出）`)
  return differ
}

/** The audit log's head as text; a file with no audit log yet (an empty or very old file) says so. */
function headOf(sqlite: Database.Database, id: string | null): string {
  try {
    return JSON.stringify(auditHeadOf(sqlite, id))
  } catch (e) {
    return `无法读取：${e instanceof Error ? e.message : String(e)}`
  }
}

/** What the existing check says of a file's audit log (a file from before some of it, as it can). */
function auditSummary(sqlite: Database.Database, file: string): string {
  try {
    const r = verifyAudit(sqlite, file)
    return JSON.stringify({
      ok: r.ok,
      rows: r.rows,
      brokenAt: r.brokenAt,
      counter: r.counter,
      triggers: r.missingTriggers,
      records: r.records,
    })
  } catch (e) {
    return `无法校验：${e instanceof Error ? e.message : String(e)}`
  }
}

/** The encrypted copy holds what the original holds, and its audit log reads the same. */
function verifyCopy(plain: Database.Database, file: string, copyFile: string, key: Buffer): void {
  const copy = openDatabaseFile(copyFile, { readonly: true, fileMustExist: true, key })
  try {
    const problems = integrityProblems(copy)
    if (problems.length > 0) throw new Error(`加密副本完整性检查未通过：${problems.slice(0, 3).join('；')}`)
    const differ = sameCounts(tableCounts(plain), tableCounts(copy))
    if (differ.length > 0) throw new Error(`加密副本的记录数与原台账不符：${differ.slice(0, 5).join('；')}`)
    const id = ledgerIdOf(plain)
    if (headOf(plain, id) !== headOf(copy, id)) throw new Error('加密副本的审计日志链头与原台账不符')
    if (auditSummary(plain, file) !== auditSummary(copy, file)) throw new Error('加密副本的审计日志校验结果与原台账不符')
  } finally {
    copy.close()
  }
}

/** Copies of this ledger (by id, or from before ids) still unencrypted in the folders it backs up to. */
function plainBackupsOf(plain: Database.Database, file: string): string[] {
  const id = ledgerIdOf(plain)
  const folders = [...new Set([backupFolderOf(plain, file).folder, defaultBackupFolder(file)])]
  return folders
    .flatMap((f) => listBackupFiles(f))
    .filter((b) => (b.ledgerId === null || b.ledgerId === id) && isPlainSqliteFile(b.file))
    .map((b) => b.file)
}

/** Encrypts one old copy in place; false (the copy untouched) when any check fails. */
function encryptOldBackup(copyFile: string, ledgerFile: string, key: Buffer): boolean {
  const target = `${copyFile}.encrypting`
  try {
    const plain = new Database(copyFile, { readonly: true, fileMustExist: true })
    try {
      encryptedCopyOfPlain(copyFile, target, key)
      const copy = openDatabaseFile(target, { readonly: true, fileMustExist: true, key })
      try {
        if (integrityProblems(copy).length > 0 || sameCounts(tableCounts(plain), tableCounts(copy)).length > 0) throw new Error('副本不符')
      } finally {
        copy.close()
      }
    } finally {
      plain.close()
    }
    fsyncFile(target)
    const manifest: BackupManifest | null = readManifest(copyFile)
    const envelope = envelopeOfKey(ledgerFile, key)
    if (manifest !== null && envelope !== null) writeManifestFile(copyFile, { ...manifest, key: envelope })
    for (const side of [`${copyFile}-wal`, `${copyFile}-shm`, `${copyFile}-journal`]) fs.rmSync(side, { force: true })
    fs.renameSync(target, copyFile)
    fsyncFolder(path.dirname(copyFile))
    return true
  } catch {
    fs.rmSync(target, { force: true })
    return false
  }
}

export async function encryptPlainLedger(file: string, options: EncryptOptions): Promise<void> {
  const fault = options.fault ?? (() => undefined)
  // Nobody else writes while the file is copied and swapped: a write in between would be lost.
  const hold = holdLedger(file, 'exclusive', '接待日台账（正在加密台账文件）')
  const target = `${file}.encrypting`
  let plain: Database.Database | null = null
  let oldCopies: string[] = []
  let key: Buffer | null = null
  try {
    plain = new Database(file, { fileMustExist: true })
    plain.pragma('busy_timeout = 5000')
    // A newer app's file stays exactly as it was, unencrypted.
    assertNotNewer(plain, options.known, file)
    const [unlocked] = ledgerKeys(file, options.keys, true, options.now())
    if (unlocked === undefined) throw new Error('没有可用的密钥')
    key = unlocked.key
    fault('backup')
    // Only a ledger that already holds data: a new, empty file has nothing to lose.
    const hasData = plain.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get() !== 0
    if (hasData) await writeBackupWithFallback(plain, file, 'pre-migration', options.now(), unlocked.key)
    fault('copy')
    for (const stale of [target, `${target}-journal`, `${target}-wal`]) fs.rmSync(stale, { force: true })
    encryptedCopyOfPlain(file, target, unlocked.key)
    fault('verify')
    verifyCopy(plain, file, target, unlocked.key)
    oldCopies = plainBackupsOf(plain, file)
    plain.close()
    plain = null
    fault('swap')
    fsyncFile(target)
    for (const side of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(side, { force: true })
    fs.renameSync(target, file)
    fsyncFolder(path.dirname(path.resolve(file)))
  } catch (e) {
    plain?.close()
    fs.rmSync(target, { force: true })
    if (e instanceof LedgerError) throw e
    throw new LedgerError(
      'encryption_failed',
      `台账加密未能完成：${e instanceof Error ? e.message : String(e)}。原台账文件保持原样未改动，可稍后重新打开再试。`,
    )
  } finally {
    hold.release()
  }
  // The ledger is encrypted now; its old copies follow, each on its own.
  for (const copy of oldCopies) if (key !== null) encryptOldBackup(copy, file, key)
}
