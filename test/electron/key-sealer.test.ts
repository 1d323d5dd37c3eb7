import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openLedger } from '../../db/core/open'
import { readKeyFile } from '../../db/keys/keys'
import { refused } from '../support/refusals'
import { tempDir } from '../support/temp-ledger'

// The app's key provider over Electron's safeStorage, which cannot run here: safeStorage is
// stood in for by a seal tied to one "account" (as DPAPI ties it), and switched off to see what
// the app does on a system where it is unavailable. The ledger itself is a real file.

const account = { available: true, secret: 0x5a }
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => account.available,
    encryptString: (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ account.secret)),
    decryptString: (sealed: Buffer) => {
      const text = Buffer.from(sealed.map((b) => b ^ account.secret)).toString('utf8')
      if (!/^[A-Za-z0-9+/=]+$/.test(text)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return text
    },
  },
  BrowserWindow: class {},
}))

const { appKeys } = await import('../../electron/main/key-sealer')

const dirs: string[] = []
afterEach(() => {
  account.available = true
  account.secret = 0x5a
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function place(): string {
  const dir = tempDir('key-sealer-')
  dirs.push(dir)
  return path.join(dir, 'ledger.sqlite')
}

describe('the app’s key provider', () => {
  it('seals the key with safeStorage and opens the ledger again without asking', async () => {
    const file = place()
    await (await openLedger(file, { keys: appKeys() })).close()
    expect(readKeyFile(file)?.[0]?.sealed?.by).toBe('safeStorage')
    const again = await openLedger(file, { keys: appKeys() })
    expect(again.sqlite.prepare('select count(*) from ledger_migration').pluck().get()).not.toBe(0)
    await again.close()
  })

  it('does not open under another Windows account before a recovery passphrase is set', async () => {
    const file = place()
    await (await openLedger(file, { keys: appKeys() })).close()
    account.secret = 0x33
    expect((await refused(openLedger(file, { keys: appKeys() }))).code).toBe('key_locked')
  })

  it('refuses to create a ledger whose key nobody could reach again when safeStorage is unavailable', async () => {
    account.available = false
    const file = place()
    const e = await refused(openLedger(file, { keys: appKeys() }))
    expect(e.code).toBe('key_unavailable')
    expect(e.message).toMatch(/无法保存台账密钥/)
    expect(fs.existsSync(file)).toBe(false)
  })
})
