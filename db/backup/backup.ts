import { assertAdministers, mayAdminister } from '../core/access'
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
  BACKUP_FOLDER_SETTING,
  backupFolderOf,
  configuredBackupFolder,
  copyRawLedger,
  defaultBackupFolder,
  fsyncFile,
  fsyncFolder,
  integrityProblems,
  KEEP_DAYS,
  KEEP_MONTHS,
  listBackupFiles,
  parseBackupName,
  readManifest,
  restoreAttachments,
  rotateBackups,
  writeBackup,
  writeBackupWithFallback,
} from './files'
import { write, type Actor, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { migrations as knownMigrations } from '../migrations'
import { holdLedger } from '../core/hold'
import { refuseNetworkFolder } from '../core/location'
import { ledgerIdOf } from '../core/identity'
import { filesFolderOf } from '../attachments/store'
import { assertNotNewer, ledgerVersion, openLedger, type LocalLedger } from '../core/open'
import { auditHeadOf } from '../audit/anchor'
import type { AuditAnchor, BackupInfo, BackupOverview, RestoreResult } from '../../shared/types'

export { ensureDailyBackup, listBackupFiles, rotateBackups, writeBackup } from './files'

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** This ledger's copies, and copies from before ledgers had ids (which may be anyone's; the list says so). */
function ownBackups(folder: string, ledgerId: string | null): BackupInfo[] {
  return listBackupFiles(folder).filter((b) => b.ledgerId === ledgerId || b.ledgerId === null)
}

export function backupOverview(ledger: LocalLedger): BackupOverview {
  const { folder, isDefault } = backupFolderOf(ledger.sqlite, ledger.file)
  return {
    folder,
    isDefault,
    defaultFolder: defaultBackupFolder(ledger.file),
    backups: ownBackups(folder, ledgerIdOf(ledger.sqlite)),
    keepDays: KEEP_DAYS,
    keepMonths: KEEP_MONTHS,
  }
}

/** 备份 now, from 设置 or the command line: into the chosen folder, then rotation. */
export async function backupNow(ledger: LocalLedger, now: Date, folder?: string): Promise<BackupInfo> {
  const target = folder ?? backupFolderOf(ledger.sqlite, ledger.file).folder
  const made = await writeBackup(ledger.sqlite, target, 'manual', now)
  if (folder === undefined) rotateBackups(target, now, made.ledgerId)
  return made
}

/**
 * Chooses where backups go. The folder must be an absolute path on this computer the app can
 * create and write (a second disk, a USB drive), never a network share or mapped network drive;
 * null goes back to the default folder next to the ledger.
 */
export async function setBackupFolder(ctx: LedgerContext, ledger: LocalLedger, folder: string | null): Promise<BackupOverview> {
  await assertAdministers(ctx, '更改备份文件夹')
  let chosen: string | null = null
  if (folder !== null && folder.trim() !== '') {
    const raw = folder.trim()
    if (/[\x00-\x1F\x7F]/.test(raw)) throw new LedgerError('invalid_input', '备份文件夹路径含有不可见字符，请重新选择')
    // Before any check that touches the path: reaching a share is itself the leak.
    refuseNetworkFolder(raw)
    if (!path.isAbsolute(raw)) throw new LedgerError('invalid_input', `备份文件夹须为完整路径（如 D:\\台账备份）：${raw}`)
    chosen = path.resolve(raw)
    if (chosen === filesFolderOf(ledger.file))
      throw new LedgerError('invalid_input', '备份文件夹不能是台账的附件文件夹，请另选或新建一个文件夹')
    if (chosen === path.resolve(path.dirname(ledger.file))) {
      throw new LedgerError('invalid_input', '备份文件夹不能是台账文件所在的文件夹本身，请另选或新建一个文件夹')
    }
    try {
      fs.mkdirSync(chosen, { recursive: true })
      const probe = path.join(chosen, `.ledger-write-test-${process.pid}`)
      fs.writeFileSync(probe, 'ok')
      fs.rmSync(probe, { force: true })
    } catch (e) {
      throw new LedgerError('backup_folder_unusable', `无法在该文件夹中写入备份：${chosen}（${errorText(e)}）`)
    }
  }
  const before = configuredBackupFolder(ledger.sqlite)
  await write(ctx, async (trx) => {
    if (chosen === null) await trx.deleteFrom('settings').where('key', '=', BACKUP_FOLDER_SETTING).execute()
    else {
      await trx
        .insertInto('settings')
        .values({ key: BACKUP_FOLDER_SETTING, value: chosen })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: chosen }))
        .execute()
    }
    await audit(trx, ctx, 'set_backup_folder', 'settings', null, { before, after: chosen })
  })
  return backupOverview(ledger)
}

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
function readLedgerFile(file: string, keys: LedgerKeys | null): Database.Database {
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

// ---- start-up ----

export type LedgerHealth = { state: 'new' } | { state: 'ok' } | { state: 'damaged'; problems: string[] }

/** quick_check before the ledger is opened for writing. A file SQLite cannot read at all is damaged too. */
export function checkLedgerHealth(file: string, keys: LedgerKeys | null = null): LedgerHealth {
  if (!fs.existsSync(file)) return { state: 'new' }
  // Encrypted with a key kept beside it, and no key provider given to read it with: not known to
  // be damaged; opening says what is needed. Without a key file it is no ledger anyone can read.
  if (keys === null && looksEncrypted(file) && readKeyFile(file) !== null) return { state: 'ok' }
  let sqlite: Database.Database | null = null
  try {
    try {
      sqlite = readLedgerFile(file, keys)
    } catch (e) {
      // No key this PC can reach (or the wrong passphrase) is not damage: opening says what is needed.
      if (e instanceof LedgerError && e.code !== 'wrong_key' && e.code !== 'key_missing') return { state: 'ok' }
      throw e
    }
    const problems = integrityProblems(sqlite, true)
    return problems.length === 0 ? { state: 'ok' } : { state: 'damaged', problems }
  } catch (e) {
    const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : ''
    // Locked or unreadable for reasons other than damage: let the normal open report it.
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') return { state: 'ok' }
    return { state: 'damaged', problems: [errorText(e)] }
  } finally {
    sqlite?.close()
  }
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

/**
 * The newest backup of this ledger (by id, in its name and inside the copy) that passes every
 * check verifyBackupFile makes, from any of the folders. Another ledger's copy is never offered.
 */
export function newestGoodBackup(
  folders: readonly string[],
  ledgerId: string | null,
  known: Record<string, Migration> = knownMigrations,
  keys: LedgerKeys | null = null,
  held: readonly UnlockedKey[] = [],
): BackupInfo | null {
  if (ledgerId === null) return null
  const all = folders
    .flatMap((f) => listBackupFiles(f, ledgerId))
    .filter((b) => b.kind !== 'damaged')
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
  for (const b of all) {
    try {
      if (verifyBackupFile(b.file, known, keys, held).ledgerId === ledgerId) return b
    } catch {
      // Try the next one.
    }
  }
  return null
}

export type StartupDecision =
  | { action: 'open' }
  | { action: 'offer-restore'; title: string; message: string; backup: BackupInfo }
  | { action: 'refuse'; title: string; message: string }

/**
 * What the app does with the ledger file before opening it for writing. A damaged ledger is
 * never written to: the desk is told in plain Chinese, and offered the newest good backup.
 */
export function decideAtStartup(
  file: string,
  known: Record<string, Migration> = knownMigrations,
  keys: LedgerKeys | null = null,
): StartupDecision {
  const health = checkLedgerHealth(file, keys)
  if (health.state !== 'damaged') return { action: 'open' }
  const problems = health.problems.slice(0, 3).join('；')
  const intro = `台账文件已损坏，为防止损坏扩大，本程序不会以写入方式打开它。\n文件：${file}\n检查结果：${problems}`
  const ledgerId = damagedLedgerId(file, keys)
  const folders = backupFoldersToSearch(file, keys)
  const backup = newestGoodBackup(folders, ledgerId, known, keys, heldKeys(null, file, keys))
  if (backup === null) {
    const anyBackup = folders.some((f) => listBackupFiles(f).some((b) => b.kind !== 'damaged'))
    const why =
      ledgerId !== null
        ? `没有找到这本台账（编号 ${ledgerId}）可用的备份`
        : anyBackup
          ? '无法确认该台账的编号，因此不能判断哪份备份属于它（同一文件夹中可能有其他台账的备份）'
          : '没有找到可用的备份'
    return {
      action: 'refuse',
      title: '台账文件已损坏',
      message: `${intro}\n\n${why}。请不要删除或覆盖该文件，并联系技术人员处理（可用“npm run ledger -- check”检查，或用“npm run ledger -- restore”指定备份恢复）。`,
    }
  }
  return {
    action: 'offer-restore',
    title: '台账文件已损坏',
    message:
      `${intro}\n\n找到最近一份完好的备份：${backup.createdAt}（${backup.kindLabel}）\n${backup.file}\n\n` +
      '从该备份恢复后，备份时间之后登记的记录需要重新补录。损坏的文件不会删除，会原样保留在备份文件夹中供技术人员处理。',
    backup,
  }
}
