import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLineTestKeys, openWithTestKey } from '../support/keys'
import { listBackupFiles } from '../../db/backup/files'
import { generateDemoMonth } from '../../tools/demo'
import { openLedger } from '../../db/core/open'
import { ledgerCli } from '../support/cli'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function issueCount(file: string): number {
  const db = openWithTestKey(file, { readonly: true }, commandLineTestKeys)
  try {
    return Number(db.prepare('select count(*) from issues').pluck().get())
  } finally {
    db.close()
  }
}

describe('backup and restore on the command line', () => {
  it('backs up to a folder, and restores from it keeping the replaced ledger', async () => {
    const dir = tempDir('ledger-cli-backup-')
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const out = path.join(dir, 'U盘备份')
    expect((await ledgerCli('demo', '--db', file, '--month', '2026-09')).code).toBe(0)
    const backup = await ledgerCli('backup', '--db', file, '--out', out)
    expect(backup.code).toBe(0)
    expect(backup.stdout).toMatch(/已备份：.*U盘备份.*完整性检查通过/)
    const [copy] = listBackupFiles(out)
    expect(copy?.kind).toBe('manual')
    const issues = issueCount(file)

    // Work after the backup, which the restore takes back.
    const later = await openLedger(file, { keys: commandLineTestKeys })
    await generateDemoMonth({ db: later.db, actor: { ...systemActor, name: '测试' }, now: () => new Date() }, '2026-10')
    await later.close()
    expect(issueCount(file)).toBeGreaterThan(issues)
    const restored = await ledgerCli('restore', '--db', file, '--from', copy?.file ?? '')
    expect(restored.code).toBe(0)
    expect(restored.stdout).toMatch(/已从备份恢复：ledger-.*-manual\.sqlite[\s\S]*原台账已另存为：.*pre-restore\.sqlite/)
    expect(issueCount(file)).toBe(issues)
    const kept = listBackupFiles(path.join(dir, 'backups')).find((b) => b.kind === 'pre-restore')
    expect(issueCount(kept?.file ?? '')).toBeGreaterThan(issues)
    expect((await ledgerCli('check', '--db', file)).code).toBe(0)
  })

  it('explains a missing option, a missing file and a bad backup in Chinese, touching nothing', async () => {
    const dir = tempDir('ledger-cli-backup-')
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    await (await openLedger(file, { keys: commandLineTestKeys })).close()
    const before = fs.readFileSync(file)
    const noOut = await ledgerCli('backup', '--db', file)
    expect(noOut).toMatchObject({ code: 2, stderr: expect.stringMatching(/缺少参数 --out/) })
    const missing = await ledgerCli('backup', '--db', path.join(dir, 'none.sqlite'), '--out', dir)
    expect(missing.stderr).toMatch(/台账文件不存在/)
    const junk = path.join(dir, 'junk.sqlite')
    fs.writeFileSync(junk, 'not a database at all, just text')
    const bad = await ledgerCli('restore', '--db', file, '--from', junk)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/备份文件(无法打开|不是有效的台账|已损坏)/)
    for (const r of [noOut, missing, bad]) expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })
})
