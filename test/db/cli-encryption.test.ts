import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listBackupFiles } from '../../db/backup/files'
import { openLedger } from '../../db/core/open'
import { isPlainSqliteFile } from '../../db/keys/cipher'
import { ledgerCli, ledgerCliWith } from '../support/cli'
import { writeMessyXlsx } from '../support/import-fixtures'
import { TEST_RECOVERY_PASSPHRASE } from '../support/keys'
import { tempDir } from '../support/temp-ledger'

// The command line has no safeStorage: the recovery passphrase is how it reaches the key, from a
// file, the environment or the prompt — never from its arguments, which the process list shows.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function demoLedger(): Promise<{ dir: string; file: string }> {
  const dir = tempDir('ledger-cli-keys-')
  dirs.push(dir)
  const file = path.join(dir, 'ledger.sqlite')
  const made = await ledgerCli('demo', '--db', file, '--month', '2026-09')
  expect(made.code).toBe(0)
  return { dir, file }
}

const noEnv = { LEDGER_PASSPHRASE: undefined }

describe('the command line on an encrypted ledger', () => {
  it('writes an encrypted ledger and encrypted backups', async () => {
    const { dir, file } = await demoLedger()
    expect(isPlainSqliteFile(file)).toBe(false)
    const out = path.join(dir, 'U盘')
    expect((await ledgerCli('backup', '--db', file, '--out', out)).code).toBe(0)
    const [copy] = listBackupFiles(out)
    expect(copy).toBeDefined()
    expect(isPlainSqliteFile(copy?.file ?? '')).toBe(false)
  })

  it('reads the passphrase from --passphrase-file, and from the prompt', async () => {
    const { dir, file } = await demoLedger()
    const secret = path.join(dir, '口令.txt')
    fs.writeFileSync(secret, `${TEST_RECOVERY_PASSPHRASE}\n`)
    const fromFile = await ledgerCliWith({ env: noEnv }, 'check', '--db', file, '--passphrase-file', secret)
    expect(fromFile.code).toBe(0)
    expect(fromFile.stdout).toMatch(/文件加密：已加密（SQLCipher 4 格式）[\s\S]*结论：台账正常/)
    const typed = await ledgerCliWith({ env: noEnv, stdin: `${TEST_RECOVERY_PASSPHRASE}\n` }, 'check', '--db', file)
    expect(typed.code).toBe(0)
    expect(typed.stderr).toMatch(/恢复口令（输入时不显示）/)
  })

  it('checks, exports, imports and backs up with the passphrase from the environment', async () => {
    const { dir, file } = await demoLedger()
    expect((await ledgerCli('check', '--db', file)).code).toBe(0)
    const xlsx = path.join(dir, '九月.xlsx')
    expect((await ledgerCli('export', '--db', file, '--month', '2026-09', '--out', xlsx)).code).toBe(0)
    expect(fs.statSync(xlsx).size).toBeGreaterThan(0)
    const sheet = await writeMessyXlsx(path.join(dir, '台账.xlsx'))
    const imported = await ledgerCli('import', '--db', file, '--in', sheet, '--skip-bad', '--kind', 'public')
    expect(imported.code).toBe(0)
    expect((await ledgerCli('import-batches', '--db', file)).stdout).toMatch(/台账\.xlsx/)
    expect((await ledgerCli('backup', '--db', file, '--out', path.join(dir, 'copies'))).code).toBe(0)
    expect(isPlainSqliteFile(file)).toBe(false)
  })

  it('refuses a wrong passphrase in Chinese', async () => {
    const { file } = await demoLedger()
    const r = await ledgerCliWith({ env: { LEDGER_PASSPHRASE: '不是这个口令不是这个口令' } }, 'check', '--db', file)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/恢复口令不正确/)
  })

  it('refuses a passphrase given as an argument, before reading anything', async () => {
    const { file } = await demoLedger()
    const before = fs.readFileSync(file)
    for (const args of [['--passphrase', TEST_RECOVERY_PASSPHRASE], [`--passphrase=${TEST_RECOVERY_PASSPHRASE}`]]) {
      const r = await ledgerCliWith({ env: noEnv }, 'check', '--db', file, ...args)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/恢复口令不能写在命令行参数中.*进程列表/)
      expect(r.stderr).not.toContain(TEST_RECOVERY_PASSPHRASE)
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('encrypts an unencrypted ledger it backs up, so no unencrypted copy is written', async () => {
    const dir = tempDir('ledger-cli-plain-')
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    await (await openLedger(file)).close()
    expect(isPlainSqliteFile(file)).toBe(true)
    const out = path.join(dir, 'copies')
    expect((await ledgerCli('backup', '--db', file, '--out', out)).code).toBe(0)
    expect(isPlainSqliteFile(file)).toBe(false)
    for (const b of listBackupFiles(out)) expect(isPlainSqliteFile(b.file)).toBe(false)
  })
})
