import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { LedgerError } from '../core/errors'

// SQLCipher 4's file format (SQLite3 Multiple Ciphers' 'sqlcipher' scheme, legacy = 4): AES-256
// pages with an HMAC each, the format SQLCipher 4 tools read given the raw key, so IT staff are
// not tied to this app to read a copy. The key is given raw (x'…'): it is random, so no
// passphrase stretching is needed on every open; the passphrase is stretched once, where it
// wraps the key (envelope.ts).

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

// The key each open connection was keyed with: copies of it (backups, exports of the file) are
// written with the same key, and a connection never hands its key to anyone else.
const keys = new WeakMap<Database.Database, Buffer>()

export function connectionKey(sqlite: Database.Database): Buffer | null {
  return keys.get(sqlite) ?? null
}

function keySql(key: Buffer): string {
  return `key = "x'${key.toString('hex')}'"`
}

/** Before the first read: SQLCipher 4's format, and the key. */
export function applyKey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma("cipher = 'sqlcipher'")
  sqlite.pragma('legacy = 4')
  sqlite.pragma(keySql(key))
  keys.set(sqlite, key)
}

/** True for a file that begins as every unencrypted SQLite database does; an empty or missing file is not one. */
export function isPlainSqliteFile(file: string): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    return false
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length)
    const n = fs.readSync(fd, head, 0, head.length, 0)
    return n === head.length && head.equals(PLAIN_HEADER)
  } finally {
    fs.closeSync(fd)
  }
}

/** A file with something in it that is not a plain SQLite database: encrypted (or not a database at all). */
export function looksEncrypted(file: string): boolean {
  try {
    return fs.statSync(file).size > 0 && !isPlainSqliteFile(file)
  } catch {
    return false
  }
}

export function isNotADatabase(e: unknown): boolean {
  return e !== null && typeof e === 'object' && 'code' in e && (e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_CORRUPT')
}

export const KEY_DOES_NOT_FIT = '密钥与台账文件不符，无法解密（可能是另一本台账的密钥，或文件已损坏）。台账文件未作任何改动。'

export interface OpenFileOptions {
  readonly?: boolean
  fileMustExist?: boolean
  /** null: an unencrypted file (only ever read, to be encrypted). */
  key: Buffer | null
}

/**
 * Opens a ledger file or copy with its key and proves the key fits by reading the schema. A key
 * that does not fit is refused in Chinese; the file is not touched.
 */
export function openDatabaseFile(file: string, options: OpenFileOptions): Database.Database {
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false })
  try {
    if (options.key !== null) applyKey(sqlite, options.key)
    sqlite.prepare('select count(*) from sqlite_master').get()
  } catch (e) {
    sqlite.close()
    if (options.key !== null && isNotADatabase(e)) throw new LedgerError('wrong_key', `${KEY_DOES_NOT_FIT}（${path.basename(file)}）`)
    throw e
  }
  return sqlite
}

function quoted(file: string): string {
  return `'${file.replace(/'/g, "''")}'`
}

/** A consistent encrypted copy of an open keyed ledger, with the same key (VACUUM INTO a new file). */
export function vacuumInto(sqlite: Database.Database, target: string): void {
  if (connectionKey(sqlite) === null) throw new Error('未加密的连接不能用于写加密副本')
  sqlite.exec(`vacuum into ${quoted(target)}`)
}

/**
 * An encrypted copy of an unencrypted file, written straight encrypted (no plain copy ever
 * touches the disk): a keyed connection on an empty scratch file attaches the plain file and
 * vacuums it into the target, which takes the keyed connection's cipher and key. The plain file
 * (and its WAL) are only read.
 */
export function encryptedCopyOfPlain(plainFile: string, target: string, key: Buffer): void {
  const scratch = `${target}.scratch`
  fs.rmSync(scratch, { force: true })
  const keyed = new Database(scratch)
  try {
    applyKey(keyed, key)
    keyed.exec(`attach database ${quoted(plainFile)} as plain key ''`)
    keyed.exec(`vacuum plain into ${quoted(target)}`)
    keyed.exec('detach database plain')
  } finally {
    keyed.close()
    fs.rmSync(scratch, { force: true })
  }
}
