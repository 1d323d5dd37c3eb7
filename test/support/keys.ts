import crypto from 'node:crypto'
import type Database from 'better-sqlite3-multiple-ciphers'
import { openDatabaseFile, looksEncrypted } from '../../db/keys/cipher'
import type { Sealer } from '../../db/keys/envelope'
import { openCopy } from '../../db/keys/copy-key'
import { ledgerKeys, readKeyFile, type LedgerKeys } from '../../db/keys/keys'

// Key providers for tests, where Electron's safeStorage is missing: "a PC" is a secret only that
// PC's sealer knows (as DPAPI ties a seal to one Windows account), and the recovery passphrase is
// typed by the test. A fresh key store is another PC: a sealer with another secret.

export const TEST_RECOVERY_PASSPHRASE = '测试恢复口令：春眠不觉晓，处处闻啼鸟'

/** Stands in for DPAPI: what one test PC seals, only that test PC unseals. */
export function testPcSealer(pc = '本机'): Sealer {
  const secret = crypto.createHash('sha256').update(`test pc ${pc}`).digest()
  return {
    label: `test:${pc}`,
    seal(data) {
      const iv = crypto.randomBytes(12)
      const c = crypto.createCipheriv('aes-256-gcm', secret, iv)
      const body = Buffer.concat([c.update(data), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')
    },
    unseal(sealed) {
      const raw = Buffer.from(sealed, 'base64')
      const d = crypto.createDecipheriv('aes-256-gcm', secret, raw.subarray(0, 12))
      d.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([d.update(raw.subarray(28)), d.final()])
    },
  }
}

/** This test PC, knowing the recovery passphrase should it be asked (a lower scrypt cost keeps tests quick). */
export function testKeys(pc = '本机', passphrase: string | null = TEST_RECOVERY_PASSPHRASE): LedgerKeys {
  return { sealer: testPcSealer(pc), passphrase: () => passphrase, recoveryLogN: 10 }
}

/** Another PC: no seal of this one opens there; only a passphrase, if given. */
export function otherPcKeys(passphrase: string | null): LedgerKeys {
  return { sealer: testPcSealer('另一台电脑'), passphrase: () => passphrase, recoveryLogN: 10 }
}

/** The command line: no sealer, the passphrase only. */
export function passphraseOnlyKeys(passphrase: string | null): LedgerKeys {
  return { sealer: null, passphrase: () => passphrase, recoveryLogN: 10 }
}

/**
 * A plain SQLite tool that has the key, as someone on the signed-in PC could have it: the file
 * opened around the app (tampering tests). An unencrypted file opens as it is.
 */
export function openWithTestKey(file: string, options: { readonly?: boolean } = {}, keys: LedgerKeys = testKeys()): Database.Database {
  if (!looksEncrypted(file)) return openDatabaseFile(file, { readonly: options.readonly ?? false, fileMustExist: true, key: null })
  // A backup: the key from its manifest.
  if (readKeyFile(file) === null) {
    const copy = openCopy(file, keys)
    copy.sqlite.close()
    return openDatabaseFile(file, { readonly: options.readonly ?? false, fileMustExist: true, key: copy.key })
  }
  const [first] = ledgerKeys(file, keys, false, new Date())
  if (first === undefined) throw new Error('no key')
  return openDatabaseFile(file, { readonly: options.readonly ?? false, fileMustExist: true, key: first.key })
}

/** As the command line reaches a ledger (the passphrase in LEDGER_PASSPHRASE): for ledgers the command line makes or opens. */
export const commandLineTestKeys: LedgerKeys = passphraseOnlyKeys(TEST_RECOVERY_PASSPHRASE)
