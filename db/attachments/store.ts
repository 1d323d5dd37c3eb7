import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { LedgerError } from '../core/errors'
import { networkLocation } from '../core/location'
import { ATTACHMENT_EXTENSION, type AttachmentMediaType } from '../../shared/codes/attachments'
import { attachmentKeyOf, openSink, readStoredFile, type AttachmentKey, type ReadResult, type ReadState } from './sealed'

// The bytes of the files on issues: `<ledger>.files/<sha256>`, beside the ledger and never in the
// backup folder. Named by the hash of the plain content, so the same scan added twice is kept
// once and the record digests go by it; a file changed on disk no longer holds what its name
// says (check says so). Sealed with the ledger's key (sealed.ts) when the ledger has one, plain
// only for a ledger without a key. Stored read-only; the ledger never rewrites a file's content.
// Plain files only (no Kysely), so backups taken before an upgrade can use it.

const SHA256 = /^[0-9a-f]{64}$/

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function isSha256(name: string): boolean {
  return SHA256.test(name)
}

/** A folder of files on issues, and the key they are sealed with there (null: plain). */
export interface FileStore {
  folder: string
  key: AttachmentKey | null
}

/** The folder of a ledger's files. */
export function filesFolderOf(ledgerFile: string): string {
  return `${path.resolve(ledgerFile)}.files`
}

/** A ledger's own store: its files folder, sealed with its key. */
export function ledgerStore(ledgerFile: string, ledgerKey: Buffer | null): FileStore {
  return { folder: filesFolderOf(ledgerFile), key: attachmentKeyOf(ledgerKey) }
}

/** Where the bytes of `sha256` are kept; only ever a name this module computed. */
export function storedFileOf(ledgerFile: string, sha256: string): string {
  if (!isSha256(sha256)) throw new LedgerError('invalid_input', '附件编号无效')
  return path.join(filesFolderOf(ledgerFile), sha256)
}

function fileIn(store: FileStore, sha256: string): string {
  if (!isSha256(sha256)) throw new LedgerError('invalid_input', '附件编号无效')
  return path.join(store.folder, sha256)
}

/** Whether the store's file for `sha256` is there and, read with the store's key, still holds the bytes it is named after. */
export function fileHolds(store: FileStore, sha256: string): ReadState {
  return readStoredFile(fileIn(store, sha256), sha256, store.key).state
}

/** As fileHolds, and whether the file is sealed. */
export function fileCondition(store: FileStore, sha256: string): ReadResult {
  return readStoredFile(fileIn(store, sha256), sha256, store.key)
}

function fsyncFolderQuietly(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    // Windows cannot open a folder; NTFS journals the rename.
  }
}

function partialName(target: string): string {
  return `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`
}

/** Renames `partial` over `target`; a read-only target is made writable first (Windows refuses to replace it otherwise). */
function replaceWith(partial: string, target: string): void {
  try {
    fs.chmodSync(target, 0o644)
  } catch {
    // Not there yet.
  }
  try {
    fs.renameSync(partial, target)
  } catch (e) {
    try {
      fs.chmodSync(target, 0o444)
    } catch {
      // Gone: nothing to put back.
    }
    throw e
  }
}

/**
 * Writes a file into the store under `sha256`, from `fill` (which writes its plain bytes to the
 * sink): sealed with the store's key, under a temporary name, fsynced, checked when `verify`,
 * then renamed. A crash leaves no half file under a hash; a failure leaves what was there.
 */
function writeInto(store: FileStore, sha256: string, fill: (write: (chunk: Uint8Array) => void) => void, verify: boolean): void {
  const target = fileIn(store, sha256)
  const partial = partialName(target)
  fs.mkdirSync(store.folder, { recursive: true })
  const sink = openSink(partial, store.key)
  try {
    fill((chunk) => sink.write(chunk))
    sink.finish()
    if (verify && readStoredFile(partial, sha256, store.key).state !== 'ok') throw new Error('写入的附件文件校验未通过')
    replaceWith(partial, target)
    fsyncFolderQuietly(store.folder)
  } catch (e) {
    sink.abort()
    fs.rmSync(partial, { force: true })
    throw e
  }
}

/** A sound file is there already: readable, and sealed when the store seals. */
function alreadyKept(store: FileStore, sha256: string): boolean {
  const now = fileCondition(store, sha256)
  return now.state === 'ok' && (store.key === null || now.sealed)
}

/**
 * Writes `bytes` under their hash unless a sound copy is there already; true when this call put
 * it there (so a failed transaction after it may take it back).
 */
export function putFile(store: FileStore, sha256: string, bytes: Uint8Array): boolean {
  const where = networkLocation(store.folder)
  if (where !== null) throw new LedgerError('attachment_folder_unusable', `附件文件夹不能设在${where}`)
  if (alreadyKept(store, sha256)) return false
  try {
    writeInto(store, sha256, (write) => write(bytes), false)
  } catch (e) {
    throw new LedgerError('attachment_write_failed', `附件未能保存：${e instanceof Error ? e.message : String(e)}。台账未作改动。`)
  }
  return true
}

/**
 * Copies the file named `sha256` from one store to another (read with the one's key, written
 * with the other's) when it holds its bytes; whether the other store has a sound copy now.
 */
export function copySoundFile(from: FileStore, to: FileStore, sha256: string): boolean {
  if (fileHolds(from, sha256) !== 'ok') return false
  if (alreadyKept(to, sha256)) return true
  try {
    writeInto(
      to,
      sha256,
      (write) => {
        if (readStoredFile(fileIn(from, sha256), sha256, from.key, write).state !== 'ok') throw new Error('附件文件在复制时发生变化')
      },
      true,
    )
  } catch {
    return false
  }
  return true
}

/** Seals a plain file in place: written sealed beside it, checked, renamed over; a failure leaves the plain one. */
export function sealInPlace(store: FileStore, sha256: string, fault?: () => void): void {
  if (store.key === null) return
  const from: FileStore = { folder: store.folder, key: null }
  writeInto(
    store,
    sha256,
    (write) => {
      if (readStoredFile(fileIn(from, sha256), sha256, null, write).state !== 'ok') throw new Error('附件文件与其名称不符')
      fault?.()
    },
    true,
  )
}

/** Reads a file's plain bytes to `write` a chunk at a time, checked against its name on the way; how it went. */
export type PlainSource = (write: (chunk: Uint8Array) => void) => ReadState | Promise<ReadState>

/**
 * The plain content of a stored file, for the system viewer or a download: written into
 * `folder` (the app's temporary folder, owner-only) as `附件-<id>.<ending>` (Windows picks the
 * viewer by the ending), readable by this account only. Refused, with nothing left behind,
 * when the source says the content is not there, was altered, or was sealed with another key.
 * The source is the store's file (plainCopyOf) or a server's row (server-contents.ts).
 */
export async function plainCopyFrom(
  source: PlainSource,
  mediaType: AttachmentMediaType,
  folder: string,
  id: number,
): Promise<{ file: string; state: ReadState }> {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  fs.chmodSync(folder, 0o700)
  // A fresh subfolder each time: a viewer still showing the last copy keeps it.
  const own = fs.mkdtempSync(path.join(folder, 'v-'))
  const file = path.join(own, `附件-${id}.${ATTACHMENT_EXTENSION[mediaType]}`)
  const sink = openSink(file, null, 0o600)
  let state: ReadState = 'altered'
  try {
    state = await source((chunk) => sink.write(chunk))
    if (state === 'ok') sink.finish()
    else sink.abort()
  } catch (e) {
    sink.abort()
    fs.rmSync(own, { recursive: true, force: true })
    throw e
  }
  if (state !== 'ok') {
    fs.rmSync(own, { recursive: true, force: true })
    return { file: '', state }
  }
  fs.chmodSync(file, 0o400)
  return { file, state }
}

/** plainCopyFrom the store's own file for `sha256`, read with the store's key. */
export function plainCopyOf(
  store: FileStore,
  sha256: string,
  mediaType: AttachmentMediaType,
  folder: string,
  id: number,
): Promise<{ file: string; state: ReadState }> {
  return plainCopyFrom((write) => readStoredFile(fileIn(store, sha256), sha256, store.key, write).state, mediaType, folder, id)
}

/** The plain bytes of the store's file for `sha256`, when it holds them (for a move to a server). */
export function contentOf(store: FileStore, sha256: string): { state: ReadState; bytes: Buffer } {
  const chunks: Buffer[] = []
  const { state } = readStoredFile(fileIn(store, sha256), sha256, store.key, (chunk) => chunks.push(Buffer.from(chunk)))
  return { state, bytes: state === 'ok' ? Buffer.concat(chunks) : Buffer.alloc(0) }
}

/** Removes the plain copies made for viewing (at start and quit); one a viewer still holds open stays for the next time. */
export function clearPlainCopies(folder: string): void {
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch {
    return
  }
  for (const name of names) {
    try {
      fs.rmSync(path.join(folder, name), { recursive: true, force: true })
    } catch {
      // Open in a viewer on Windows: the next start removes it.
    }
  }
}

const PARTIAL = /^[0-9a-f]{64}\.partial-/

/** Half-written files a crash left (older than an hour, so never one being written now); removed. */
export function removeStalePartials(folder: string, now: Date): void {
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch {
    return
  }
  for (const name of names) {
    if (!PARTIAL.test(name)) continue
    const file = path.join(folder, name)
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true })
    } catch {
      // Gone already, or held open.
    }
  }
}

const VIEWABLE_LINK = /^[0-9a-f]{64}\.(pdf|jpg|png)$/

/** The plain `<sha256>.pdf` links an earlier version left beside the stored files for the viewer; removed. */
export function removeViewableLinks(folder: string): number {
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    if (!VIEWABLE_LINK.test(name)) continue
    try {
      // No chmod: a hard link shares its mode with the file it links to.
      fs.rmSync(path.join(folder, name), { force: true })
      removed++
    } catch {
      // Open in a viewer on Windows: the next start removes it.
    }
  }
  return removed
}

/** The hash-named files in a folder (temporary and other files passed by). */
export function storedNamesIn(folder: string): string[] {
  try {
    return fs.readdirSync(folder).filter(isSha256).sort()
  } catch {
    return []
  }
}
