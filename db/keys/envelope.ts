import crypto from 'node:crypto'
import { LedgerError } from '../core/errors'

// The data key that encrypts a ledger (and every copy of it) is 32 random bytes. It is never
// written down as it is: it is kept wrapped twice, and either wrap opens it.
//   - sealed: by this PC's sealer (Electron safeStorage: Windows DPAPI, the signed-in account),
//     so the app opens the ledger without asking anyone;
//   - recovery: by the supervisor's recovery passphrase (scrypt → AES-256-GCM), so another PC
//     opens the ledger or any backup with the passphrase alone.
// Changing the passphrase rewraps the same key; the file is not re-encrypted.

export const DATA_KEY_BYTES = 32

/** A PC-bound way to keep a secret: only this account on this PC can unseal what it sealed. */
export interface Sealer {
  /** Names it in the key file, e.g. 'safeStorage'. */
  readonly label: string
  seal(secret: Buffer): string
  /** Throws when the sealed text is not this PC's (another PC, another Windows account). */
  unseal(sealed: string): Buffer
}

export interface RecoveryWrap {
  kdf: 'scrypt'
  /** log2 of scrypt's N; r and p as scrypt names them. */
  logN: number
  r: number
  p: number
  salt: string
  iv: string
  tag: string
  wrapped: string
  /** When the supervisor set it (local time), for the 设置 screen and the recovery sheet. */
  setAt: string
}

/** How a ledger's key is kept: in the key file beside the ledger and in each backup's manifest. */
export interface KeyEnvelope {
  envelope: '接待日台账密钥'
  version: 1
  /** Names the key without revealing it: the same key, the same check. */
  check: string
  sealed: { by: string; data: string } | null
  recovery: RecoveryWrap | null
}

/** Production cost: 2^15 × 8 × 128 bytes = 32 MB and about a tenth of a second per try. */
export const RECOVERY_LOG_N = 15

export function newDataKey(): Buffer {
  return crypto.randomBytes(DATA_KEY_BYTES)
}

export function keyCheck(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('接待日台账密钥校验').digest('hex').slice(0, 16)
}

/** Recovery passphrases the supervisor may choose: long enough that the sheet in the safe is the only way in. */
export const MIN_PASSPHRASE_LENGTH = 12

export function assertPassphraseStrength(passphrase: string): void {
  const trimmed = passphrase.trim()
  if ([...trimmed].length < MIN_PASSPHRASE_LENGTH) {
    throw new LedgerError('invalid_input', `恢复口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符（可用几个词或一句话，空格也算）`)
  }
  if (new Set([...trimmed]).size < 5) throw new LedgerError('invalid_input', '恢复口令过于简单（重复的字符太多），请换一个')
}

function kek(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Buffer {
  // NFC: the same passphrase typed on another PC's input method gives the same bytes.
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + 1024 * 1024 })
}

export function wrapWithPassphrase(key: Buffer, passphrase: string, setAt: string, logN = RECOVERY_LOG_N): RecoveryWrap {
  const salt = crypto.randomBytes(16)
  const iv = crypto.randomBytes(12)
  const r = 8
  const p = 1
  const cipher = crypto.createCipheriv('aes-256-gcm', kek(passphrase, salt, logN, r, p), iv)
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()])
  return {
    kdf: 'scrypt',
    logN,
    r,
    p,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
    setAt,
  }
}

export const WRONG_PASSPHRASE = '恢复口令不正确，无法打开台账或备份。请核对保险柜中《台账恢复口令单》上的口令（区分大小写和空格）后重试。'

/** The data key, or a Chinese refusal when the passphrase is not the one that wrapped it. */
export function unwrapWithPassphrase(wrap: RecoveryWrap, passphrase: string): Buffer {
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      kek(passphrase, Buffer.from(wrap.salt, 'base64'), wrap.logN, wrap.r, wrap.p),
      Buffer.from(wrap.iv, 'base64'),
    )
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(wrap.wrapped, 'base64')), decipher.final()])
  } catch {
    throw new LedgerError('wrong_passphrase', WRONG_PASSPHRASE)
  }
}

/** Reads an envelope from parsed JSON; null when it is not one. */
export function parseEnvelope(value: unknown): KeyEnvelope | null {
  if (value === null || typeof value !== 'object') return null
  const f = new Map(Object.entries(value))
  if (f.get('envelope') !== '接待日台账密钥' || typeof f.get('check') !== 'string') return null
  const sealed = f.get('sealed')
  const sealedFields = sealed !== null && typeof sealed === 'object' ? new Map(Object.entries(sealed)) : null
  const recovery = f.get('recovery')
  const r = recovery !== null && typeof recovery === 'object' ? new Map(Object.entries(recovery)) : null
  const text = (m: Map<string, unknown>, k: string) => String(m.get(k) ?? '')
  return {
    envelope: '接待日台账密钥',
    version: 1,
    check: String(f.get('check')),
    sealed: sealedFields === null ? null : { by: text(sealedFields, 'by'), data: text(sealedFields, 'data') },
    recovery:
      r === null
        ? null
        : {
            kdf: 'scrypt',
            logN: Number(r.get('logN')),
            r: Number(r.get('r')),
            p: Number(r.get('p')),
            salt: text(r, 'salt'),
            iv: text(r, 'iv'),
            tag: text(r, 'tag'),
            wrapped: text(r, 'wrapped'),
            setAt: text(r, 'setAt'),
          },
  }
}
