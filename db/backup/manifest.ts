import { backupKind } from '../../shared/codes/backup'
import fs from 'node:fs'
import type Database from 'better-sqlite3-multiple-ciphers'
import { copySoundFile, ledgerStore, storedNamesIn, type FileStore } from '../attachments/store'
import { attachmentKeyOf } from '../attachments/sealed'
import type { AuditAnchor, BackupKind } from '../../shared/types'
import { parseEnvelope, type KeyEnvelope } from '../keys/envelope'
import { fsyncFile, fsyncFolder, PARTIAL_SUFFIX } from './durable'

// What stands beside each backup copy: its manifest `<copy>.json` and the folder `<copy>.files/`
// of the files on issues the manifest lists. Plain files only, as ./files.ts (which writes the copies) is.

export const MANIFEST_SUFFIX = '.json'

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
export function copyAttachments(
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
    kind: backupKind.has(kind) ? kind : 'manual',
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
