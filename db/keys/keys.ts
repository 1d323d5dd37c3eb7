import fs from 'node:fs'
import path from 'node:path'
import dayjs from 'dayjs'
import { LedgerError } from '../core/errors'
import {
  keyCheck,
  newDataKey,
  parseEnvelope,
  RECOVERY_LOG_N,
  unwrapWithPassphrase,
  wrapWithPassphrase,
  type KeyEnvelope,
  type Sealer,
} from './envelope'

// Where a ledger's key is kept on a PC: `<ledger>.key` beside the ledger file, holding its key
// envelope (envelope.ts) — sealed for this PC and account, and wrapped by the recovery passphrase
// once the supervisor has set one. Each backup's manifest carries the same envelope, so a backup
// that leaves the PC opens elsewhere with the passphrase. Neither wrap is the key itself: the key
// file alone, copied off the PC, opens nothing without this account on this PC or the passphrase.

/** What opening a ledger is given to reach its key: this PC's sealer and/or a way to the passphrase. */
export interface LedgerKeys {
  /** Electron's safeStorage in the app; null in the command line and the browser preview. */
  readonly sealer: Sealer | null
  /** The recovery passphrase, asked for only when the sealer cannot open the key; null when none can be given. */
  passphrase(): string | null
  /** scrypt's cost (log2 N) for a new recovery wrap; the production default unless a test lowers it. */
  readonly recoveryLogN?: number
}

/** A key reached from an envelope, with the envelope kept up to date for this PC. */
export interface UnlockedKey {
  key: Buffer
  envelope: KeyEnvelope
}

const KEY_FILE_SUFFIX = '.key'

export function keyFileOf(ledgerFile: string): string {
  return `${path.resolve(ledgerFile)}${KEY_FILE_SUFFIX}`
}

interface KeyFile {
  keyFile: '接待日台账密钥文件'
  version: 1
  /**
   * Newest first. Usually one; a restore that brings a copy with another key writes the new
   * envelope before the old, so a crash between writing this file and swapping the ledger
   * leaves a key that opens whichever file is in place.
   */
  envelopes: KeyEnvelope[]
}

export function readKeyFile(ledgerFile: string): KeyEnvelope[] | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(keyFileOf(ledgerFile), 'utf8'))
  } catch {
    return null
  }
  if (parsed === null || typeof parsed !== 'object' || !('envelopes' in parsed) || !Array.isArray(parsed.envelopes)) return null
  const list: unknown[] = parsed.envelopes
  return list.map(parseEnvelope).filter((e): e is KeyEnvelope => e !== null)
}

export function writeKeyFile(ledgerFile: string, envelopes: KeyEnvelope[]): void {
  const target = keyFileOf(ledgerFile)
  const partial = `${target}.partial`
  const body: KeyFile = { keyFile: '接待日台账密钥文件', version: 1, envelopes }
  fs.writeFileSync(partial, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 })
  const fd = fs.openSync(partial, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(partial, target)
}

function sealFor(keys: LedgerKeys, key: Buffer): KeyEnvelope['sealed'] {
  if (keys.sealer === null) return null
  try {
    return { by: keys.sealer.label, data: keys.sealer.seal(key) }
  } catch {
    // safeStorage unavailable this session: the recovery wrap still opens it.
    return null
  }
}

export function stampNow(now: Date = new Date()): string {
  return dayjs(now).format('YYYY-MM-DD HH:mm:ss')
}

/**
 * A fresh key for a new ledger (or one being encrypted): sealed for this PC and, when the
 * caller already has a passphrase (the command line, a test), wrapped by it too. Refused when
 * neither could keep it: a key nobody can reach again would lose the ledger.
 */
export function createKey(keys: LedgerKeys, now: Date = new Date()): UnlockedKey {
  const key = newDataKey()
  const sealed = sealFor(keys, key)
  const passphrase = sealed === null ? keys.passphrase() : null
  if (sealed === null && (passphrase === null || passphrase === '')) {
    throw new LedgerError('key_unavailable', '无法保存台账密钥：本机无法加密保存密钥，也没有提供恢复口令。台账未创建或未改动。')
  }
  const recovery = passphrase ? wrapWithPassphrase(key, passphrase, stampNow(now), keys.recoveryLogN ?? RECOVERY_LOG_N) : null
  return { key, envelope: { envelope: '接待日台账密钥', version: 1, check: keyCheck(key), sealed, recovery } }
}

const NO_RECOVERY =
  '这台电脑（或这个 Windows 账户）无法自动打开该台账的密钥，而该台账尚未设置恢复口令，只能在原来的电脑上、用原来的账户打开。'

/**
 * The key inside an envelope: by this PC's sealer when it sealed it, else by the recovery
 * passphrase. A wrong passphrase is refused in Chinese; nothing is written.
 */
export function unlockEnvelope(envelope: KeyEnvelope, keys: LedgerKeys): Buffer {
  if (envelope.sealed !== null && keys.sealer !== null) {
    try {
      const key = keys.sealer.unseal(envelope.sealed.data)
      if (keyCheck(key) === envelope.check) return key
    } catch {
      // Sealed on another PC or account: the passphrase is the way in.
    }
  }
  if (envelope.recovery === null) throw new LedgerError('key_locked', NO_RECOVERY)
  const passphrase = keys.passphrase()
  if (passphrase === null || passphrase === '') {
    throw new LedgerError('passphrase_needed', '该台账（或备份）已加密，在这台电脑上打开需要负责人保管的恢复口令。')
  }
  const key = unwrapWithPassphrase(envelope.recovery, passphrase)
  if (keyCheck(key) !== envelope.check) throw new LedgerError('wrong_passphrase', '恢复口令与该台账的密钥不符。')
  return key
}

/** The envelope as it should be kept on this PC: sealed here (when this PC can seal), recovery unchanged. */
export function resealed(envelope: KeyEnvelope, key: Buffer, keys: LedgerKeys): KeyEnvelope {
  if (keys.sealer === null) return envelope
  if (envelope.sealed !== null) {
    try {
      if (keys.sealer.unseal(envelope.sealed.data).equals(key)) return envelope
    } catch {
      // Another PC's seal: replaced below.
    }
  }
  const sealed = sealFor(keys, key)
  return sealed === null ? envelope : { ...envelope, sealed }
}

/** The same key with a new recovery passphrase: only the wrap changes, never the ledger file. */
export function withRecovery(envelope: KeyEnvelope, key: Buffer, passphrase: string, keys: LedgerKeys, now: Date): KeyEnvelope {
  return { ...envelope, recovery: wrapWithPassphrase(key, passphrase, stampNow(now), keys.recoveryLogN ?? RECOVERY_LOG_N) }
}

/** The envelope of the key an open connection uses, as its ledger's key file keeps it now. */
export function envelopeOfKey(ledgerFile: string, key: Buffer): KeyEnvelope | null {
  const check = keyCheck(key)
  return readKeyFile(ledgerFile)?.find((e) => e.check === check) ?? null
}

/**
 * The keys that may open a ledger file on this PC, from its key file, newest first; a file
 * with no key file yet (a new ledger, one being encrypted) gets a new key, when `create`.
 */
export function ledgerKeys(ledgerFile: string, keys: LedgerKeys, create: boolean, now: Date): UnlockedKey[] {
  const envelopes = readKeyFile(ledgerFile) ?? []
  if (envelopes.length === 0) {
    if (!create) {
      throw new LedgerError(
        'key_missing',
        `找不到该台账的密钥文件 ${path.basename(keyFileOf(ledgerFile))}（应在台账文件旁）。请从备份恢复台账（需要恢复口令），或找回该文件。`,
      )
    }
    const made = createKey(keys, now)
    writeKeyFile(ledgerFile, [made.envelope])
    return [made]
  }
  const found: UnlockedKey[] = []
  let firstError: unknown = null
  for (const envelope of envelopes) {
    try {
      found.push({ key: unlockEnvelope(envelope, keys), envelope })
    } catch (e) {
      firstError ??= e
    }
  }
  if (found.length === 0) throw firstError
  return found
}

/** After a key opened the ledger: the key file keeps that one envelope, sealed for this PC. */
export function keepKey(ledgerFile: string, opened: UnlockedKey, keys: LedgerKeys): KeyEnvelope {
  const current = readKeyFile(ledgerFile) ?? []
  const kept = resealed(opened.envelope, opened.key, keys)
  if (current.length !== 1 || JSON.stringify(current[0]) !== JSON.stringify(kept)) writeKeyFile(ledgerFile, [kept])
  return kept
}
