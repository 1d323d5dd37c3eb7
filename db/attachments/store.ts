import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { LedgerError } from '../core/errors'
import { networkLocation } from '../core/location'
import { ATTACHMENT_EXTENSION, type AttachmentMediaType } from '../../shared/codes/attachments'

// The bytes of the files on issues: `<ledger>.files/<sha256>`, beside the ledger and never in the
// backup folder. Named by content, so the same scan added twice is kept once, and a file changed
// on disk no longer matches its name (check says so). Stored read-only; the ledger never rewrites
// or deletes one. Plain files only (no Kysely), so backups taken before an upgrade can use it.

const SHA256 = /^[0-9a-f]{64}$/

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function isSha256(name: string): boolean {
  return SHA256.test(name)
}

/** The folder of a ledger's files. */
export function filesFolderOf(ledgerFile: string): string {
  return `${path.resolve(ledgerFile)}.files`
}

/** Where the bytes of `sha256` are kept; only ever a name this module computed. */
export function storedFileOf(ledgerFile: string, sha256: string): string {
  if (!isSha256(sha256)) throw new LedgerError('invalid_input', '附件编号无效')
  return path.join(filesFolderOf(ledgerFile), sha256)
}

/** Whether the file at `file` is there and still holds the bytes it is named after. */
export function fileHolds(file: string, sha256: string): 'ok' | 'missing' | 'altered' {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch {
    return 'missing'
  }
  return sha256Of(bytes) === sha256 ? 'ok' : 'altered'
}

function fsync(file: string): void {
  const fd = fs.openSync(file, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Writes `bytes` under their hash unless a sound copy is there already; true when this call put
 * it there (so a failed transaction after it may take it back). Written under a temporary name,
 * fsynced, then renamed: a crash leaves no half file under a hash.
 */
export function putFile(folder: string, sha256: string, bytes: Uint8Array): boolean {
  const where = networkLocation(folder)
  if (where !== null) throw new LedgerError('attachment_folder_unusable', `附件文件夹不能设在${where}`)
  const target = path.join(folder, sha256)
  if (fileHolds(target, sha256) === 'ok') return false
  fs.mkdirSync(folder, { recursive: true })
  const partial = `${target}.partial-${process.pid}`
  try {
    fs.writeFileSync(partial, bytes, { mode: 0o444 })
    fsync(partial)
    // An altered file under this name is replaced by the true bytes (read-only files need the way cleared on Windows).
    fs.rmSync(target, { force: true })
    fs.renameSync(partial, target)
  } catch (e) {
    fs.rmSync(partial, { force: true })
    throw new LedgerError('attachment_write_failed', `附件未能保存：${e instanceof Error ? e.message : String(e)}。台账未作改动。`)
  }
  return true
}

/** Copies the file named `sha256` from one folder to another when it holds its bytes; whether it did. */
export function copySoundFile(fromFolder: string, toFolder: string, sha256: string): boolean {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(path.join(fromFolder, sha256))
  } catch {
    return false
  }
  if (sha256Of(bytes) !== sha256) return false
  putFile(toFolder, sha256, bytes)
  return true
}

/**
 * The stored file under a name the system viewer understands (`<sha256>.pdf` beside it): Windows
 * chooses a viewer by the name's ending, and the stored name has none. A hard link to the same
 * read-only bytes where the disk allows one, else a read-only copy; backups, restore and check go
 * by the hash-named file and pass these by.
 */
export function viewableFileOf(file: string, sha256: string, mediaType: AttachmentMediaType): string {
  const viewable = `${file}.${ATTACHMENT_EXTENSION[mediaType]}`
  if (fileHolds(viewable, sha256) === 'ok') return viewable
  fs.rmSync(viewable, { force: true })
  try {
    fs.linkSync(file, viewable)
  } catch {
    fs.copyFileSync(file, viewable)
    fs.chmodSync(viewable, 0o444)
  }
  return viewable
}
