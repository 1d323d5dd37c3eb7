import fs from 'node:fs'
import path from 'node:path'
import { readStoredFile } from '../../db/attachments/sealed'
import { filesFolderOf, type FileStore } from '../../db/attachments/store'

// Files as a desk would add them: real PNG, JPEG and PDF bytes, and things that only look like them.

/** A 1×1 PNG, as a screenshot tool writes it. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** A JPEG's start of image and JFIF header, then some bytes: enough for the ledger to know it by. */
export function jpegBytes(fill = 1): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(512, fill)])
}

/** A one-line PDF header and body. */
export const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** A Windows program's first bytes (MZ header), as a file renamed to 照片.jpg carries them. */
export const PROGRAM_BYTES = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(256, 0)])

/** The names in a ledger's files folder; [] when it has none yet. */
export function storedNames(ledgerFile: string): string[] {
  try {
    return fs.readdirSync(filesFolderOf(ledgerFile)).sort()
  } catch {
    return []
  }
}

/** What a stored file holds, read back with its store's key (decrypted, checked against its name); null when it does not hold it. */
export function storedContent(store: FileStore, sha256: string): Buffer | null {
  const chunks: Buffer[] = []
  const { state } = readStoredFile(path.join(store.folder, sha256), sha256, store.key, (c) => chunks.push(c))
  return state === 'ok' ? Buffer.concat(chunks) : null
}

/** The stored file's own bytes as anyone with the folder sees them. */
export function rawBytes(store: FileStore, sha256: string): Buffer {
  return fs.readFileSync(path.join(store.folder, sha256))
}
