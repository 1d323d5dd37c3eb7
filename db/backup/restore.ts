import { mayAdminister } from '../core/access'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { connectionKey, encryptedCopyOfPlain, looksEncrypted, openDatabaseFile, vacuumInto } from '../keys/cipher'
import { openCopy } from '../keys/copy-key'
import { createKey, envelopeOfKey, ledgerKeys, readKeyFile, writeKeyFile, type LedgerKeys, type UnlockedKey } from '../keys/keys'
import type { KeyEnvelope } from '../keys/envelope'
import type { Migration } from 'kysely'
import { audit } from '../core/audit'
import {
  configuredBackupFolder,
  copyRawLedger,
  defaultBackupFolder,
  errorText,
  integrityProblems,
  listBackupFiles,
  parseBackupName,
  writeBackupWithFallback,
} from './files'
import { readManifest, restoreAttachments } from './manifest'
import { fsyncFile, fsyncFolder } from './durable'
import { write, type Actor, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { migrations as knownMigrations } from '../migrations'
import { holdLedger } from '../core/hold'
import { ledgerIdOf } from '../core/identity'
import { assertNotNewer, ledgerVersion, openLedger, type LocalLedger } from '../core/open'
import { auditHeadOf } from '../audit/anchor'
import type { AuditAnchor, BackupInfo, RestoreResult } from '../../shared/types'

// Putting a backup in the ledger's place: the checks a copy must pass, the swap itself, and
// finding out whose a damaged file is (its id, its folders) so that only its own copies replace it.

/** Checks a backup file before it may replace the ledger: a sound SQLite ledger this app can open. */
export function verifyBackupFile(
  file: string,
  known: Record<string, Migration> = knownMigrations,
  keys: LedgerKeys | null = null,
  held: readonly UnlockedKey[] = [],
): { version: string; ledgerId: string | null; auditHead: AuditAnchor | null; encrypted: boolean } {
  if (!fs.existsSync(file)) throw new LedgerError('not_found', `找不到备份文件：${file}`)
  let sqlite: Database.Database
  let encrypted: boolean
  try {
    const opened = openCopy(file, keys, held)
    sqlite = opened.sqlite
    encrypted = opened.key !== null
  } catch (e) {
    if (e instanceof LedgerError) throw e
    throw new LedgerError('backup_invalid', `备份文件无法打开：${path.basename(file)}（${errorText(e)}）`)
  }
  try {
    let problems: string[]
    try {
      problems = integrityProblems(sqlite)
    } catch (e) {
      throw new LedgerError('backup_invalid', `备份文件不是有效的台账：${path.basename(file)}（${errorText(e)}）`)
    }
    if (problems.length > 0)
      throw new LedgerError('backup_invalid', `备份文件已损坏，不能用于恢复：${path.basename(file)}（${problems.slice(0, 2).join('；')}）`)
    const version = ledgerVersion(sqlite)
    if (version === '') throw new LedgerError('backup_invalid', `该文件不是接待日台账的备份：${path.basename(file)}`)
    assertNotNewer(sqlite, known, file)
    // The copy's own identity; a copy from before ids is known by its name (or its manifest).
    const ledgerId = ledgerIdOf(sqlite) ?? parseBackupName(path.basename(file))?.ledgerId ?? readManifest(file)?.ledgerId ?? null
    return { version, ledgerId, auditHead: auditHeadOf(sqlite, ledgerId), encrypted }
  } finally {
    sqlite.close()
  }
}

/** Resolves a name from backup-list to its file; anything that is not a plain backup name is refused. */
export function backupFileByName(folder: string, name: string): string {
  if (path.basename(name) !== name || parseBackupName(name) === null) {
    throw new LedgerError('invalid_input', `不是有效的备份文件名：${name.slice(0, 80)}`)
  }
  const file = path.join(folder, name)
  if (!fs.existsSync(file)) throw new LedgerError('not_found', `备份文件夹中没有该备份：${name}`)
  return file
}

/**
 * A restore that failed after the ledger was closed. The original file is still in place and has
 * been opened again: `reopened` is the ledger the app should go on with (null if even that failed).
 */
export class RestoreFailed extends LedgerError {
  constructor(
    message: string,
    public readonly reopened: LocalLedger | null,
  ) {
    super('restore_failed', message)
  }
}

export interface RestoreOptions {
  /** The ledger as it is now; null when it is too damaged to open. */
  current: LocalLedger | null
  /** The ledger file to replace. */
  file: string
  backupFile: string
  now: () => Date
  /** Who restores; recorded in the restored ledger's audit log. */
  actor: Actor
  migrations?: Record<string, Migration>
  /** Names this restore to other processes refused meanwhile (the app holds the ledger already). */
  program?: string
  /** The key provider; by default the current ledger's. The restored ledger is always encrypted when there is one. */
  keys?: LedgerKeys | null
}

/** The keys this PC already holds for a ledger file: the open ledger's own, else whatever its key file opens. */
export function heldKeys(current: LocalLedger | null, file: string, keys: LedgerKeys | null): UnlockedKey[] {
  if (current !== null) {
    const key = connectionKey(current.sqlite)
    const envelope = key === null ? null : envelopeOfKey(current.file, key)
    if (key !== null && envelope !== null) return [{ key, envelope }]
  }
  if (keys === null || readKeyFile(file) === null) return []
  try {
    return ledgerKeys(file, keys, false, new Date())
  } catch {
    return []
  }
}

/**
 * A restore replaces everyone's work: a supervisor of the ledger being replaced, or the system
 * (the command line on the file, start-up with a damaged ledger that cannot say who may).
 */
export async function assertMayRestore(current: LocalLedger | null, actor: Actor): Promise<void> {
  if (actor.kind === 'system') return
  if (current === null || !(await mayAdminister(current.db, actor))) {
    throw new LedgerError('forbidden', '从备份恢复台账须由负责人本人输入 PIN 登录后操作')
  }
}

/**
 * Replaces the ledger with a backup. Order matters for a crash at any step:
 *   1. the backup is checked (integrity, a ledger, not from a newer app) before anything changes;
 *   2. the ledger being replaced is kept: a backup-API copy if it opens, else its raw files;
 *   3. it is closed, the backup is copied next to it under a temporary name and fsynced;
 *   4. the old WAL and shared-memory files go (they belong to the old file and must never be
 *      replayed into the restored one), then the copy is renamed over the ledger;
 *   5. the restored ledger is opened (an older backup is upgraded, with its own pre-upgrade copy)
 *      and the restore is written to its audit log.
 */
export async function restoreFromBackup(options: RestoreOptions): Promise<{ ledger: LocalLedger; result: RestoreResult }> {
  const { current, file, backupFile } = options
  await assertMayRestore(current, options.actor)
  const known = options.migrations ?? knownMigrations
  const keys = options.keys !== undefined ? options.keys : (current?.keys ?? null)
  const backup = verifyBackupFile(backupFile, known, keys, heldKeys(current, file, keys))
  const own = options.current !== null ? ledgerIdOf(options.current.sqlite) : damagedLedgerId(file)
  if (own !== null && backup.ledgerId !== null && own !== backup.ledgerId) {
    throw new LedgerError(
      'backup_other_ledger',
      `该备份属于另一本台账（编号 ${backup.ledgerId}），不能用来恢复这本台账（编号 ${own}）：${path.basename(backupFile)}。台账未作任何改动。`,
    )
  }
  // Nobody else may write while the file is swapped: a write to the old file after its copy was
  // kept would be in neither the kept copy nor the restored ledger. Refused if anyone is writing.
  const hold = holdLedger(file, 'exclusive', options.program ?? '从备份恢复台账')
  try {
    return await replaceWithBackup({ ...options, keys }, known, own ?? backup.ledgerId, backup.auditHead)
  } finally {
    hold.release()
  }
}

async function replaceWithBackup(
  options: RestoreOptions,
  known: Record<string, Migration>,
  ledgerId: string | null,
  restoredHead: AuditAnchor | null,
): Promise<{ ledger: LocalLedger; result: RestoreResult }> {
  const { current, file, backupFile } = options
  const keys = options.keys ?? null
  const held = heldKeys(current, file, keys)

  const now = options.now()
  let keptCopy: BackupInfo | null = null
  const replacedHead = current === null ? null : auditHeadOf(current.sqlite, ledgerId)
  if (current !== null) {
    keptCopy = (await writeBackupWithFallback(current.sqlite, file, 'pre-restore', now)).backup
    await breathe()
    await current.close()
  } else if (fs.existsSync(file)) {
    keptCopy = copyRawLedger(file, damagedLedgerFolder(file, keys), now, ledgerId)
  }

  const restoring = `${file}.restoring`
  try {
    // Through the backup API rather than a file copy: a backup in WAL mode brings its WAL along,
    // and the backup file itself is only ever read.
    for (const stale of [restoring, `${restoring}-journal`, `${restoring}-wal`]) fs.rmSync(stale, { force: true })
    const restored = await copyForRestore(backupFile, restoring, keys, held, now)
    const restoredKey = restored.envelope
    await breathe()
    fsyncFile(restoring)
    // The key that opens the restored file goes in first; the one that opens the file in place now stays behind it until then.
    if (restoredKey !== null) writeKeyFile(file, [restoredKey, ...(readKeyFile(file) ?? []).filter((e) => e.check !== restoredKey.check)])
    for (const side of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(side, { force: true })
    fs.renameSync(restoring, file)
    fsyncFolder(path.dirname(file))
    // The restored rows' files: from the copy's folder into the ledger's (those already there stay).
    restoreAttachments(backupFile, restored.copyKey, file, restored.ledgerKey)
  } catch (e) {
    fs.rmSync(restoring, { force: true })
    const reopened = current === null ? null : await openLedger(file, { migrations: known, keys: keys ?? undefined }).catch(() => null)
    throw new RestoreFailed(`恢复失败：${errorText(e)}。台账未被替换${keptCopy ? `，其副本另存于 ${keptCopy.file}` : ''}。`, reopened)
  }

  const ledger = await openLedger(file, { migrations: known, ledgerIdHint: ledgerId, keys: keys ?? undefined })
  const ctx: LedgerContext = { db: ledger.db, actor: options.actor, now: options.now }
  await write(ctx, (trx) =>
    // Where the two histories part: the log is the backup's up to restoredHead, then goes on from
    // here; the replaced ledger's rows after it (and any anchor taken of them) are in keptCopy.
    audit(trx, ctx, 'restore', 'ledger', null, {
      from: path.basename(backupFile),
      keptCopy: keptCopy?.name ?? null,
      restoredHead: restoredHead && { id: restoredHead.id, hash: restoredHead.hash },
      replacedHead: replacedHead && { id: replacedHead.id, hash: replacedHead.hash },
    }),
  )
  return {
    ledger,
    result: { restoredFrom: path.basename(backupFile), keptCopy, schemaVersion: ledgerVersion(ledger.sqlite), operator: null },
  }
}

/**
 * Writes the backup's content to `target`: an encrypted backup with its own key (the restored
 * ledger takes that key, and the envelope that opened it); an unencrypted one encrypted with the
 * ledger's key (a new one if the ledger has none). Only without a key provider is a plain copy
 * written (tests of files from before encryption).
 */
async function copyForRestore(
  backupFile: string,
  target: string,
  keys: LedgerKeys | null,
  held: readonly UnlockedKey[],
  now: Date,
): Promise<{ envelope: KeyEnvelope | null; copyKey: Buffer | null; ledgerKey: Buffer | null }> {
  const source = openCopy(backupFile, keys, held)
  try {
    if (source.key !== null) {
      vacuumInto(source.sqlite, target)
      const check = source.key
      const envelope = source.envelope ?? held.find((h) => h.key.equals(check))?.envelope ?? null
      return { envelope, copyKey: source.key, ledgerKey: source.key }
    }
    if (keys === null) {
      await source.sqlite.backup(target)
      return { envelope: null, copyKey: null, ledgerKey: null }
    }
  } finally {
    source.sqlite.close()
  }
  const key = held[0] ?? createKey(keys, now)
  encryptedCopyOfPlain(backupFile, target, key.key)
  return { envelope: key.envelope, copyKey: null, ledgerKey: key.key }
}

/**
 * VACUUM INTO runs in one piece (unlike the backup API's steps): between the restore's steps the
 * calls that arrived meanwhile are answered (正在恢复台账) rather than left waiting behind it.
 */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** A ledger file opened only to read, with whatever key this PC holds for it; null when it cannot be. */
export function readLedgerFile(file: string, keys: LedgerKeys | null): Database.Database {
  if (keys === null || !looksEncrypted(file)) return new Database(file, { readonly: true, fileMustExist: true })
  let lastError: unknown = new LedgerError('key_missing', '没有可用的密钥')
  for (const candidate of ledgerKeys(file, keys, false, new Date())) {
    try {
      return openDatabaseFile(file, { readonly: true, fileMustExist: true, key: candidate.key })
    } catch (e) {
      lastError = e
    }
  }
  throw lastError
}

/** Where the raw copy of a damaged ledger goes: its configured backup folder if still readable. */
function damagedLedgerFolder(file: string, keys: LedgerKeys | null = null): string {
  return backupFoldersToSearch(file, keys)[0] ?? defaultBackupFolder(file)
}

/** The configured folder (if the damaged file still says which) and the default one. */
export function backupFoldersToSearch(file: string, keys: LedgerKeys | null = null): string[] {
  let configured: string | null = null
  try {
    const sqlite = readLedgerFile(file, keys)
    try {
      configured = configuredBackupFolder(sqlite)
    } finally {
      sqlite.close()
    }
  } catch {
    configured = null
  }
  return [...new Set([configured, defaultBackupFolder(file)].filter((f): f is string => f !== null))]
}

/**
 * The id of a ledger file that may be too damaged to open: from its own identity table if that
 * still reads, else from the manifests of copies taken from this very file.
 */
export function damagedLedgerId(file: string, keys: LedgerKeys | null = null): string | null {
  try {
    const sqlite = readLedgerFile(file, keys)
    try {
      const id = ledgerIdOf(sqlite)
      if (id !== null) return id
    } finally {
      sqlite.close()
    }
  } catch {
    // Unreadable: the manifests may still say.
  }
  const resolved = path.resolve(file)
  for (const b of backupFoldersToSearch(file, keys).flatMap((f) => listBackupFiles(f))) {
    const m = readManifest(b.file)
    if (m !== null && m.ledgerId !== null && path.resolve(m.ledgerFile) === resolved) return m.ledgerId
  }
  return null
}
