import { backupKind } from '../../shared/codes/backup'
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3-multiple-ciphers'
import dayjs from 'dayjs'
import { auditHeadOf } from '../audit/anchor'
import { LedgerError } from '../core/errors'
import { ledgerIdOf } from '../core/identity'
import { isUncPath, refuseNetworkFolder } from '../core/location'
import { copySoundFile, ledgerStore, storedNamesIn, type FileStore } from '../attachments/store'
import { attachmentKeyOf } from '../attachments/sealed'
import type { AuditAnchor, BackupInfo, BackupKind } from '../../shared/types'
import { connectionKey, encryptedCopyOfPlain, openDatabaseFile, vacuumInto } from '../keys/cipher'
import { parseEnvelope, type KeyEnvelope } from '../keys/envelope'
import { envelopeOfKey } from '../keys/keys'

// Backup copies on disk: naming, writing, listing and rotation. Plain files and the SQLite driver
// only (no Kysely, no migrations) so db/open.ts can take a copy before it migrates. A copy of an
// encrypted ledger is written encrypted with the ledger's key (VACUUM INTO), and its manifest
// carries the key's envelope, which the recovery passphrase opens on any PC.

/** The settings key of the folder the user chose; absent means the default folder. */
export const BACKUP_FOLDER_SETTING = 'backup_folder'

export const KEEP_DAYS = 14
export const KEEP_MONTHS = 12

// ledger-<ledger id>-20261110-083012-daily.sqlite, with -2, -3… when two land in the same second.
// Copies made before ledgers had ids have no id: ledger-20261110-083012-daily.sqlite.
const NAME = /^ledger-(?:([a-z]{10})-)?(\d{8})-(\d{6})(?:-(\d+))?-(daily|manual|pre-migration|pre-restore|damaged)\.sqlite$/
const PARTIAL_SUFFIX = '.partial'
const MANIFEST_SUFFIX = '.json'

/** Beside each copy, `<copy>.json`: whose copy it is and the audit log's head at that moment. */
export interface BackupManifest {
  manifest: '接待日台账备份清单'
  version: 1
  ledgerId: string | null
  /** The ledger file it was copied from. */
  ledgerFile: string
  kind: BackupKind
  createdAt: string
  schemaVersion: string
  auditHead: AuditAnchor | null
  /** The files on issues copied beside it, in `<copy>.files/` (absent in copies from before attachments). */
  attachments?: { sha256: string; size: number }[]
  /** Files the ledger refers to that were missing or altered when the copy was taken (check reports them too). */
  missingAttachments?: string[]
  /** True once the files in `<copy>.files/` are all sealed with the copy's key (absent: copies from before, whose files may be plain). */
  attachmentsSealed?: boolean
  /** The copy's key, wrapped (never the key itself); null for a copy made before encryption. */
  key?: KeyEnvelope | null
}

export function manifestFileOf(backupFile: string): string {
  return backupFile + MANIFEST_SUFFIX
}

/** Beside each copy, `<copy>.files/`: the files on issues that copy refers to, by hash. */
export function attachmentsFolderOf(backupFile: string): string {
  return `${backupFile}.files`
}

/** A copy's files folder, sealed with the copy's key (the ledger key it was written with; null for a copy without one). */
export function backupStore(backupFile: string, copyKey: Buffer | null): FileStore {
  return { folder: attachmentsFolderOf(backupFile), key: attachmentKeyOf(copyKey) }
}

/** The files the copy's rows refer to, with their plain size; none in a ledger from before attachments. */
function referencedAttachments(copy: Database.Database): { sha256: string; size: number }[] {
  const hasTable = copy.prepare("select 1 from sqlite_master where type = 'table' and name = 'issue_attachments'").get()
  if (!hasTable) return []
  return copy
    .prepare('select sha256, max(size) as size from issue_attachments group by sha256 order by sha256')
    .all()
    .map((r) => ({ sha256: String(Reflect.get(Object(r), 'sha256')), size: Number(Reflect.get(Object(r), 'size')) }))
}

/**
 * Copies the files a backup's rows refer to into `<partial>.files` (renamed with the copy), each
 * checked against its hash and sealed with the copy's key; a file missing or altered in the
 * ledger's folder is named, not copied.
 */
function copyAttachments(
  copy: Database.Database,
  from: FileStore,
  to: FileStore,
): { attachments?: { sha256: string; size: number }[]; missingAttachments?: string[]; attachmentsSealed?: boolean } {
  const attachments: { sha256: string; size: number }[] = []
  const missingAttachments: string[] = []
  const wanted = referencedAttachments(copy)
  if (wanted.length === 0) return {}
  fs.rmSync(to.folder, { recursive: true, force: true })
  fs.mkdirSync(to.folder, { recursive: true })
  for (const file of wanted) {
    if (copySoundFile(from, to, file.sha256)) attachments.push(file)
    else missingAttachments.push(file.sha256)
  }
  fsyncFolder(to.folder)
  return { attachments, missingAttachments, ...(to.key !== null ? { attachmentsSealed: true } : {}) }
}

/**
 * After a restore: the files the restored ledger refers to come back from the copy's folder
 * (read with the copy's key) into the ledger's own (sealed with the restored ledger's). Files
 * already there and sound under that key are left as they are; nothing is deleted, so files of
 * the replaced ledger stay for its kept copy. Returns how many came back.
 */
export function restoreAttachments(backupFile: string, copyKey: Buffer | null, ledgerFile: string, ledgerKey: Buffer | null): number {
  const from = backupStore(backupFile, copyKey)
  const to = ledgerStore(ledgerFile, ledgerKey)
  let restored = 0
  for (const name of storedNamesIn(from.folder)) {
    if (copySoundFile(from, to, name)) restored++
  }
  return restored
}

/** A copy's manifest, or null when it has none (a copy from before manifests) or it cannot be read. */
export function readManifest(backupFile: string): BackupManifest | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(manifestFileOf(backupFile), 'utf8'))
  } catch {
    return null
  }
  if (parsed === null || typeof parsed !== 'object') return null
  const f = new Map(Object.entries(parsed))
  if (f.get('manifest') !== '接待日台账备份清单') return null
  const head = f.get('auditHead')
  const headFields = head !== null && typeof head === 'object' ? new Map(Object.entries(head)) : null
  const kind = String(f.get('kind') ?? '')
  const key = parseEnvelope(f.get('key'))
  return {
    manifest: '接待日台账备份清单',
    version: 1,
    ledgerId: typeof f.get('ledgerId') === 'string' ? String(f.get('ledgerId')) : null,
    ledgerFile: String(f.get('ledgerFile') ?? ''),
    kind: isKind(kind) ? kind : 'manual',
    createdAt: String(f.get('createdAt') ?? ''),
    schemaVersion: String(f.get('schemaVersion') ?? ''),
    ...attachmentsOfManifest(f.get('attachments')),
    ...(f.get('attachmentsSealed') === true ? { attachmentsSealed: true } : {}),
    auditHead:
      headFields === null
        ? null
        : {
            ledgerId: typeof headFields.get('ledgerId') === 'string' ? String(headFields.get('ledgerId')) : null,
            id: Number(headFields.get('id')),
            hash: String(headFields.get('hash') ?? ''),
            at: String(headFields.get('at') ?? ''),
          },
    ...(key !== null ? { key } : {}),
  }
}

/** The files a manifest lists, only when it lists any (copies from before attachments list none). */
function attachmentsOfManifest(value: unknown): { attachments?: { sha256: string; size: number }[] } {
  if (!Array.isArray(value)) return {}
  const listed: unknown[] = value
  return {
    attachments: listed
      .filter((a): a is object => a !== null && typeof a === 'object')
      .map((a) => ({ sha256: String(Reflect.get(a, 'sha256') ?? ''), size: Number(Reflect.get(a, 'size') ?? 0) })),
  }
}

export function writeManifestFile(backupFile: string, manifest: BackupManifest): void {
  const target = manifestFileOf(backupFile)
  const partial = target + PARTIAL_SUFFIX
  fs.writeFileSync(partial, `${JSON.stringify(manifest, null, 2)}\n`)
  fsyncFile(partial)
  fs.renameSync(partial, target)
}

function schemaVersionOf(sqlite: Database.Database): string {
  try {
    return String(sqlite.prepare('select name from ledger_migration order by name desc limit 1').pluck().get() ?? '')
  } catch {
    return ''
  }
}

function isKind(s: string | undefined): s is BackupKind {
  return s === 'daily' || s === 'manual' || s === 'pre-migration' || s === 'pre-restore' || s === 'damaged'
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
  if (!isKind(kind)) return null
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

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Makes a rename or unlink in the folder durable. Windows cannot open a folder; NTFS journals it. */
export function fsyncFolder(folder: string): void {
  let fd: number
  try {
    fd = fs.openSync(folder, 'r')
  } catch {
    return
  }
  try {
    fs.fsyncSync(fd)
  } catch {
    // Some file systems refuse fsync on a directory handle; the file itself is already synced.
  } finally {
    fs.closeSync(fd)
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

/** The message of whatever was thrown, for the Chinese sentence that reports it (here, ./backup.ts, ./restore.ts). */
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
