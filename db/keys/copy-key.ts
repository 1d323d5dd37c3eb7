import path from 'node:path'
import type Database from 'better-sqlite3-multiple-ciphers'
import { readManifest } from '../backup/manifest'
import { LedgerError } from '../core/errors'
import { isPlainSqliteFile, openDatabaseFile } from './cipher'
import { keyCheck, type KeyEnvelope } from './envelope'
import { unlockEnvelope, type LedgerKeys, type UnlockedKey } from './keys'

// A backup (or any copy of a ledger) opened for reading: unencrypted copies from before
// encryption as they are; an encrypted one with a key the caller already holds (the ledger's
// own, when the copy is one of its backups), else with the envelope in the copy's manifest,
// which this PC's sealer or the recovery passphrase opens.

export interface OpenedCopy {
  sqlite: Database.Database
  /** null for an unencrypted copy. */
  key: Buffer | null
  /** The envelope that opened it, when it came from the manifest. */
  envelope: KeyEnvelope | null
}

export function openCopy(file: string, keys: LedgerKeys | null, held: readonly UnlockedKey[] = []): OpenedCopy {
  if (isPlainSqliteFile(file))
    return { sqlite: openDatabaseFile(file, { readonly: true, fileMustExist: true, key: null }), key: null, envelope: null }
  const candidates: { key: Buffer; envelope: KeyEnvelope | null }[] = held.map((h) => ({ key: h.key, envelope: h.envelope }))
  let unlockError: unknown = null
  const fromManifest = readManifest(file)?.key ?? null
  if (fromManifest !== null && !candidates.some((c) => keyCheck(c.key) === fromManifest.check)) {
    if (keys === null) unlockError = new LedgerError('key_needed', `备份已加密，需要恢复口令才能打开：${path.basename(file)}`)
    else {
      try {
        candidates.push({ key: unlockEnvelope(fromManifest, keys), envelope: fromManifest })
      } catch (e) {
        unlockError = e
      }
    }
  }
  for (const c of candidates) {
    try {
      return { sqlite: openDatabaseFile(file, { readonly: true, fileMustExist: true, key: c.key }), key: c.key, envelope: c.envelope }
    } catch {
      // The next key.
    }
  }
  if (unlockError !== null) throw unlockError
  throw new LedgerError(
    'key_missing',
    fromManifest === null
      ? `备份文件无法打开：${path.basename(file)}（不是未加密的台账，也找不到它的密钥：加密的备份旁应有同名的 .json 清单文件，请把它与备份放在一起）`
      : `备份文件无法打开：${path.basename(file)}（清单中的密钥解不开它，文件可能已损坏）`,
  )
}
