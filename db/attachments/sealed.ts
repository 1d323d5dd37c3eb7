import crypto from 'node:crypto'
import fs from 'node:fs'

// The bytes of a file on an issue, encrypted with a key derived from the ledger's own
// (HKDF-SHA256, "attachments"): AES-256-GCM in 64 KiB chunks, each with its own tag, so a 20 MB
// scan is read, checked and written a chunk at a time and never sits in memory twice. The
// nonce of chunk i is a random per-file prefix, i, and whether it is the last chunk (the STREAM
// construction): a chunk moved, dropped or cut off at the end fails its tag. The header is
// every chunk's associated data, so it cannot be changed either.
//
//   "JDTZFJ" 0x00 0x01 | key id (8) | nonce prefix (7) | chunk, tag | chunk, tag | …
//
// The key id (an HMAC of the attachment key) tells a file sealed with another ledger's key from
// one that was altered. A file without the header is a plain file (from before encryption, or
// a ledger without a key): it holds what its name says or it does not.

const TAG = Buffer.from([0x4a, 0x44, 0x54, 0x5a, 0x46, 0x4a, 0x00, 0x01])
const KEY_ID_BYTES = 8
const PREFIX_BYTES = 7
export const SEALED_HEADER_BYTES = TAG.length + KEY_ID_BYTES + PREFIX_BYTES
export const CHUNK_BYTES = 64 * 1024
const GCM_TAG_BYTES = 16

export interface AttachmentKey {
  readonly key: Buffer
  readonly id: Buffer
}

/** The attachment key of a ledger key; null for a ledger without one (its files stay plain). */
export function attachmentKeyOf(ledgerKey: Buffer | null): AttachmentKey | null {
  if (ledgerKey === null) return null
  const key = Buffer.from(crypto.hkdfSync('sha256', ledgerKey, Buffer.alloc(0), Buffer.from('接待日台账 attachments'), 32))
  const id = crypto.createHmac('sha256', key).update('key id').digest().subarray(0, KEY_ID_BYTES)
  return { key, id }
}

function nonceOf(prefix: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12)
  prefix.copy(nonce, 0)
  nonce.writeUInt32BE(index, PREFIX_BYTES)
  nonce[11] = last ? 1 : 0
  return nonce
}

/** Where bytes go: a file written a chunk at a time. */
export interface Sink {
  write(chunk: Uint8Array): void
  /** Writes what is still held and closes the file. */
  finish(): void
  /** Closes the file after a failure (the caller removes it). */
  abort(): void
}

function fdSink(fd: number): { write(b: Uint8Array): void; close(): void } {
  return {
    write(b) {
      let done = 0
      while (done < b.length) done += fs.writeSync(fd, b, done, b.length - done)
    },
    close() {
      fs.fsyncSync(fd)
      fs.closeSync(fd)
    },
  }
}

/** A new file at `file` (which must not exist) holding what is written to it: sealed with `key`, or plain without one. */
export function openSink(file: string, key: AttachmentKey | null, mode = 0o444): Sink {
  const fd = fs.openSync(file, 'wx', mode)
  const out = fdSink(fd)
  let closed = false
  const abort = () => {
    if (closed) return
    closed = true
    fs.closeSync(fd)
  }
  if (key === null) {
    return {
      write: (chunk) => out.write(chunk),
      finish: () => {
        closed = true
        out.close()
      },
      abort,
    }
  }
  const prefix = crypto.randomBytes(PREFIX_BYTES)
  const header = Buffer.concat([TAG, key.id, prefix])
  out.write(header)
  let held = Buffer.alloc(0)
  let index = 0
  const seal = (plain: Buffer, last: boolean) => {
    const cipher = crypto.createCipheriv('aes-256-gcm', key.key, nonceOf(prefix, index++, last))
    cipher.setAAD(header)
    out.write(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]))
  }
  return {
    write(chunk) {
      // A view, not a copy: a 20 MB scan is sealed from the caller's bytes. The last chunk is
      // sealed as last, so a full chunk is held back (copied, at most 64 KiB) until more comes.
      const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      let offset = 0
      while (offset < input.length) {
        if (held.length === CHUNK_BYTES) {
          seal(held, false)
          held = Buffer.alloc(0)
        }
        const take = Math.min(CHUNK_BYTES - held.length, input.length - offset)
        const part = input.subarray(offset, offset + take)
        held = held.length === 0 ? Buffer.from(part) : Buffer.concat([held, part])
        offset += take
      }
    },
    finish() {
      seal(held, true)
      closed = true
      out.close()
    },
    abort,
  }
}

export type ReadState = 'ok' | 'missing' | 'altered' | 'other_key'

/** A problem with a stored file as check and the moves word it: 缺失, 无法用本台账的密钥解密, 内容已被改动. */
export function problemWords(state: Exclude<ReadState, 'ok'>): string {
  return state === 'missing' ? '缺失' : state === 'other_key' ? '无法用本台账的密钥解密' : '内容已被改动'
}

export interface ReadResult {
  state: ReadState
  /** Whether the file is sealed (false: plain, or not there). */
  sealed: boolean
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const b = Buffer.alloc(length)
  let got = 0
  while (got < length) {
    const n = fs.readSync(fd, b, got, length - got, position + got)
    if (n === 0) break
    got += n
  }
  return got === length ? b : b.subarray(0, got)
}

/**
 * Reads the stored file at `file`, sealed or plain, a chunk at a time: each chunk is checked
 * (its tag) before it goes to `onPlain`, and the whole against `sha256` at the end. Whatever
 * `onPlain` received is only to be kept when the state is 'ok'.
 */
export function readStoredFile(file: string, sha256: string, key: AttachmentKey | null, onPlain?: (chunk: Buffer) => void): ReadResult {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    return { state: 'missing', sealed: false }
  }
  try {
    const size = fs.fstatSync(fd).size
    const head = readExactly(fd, SEALED_HEADER_BYTES, 0)
    const hash = crypto.createHash('sha256')
    if (head.length < TAG.length || !head.subarray(0, TAG.length).equals(TAG)) {
      for (let at = 0; at < size; at += CHUNK_BYTES) {
        const chunk = readExactly(fd, Math.min(CHUNK_BYTES, size - at), at)
        hash.update(chunk)
        onPlain?.(chunk)
      }
      return { state: hash.digest('hex') === sha256 ? 'ok' : 'altered', sealed: false }
    }
    if (head.length < SEALED_HEADER_BYTES) return { state: 'altered', sealed: true }
    if (key === null || !head.subarray(TAG.length, TAG.length + KEY_ID_BYTES).equals(key.id)) return { state: 'other_key', sealed: true }
    const prefix = head.subarray(TAG.length + KEY_ID_BYTES)
    const record = CHUNK_BYTES + GCM_TAG_BYTES
    const body = size - SEALED_HEADER_BYTES
    const count = Math.max(1, Math.ceil(body / record))
    for (let i = 0; i < count; i++) {
      const at = SEALED_HEADER_BYTES + i * record
      const part = readExactly(fd, Math.min(record, size - at), at)
      if (part.length < GCM_TAG_BYTES) return { state: 'altered', sealed: true }
      const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, nonceOf(prefix, i, i === count - 1))
      decipher.setAAD(head)
      decipher.setAuthTag(part.subarray(part.length - GCM_TAG_BYTES))
      let plain: Buffer
      try {
        plain = Buffer.concat([decipher.update(part.subarray(0, part.length - GCM_TAG_BYTES)), decipher.final()])
      } catch {
        return { state: 'altered', sealed: true }
      }
      hash.update(plain)
      onPlain?.(plain)
    }
    return { state: hash.digest('hex') === sha256 ? 'ok' : 'altered', sealed: true }
  } finally {
    fs.closeSync(fd)
  }
}
