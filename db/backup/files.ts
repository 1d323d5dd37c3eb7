import { backupKind } from '../../shared/codes/backup'
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3-multiple-ciphers'
import dayjs from 'dayjs'
import { auditHeadOf } from '../audit/anchor'
import { LedgerError } from '../core/errors'
import { ledgerIdOf } from '../core/identity'
import { isUncPath, refuseNetworkFolder } from '../core/location'
import { ledgerStore } from '../attachments/store'
import type { BackupInfo, BackupKind } from '../../shared/types'
import { connectionKey, encryptedCopyOfPlain, openDatabaseFile, vacuumInto } from '../keys/cipher'
import { envelopeOfKey } from '../keys/keys'
import { fsyncFile, fsyncFolder, PARTIAL_SUFFIX } from './durable'
import {
  attachmentsFolderOf,
  backupStore,
  copyAttachments,
  MANIFEST_SUFFIX,
  manifestFileOf,
  readManifest,
  writeManifestFile,
  type BackupManifest,
} from './manifest'

// Backup copies on disk: naming, writing, listing and rotation. Plain files and the SQLite driver
// only (no Kysely, no migrations) so db/open.ts can take a copy before it migrates. A copy of an
// encrypted ledger is written encrypted with the ledger's key (VACUUM INTO), and its manifest
// (./manifest.ts) carries the key's envelope, which the recovery passphrase opens on any PC.

/** The settings key of the folder the user chose; absent means the default folder. */
export const BACKUP_FOLDER_SETTING = 'backup_folder'

export const KEEP_DAYS = 14
export const KEEP_MONTHS = 12

// ledger-<ledger id>-20261110-083012-daily.sqlite, with -2, -3… when two land in the same second.
// Copies made before ledgers had ids have no id: ledger-20261110-083012-daily.sqlite.
const NAME = /^ledger-(?:([a-z]{10})-)?(\d{8})-(\d{6})(?:-(\d+))?-(daily|manual|pre-migration|pre-restore|damaged)\.sqlite$/

function schemaVersionOf(sqlite: Database.Database): string {
  try {
    return String(sqlite.prepare('select name from ledger_migration order by name desc limit 1').pluck().get() ?? '')
  } catch {
    return ''
  }
}

export function defaultBackupFolder(ledgerFile: string): string {
  return path.join(path.dirname(path.resolve(ledgerFile)), 'backups')
}

/** The folder stored in the ledger's settings, read with plain SQL; null when unset or unreadable. */
export function configuredBackupFolder(sqlite: Database.Database): string | null {
  try {
    const row = sqlite.prepare('select value from settings where key = ?').pluck().get(BACKUP_FOLDER_SETTING)
    return typeof row === 'string' && row.trim() !== '' ? row : null
  } catch {
    // A ledger too old or too damaged to have a readable settings table uses the default.
    return null
  }
}

export function backupFolderOf(sqlite: Database.Database, ledgerFile: string): { folder: string; isDefault: boolean } {
  const configured = configuredBackupFolder(sqlite)
  return configured === null ? { folder: defaultBackupFolder(ledgerFile), isDefault: true } : { folder: configured, isDefault: false }
}

export function parseBackupName(name: string): { kind: BackupKind; createdAt: string; order: string; ledgerId: string | null } | null {
  const m = NAME.exec(name)
  if (!m) return null
  const [, ledgerId, d = '', t = '', seq = '1', kind] = m
  if (kind === undefined || !backupKind.has(kind)) return null
  const createdAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`
  return { kind, createdAt, order: `${d}${t}${seq.padStart(4, '0')}`, ledgerId: ledgerId ?? null }
}

/**
 * Every backup in the folder, newest first; half-written copies and other files are ignored.
 * Several ledgers may share a folder: give `ledgerId` for one ledger's own copies only.
 */
export function listBackupFiles(folder: string, ledgerId?: string | null): BackupInfo[] {
  // Never touch a share, whatever the settings say (db/core/location.ts).
  if (isUncPath(folder)) return []
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch {
    return []
  }
  const found: (BackupInfo & { order: string })[] = []
  for (const name of names) {
    const parsed = parseBackupName(name)
    if (!parsed) continue
    if (ledgerId !== undefined && parsed.ledgerId !== ledgerId) continue
    const file = path.join(folder, name)
    let size = 0
    try {
      size = fs.statSync(file).size
    } catch {
      continue
    }
    found.push({
      name,
      ledgerId: parsed.ledgerId,
      file,
      kind: parsed.kind,
      kindLabel: backupKind.labels[parsed.kind],
      createdAt: parsed.createdAt,
      size,
      order: parsed.order,
    })
  }
  found.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0))
  return found.map(({ order: _order, ...info }) => info)
}

function nameFor(folder: string, kind: BackupKind, now: Date, ledgerId: string | null): string {
  const stampText = dayjs(now).format('YYYYMMDD-HHmmss')
  const owner = ledgerId === null ? '' : `${ledgerId}-`
  for (let seq = 1; ; seq++) {
    const name = `ledger-${owner}${stampText}${seq === 1 ? '' : `-${seq}`}-${kind}.sqlite`
    const file = path.join(folder, name)
    if (!fs.existsSync(file) && !fs.existsSync(file + PARTIAL_SUFFIX)) return name
  }
}

/** integrity_check's complaints, or [] for a sound file. Throws when the file is not a database at all. */
export function integrityProblems(sqlite: Database.Database, quick = false): string[] {
  const rows = sqlite
    .prepare(quick ? 'pragma quick_check' : 'pragma integrity_check')
    .pluck()
    .all()
  const messages = rows.map(String)
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages
}

/** The message of whatever was thrown, for the Chinese sentence that reports it (here and in ./backup.ts, ./restore.ts, ./startup.ts). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * A consistent copy of the open ledger: VACUUM INTO with the ledger's key (a snapshot even while
 * the app writes; SQLite's backup API only for a file from before encryption), written under a
 * temporary name, switched to a self-contained rollback journal,
 * integrity-checked, fsynced, and only then renamed to its final name. A crash at any point
 * leaves either no backup or a complete one; a `.partial` file is never listed.
 */
export async function writeBackup(
  sqlite: Database.Database,
  folder: string,
  kind: BackupKind,
  now: Date,
  key: Buffer | null = connectionKey(sqlite),
): Promise<BackupInfo> {
  refuseNetworkFolder(folder)
  let partial: string | null = null
  const ledgerId = ledgerIdOf(sqlite)
  try {
    fs.mkdirSync(folder, { recursive: true })
    const name = nameFor(folder, kind, now, ledgerId)
    const file = path.join(folder, name)
    partial = file + PARTIAL_SUFFIX
    if (key === null) await sqlite.backup(partial)
    else if (connectionKey(sqlite) !== null) vacuumInto(sqlite, partial)
    // An unencrypted ledger about to be encrypted: its copy is written encrypted straight away.
    else encryptedCopyOfPlain(sqlite.name, partial, key)
    const copy = openDatabaseFile(partial, { fileMustExist: true, key })
    let manifest: BackupManifest
    try {
      // The copy inherits WAL mode; a single self-contained file is what a backup should be.
      copy.pragma('journal_mode = DELETE')
      const problems = integrityProblems(copy)
      if (problems.length > 0) throw new Error(`备份副本完整性检查未通过：${problems.slice(0, 3).join('；')}`)
      // Taken from the copy itself, so the manifest describes exactly what the copy holds.
      manifest = {
        manifest: '接待日台账备份清单',
        version: 1,
        ledgerId,
        ledgerFile: path.resolve(sqlite.name),
        kind,
        createdAt: dayjs(now).format('YYYY-MM-DD HH:mm:ss'),
        schemaVersion: schemaVersionOf(copy),
        auditHead: auditHeadOf(copy, ledgerId),
        ...copyAttachments(copy, ledgerStore(sqlite.name, connectionKey(sqlite)), backupStore(partial, key)),
        ...(key === null ? {} : { key: envelopeOfKey(sqlite.name, key) }),
      }
    } finally {
      copy.close()
    }
    fsyncFile(partial)
    // The manifest first: a listed copy always has one (a manifest without its copy is ignored).
    writeManifestFile(file, manifest)
    if (fs.existsSync(attachmentsFolderOf(partial))) {
      fs.rmSync(attachmentsFolderOf(file), { recursive: true, force: true })
      fs.renameSync(attachmentsFolderOf(partial), attachmentsFolderOf(file))
    }
    fs.renameSync(partial, file)
    partial = null
    fsyncFolder(folder)
    const parsed = parseBackupName(name)
    return {
      name,
      ledgerId,
      file,
      kind,
      kindLabel: backupKind.labels[kind],
      createdAt: parsed?.createdAt ?? dayjs(now).format('YYYY-MM-DD HH:mm:ss'),
      size: fs.statSync(file).size,
    }
  } catch (e) {
    if (partial !== null) {
      fs.rmSync(partial, { force: true })
      fs.rmSync(attachmentsFolderOf(partial), { recursive: true, force: true })
      fs.rmSync(manifestFileOf(partial.slice(0, -PARTIAL_SUFFIX.length)), { force: true })
    }
    throw new LedgerError('backup_failed', `备份失败（${folder}）：${errorText(e)}。台账本身未受影响。`)
  }
}

/**
 * A copy taken before the upgrade that gave the ledger its id (so made without one) is this
 * ledger's all the same: named and described as such once the id exists.
 */
export function claimBackup(b: BackupInfo, ledgerId: string): BackupInfo {
  if (b.ledgerId !== null) return b
  const name = b.name.replace(/^ledger-/, `ledger-${ledgerId}-`)
  const file = path.join(path.dirname(b.file), name)
  const manifest = readManifest(b.file)
  if (manifest !== null) {
    writeManifestFile(file, { ...manifest, ledgerId, auditHead: manifest.auditHead && { ...manifest.auditHead, ledgerId } })
    fs.rmSync(manifestFileOf(b.file), { force: true })
  }
  if (fs.existsSync(attachmentsFolderOf(b.file))) fs.renameSync(attachmentsFolderOf(b.file), attachmentsFolderOf(file))
  fs.renameSync(b.file, file)
  fsyncFolder(path.dirname(file))
  return { ...b, name, file, ledgerId }
}

/**
 * Copies the ledger's files byte for byte, for a ledger too damaged for the backup API. The WAL
 * goes alongside as `<copy>-wal`, where SQLite looks for it when the copy is opened.
 */
export function copyRawLedger(ledgerFile: string, folder: string, now: Date, ledgerId: string | null): BackupInfo {
  try {
    fs.mkdirSync(folder, { recursive: true })
    const name = nameFor(folder, 'damaged', now, ledgerId)
    const file = path.join(folder, name)
    fs.copyFileSync(ledgerFile, file)
    fsyncFile(file)
    if (fs.existsSync(`${ledgerFile}-wal`)) {
      fs.copyFileSync(`${ledgerFile}-wal`, `${file}-wal`)
      fsyncFile(`${file}-wal`)
    }
    fsyncFolder(folder)
    return {
      name,
      ledgerId,
      file,
      kind: 'damaged',
      kindLabel: backupKind.labels.damaged,
      createdAt: dayjs(now).format('YYYY-MM-DD HH:mm:ss'),
      size: fs.statSync(file).size,
    }
  } catch (e) {
    throw new LedgerError('backup_failed', `无法保留原台账文件的副本（${folder}）：${errorText(e)}。未做任何恢复。`)
  }
}

/**
 * Automatic copies the app makes when nobody asks: in the configured folder, else (a USB drive
 * that is not plugged in) in the default folder next to the ledger. Reports where it went.
 */
export async function writeBackupWithFallback(
  sqlite: Database.Database,
  ledgerFile: string,
  kind: BackupKind,
  now: Date,
  key: Buffer | null = connectionKey(sqlite),
): Promise<{ backup: BackupInfo; fallbackReason: string | null }> {
  const { folder, isDefault } = backupFolderOf(sqlite, ledgerFile)
  try {
    // writeBackup refuses a network folder set by an earlier version: the copy goes to the default folder.
    return { backup: await writeBackup(sqlite, folder, kind, now, key), fallbackReason: null }
  } catch (e) {
    if (isDefault) throw e
    const backup = await writeBackup(sqlite, defaultBackupFolder(ledgerFile), kind, now, key)
    return { backup, fallbackReason: errorText(e) }
  }
}

/**
 * Rotation of the routine copies (daily and manual): every copy from the 14 most recent days that
 * have one, plus the newest copy of each of the 12 most recent months. Copies taken before an
 * upgrade or a restore, and damaged ledgers kept for inspection, are rare and never rotated away.
 * Half-written `.partial` files older than an hour (a crash mid-backup) are removed too.
 */
export function rotateBackups(folder: string, now: Date, ledgerId: string | null): string[] {
  // Each ledger's copies are rotated on their own: another ledger's copies in the same folder never count.
  const routine = listBackupFiles(folder, ledgerId).filter((b) => b.kind === 'daily' || b.kind === 'manual')
  const days = [...new Set(routine.map((b) => b.createdAt.slice(0, 10)))].slice(0, KEEP_DAYS)
  const keep = new Set(routine.filter((b) => days.includes(b.createdAt.slice(0, 10))).map((b) => b.name))
  const seenMonths = new Set<string>()
  for (const b of routine) {
    const month = b.createdAt.slice(0, 7)
    if (seenMonths.has(month) || seenMonths.size >= KEEP_MONTHS) continue
    seenMonths.add(month)
    keep.add(b.name)
  }
  const removed: string[] = []
  for (const b of routine) {
    if (keep.has(b.name)) continue
    fs.rmSync(b.file, { force: true })
    fs.rmSync(manifestFileOf(b.file), { force: true })
    fs.rmSync(attachmentsFolderOf(b.file), { recursive: true, force: true })
    removed.push(b.name)
  }
  let names: string[] = []
  try {
    names = fs.readdirSync(folder)
  } catch {
    names = []
  }
  for (const name of names) {
    // Half-written copies and manifests, and a manifest left by a crash before its copy was renamed in.
    const orphan = name.endsWith(MANIFEST_SUFFIX) && parseBackupName(name.slice(0, -MANIFEST_SUFFIX.length)) !== null
    if (!name.endsWith(PARTIAL_SUFFIX) && !orphan) continue
    const file = path.join(folder, name)
    if (orphan && fs.existsSync(file.slice(0, -MANIFEST_SUFFIX.length))) continue
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs > 3_600_000) {
        // A half-written copy's files folder (`<copy>.partial.files`) goes with it.
        fs.rmSync(file, { force: true })
        fs.rmSync(attachmentsFolderOf(file), { recursive: true, force: true })
        removed.push(name)
      }
    } catch {
      // Gone already.
    }
  }
  if (removed.length > 0) fsyncFolder(folder)
  return removed
}

/** The first start of a day takes a copy; later starts (and the hourly timer) find it and do nothing. */
export async function ensureDailyBackup(
  sqlite: Database.Database,
  ledgerFile: string,
  now: Date,
): Promise<{ backup: BackupInfo | null; fallbackReason: string | null; rotated: string[] }> {
  const { folder, isDefault } = backupFolderOf(sqlite, ledgerFile)
  const day = dayjs(now).format('YYYY-MM-DD')
  const ledgerId = ledgerIdOf(sqlite)
  // Today's copy of this ledger: another ledger's copy in the same folder is not.
  const hasToday = (f: string) => listBackupFiles(f, ledgerId).some((b) => b.kind !== 'damaged' && b.createdAt.startsWith(day))
  // With the chosen folder unavailable, today's copy may already sit in the default folder.
  if (hasToday(folder) || (!isDefault && hasToday(defaultBackupFolder(ledgerFile))))
    return { backup: null, fallbackReason: null, rotated: [] }
  const made = await writeBackupWithFallback(sqlite, ledgerFile, 'daily', now)
  const rotated = rotateBackups(path.dirname(made.backup.file), now, ledgerId)
  return { ...made, rotated }
}
