import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listBackupFiles } from '../../db/backup/files'
import { openLedger } from '../../db/core/open'
import { listCategories, seedDefaults } from '../../db/reference/reference'
import { startChild, type LineChild } from '../support/child'
import { ledgerCli, type CliResult } from '../support/cli'
import { commandLineTestKeys, openWithTestKey } from '../support/keys'
import { tempDir } from '../support/temp-ledger'

// A restore swaps the ledger file. Another process still writing to the old file (another
// Windows account's app, a script) would be told its writes committed, and they would be in
// neither the kept copy nor the restored ledger. Real child processes write while the command
// line restores: every acknowledged call must be in the live ledger or in a kept copy, or the
// restore must have been refused. Figures are printed for the README (Reliability).

const CONTACT_WORKER = path.join(import.meta.dirname, '../support/contact-worker.ts')
const APP_WORKER = path.join(import.meta.dirname, '../support/app-worker.ts')
const IN_USE = /台账文件正(被另一个程序|由“.+”（电脑 .+，用户 .+，进程 \d+，.+ 起）)使用/

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

async function preparedLedger(): Promise<{ file: string; categoryId: number; backup: string }> {
  const dir = tempDir('restore-race-')
  dirs.push(dir)
  const file = path.join(dir, 'ledger.sqlite')
  const ledger = await openLedger(file, { keys: commandLineTestKeys })
  await seedDefaults({ db: ledger.db, actor: { ...systemActor, name: '准备' }, now: () => new Date() })
  const categoryId = (await listCategories(ledger.db))[0]?.id ?? 1
  await ledger.close()
  const made = await ledgerCli('backup', '--db', file, '--out', path.join(dir, 'U盘'))
  expect(made.code, made.stderr).toBe(0)
  const backup = listBackupFiles(path.join(dir, 'U盘'))[0]?.file ?? ''
  return { file, categoryId, backup }
}

function names(file: string): Set<string> {
  const db = openWithTestKey(file, { readonly: true })
  try {
    return new Set(
      db
        .prepare('select name from visitors')
        .pluck()
        .all()
        .map((n) => String(n)),
    )
  } finally {
    db.close()
  }
}

const acked = (child: LineChild) => child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4))

describe('restoring while another process writes', () => {
  it('refuses the restore while another program has the ledger open, and loses no acknowledged call', { timeout: 240_000 }, async () => {
    const { file, categoryId, backup } = await preparedLedger()

    // Another account's app: the ledger open all along, registering calls.
    const keeper = startChild(CONTACT_WORKER, ['keep', file, String(categoryId), '长开'])
    await keeper.waitFor(/^ack /, 5)
    const whileOpen = await ledgerCli('restore', '--db', file, '--from', backup)
    // It goes on writing after the attempt: those calls must not vanish into a replaced file.
    await keeper.waitFor(/^ack /, acked(keeper).length + 10)
    const keeperEnd = await keeper.finish()
    expect(keeperEnd.stderr).toBe('')

    // The command line's way: open, write one call, close; restores in between.
    const each = startChild(CONTACT_WORKER, ['each', file, String(categoryId), '逐次', '60'])
    const restores: CliResult[] = []
    let done = false
    void each.exited.then(() => (done = true))
    while (!done && restores.length < 4) {
      await each.waitFor(/^ack /, 8 + restores.length * 12)
      if (!done) restores.push(await ledgerCli('restore', '--db', file, '--from', backup))
    }
    const eachEnd = await each.exited
    expect(eachEnd.stderr).toBe('')
    // With nobody writing, the restore goes through, keeping what was there.
    const alone = await ledgerCli('restore', '--db', file, '--from', backup)
    expect(alone.code, alone.stderr).toBe(0)
    restores.push(alone)

    const kept = listBackupFiles(path.join(path.dirname(file), 'backups')).filter((b) => b.kind === 'pre-restore')
    const held = new Set([...names(file), ...kept.flatMap((b) => [...names(b.file)])])
    const all = [...acked(keeper), ...acked(each)]
    const lost = all.filter((n) => !held.has(n))
    const refused = [whileOpen, ...restores].filter((r) => r.code !== 0)
    console.log(
      `恢复与写入并发演练：确认登记 ${all.length} 条（长开程序 ${acked(keeper).length} 条，逐次写入 ${acked(each).length} 条），` +
        `恢复 ${restores.length + 1} 次（完成 ${restores.length + 1 - refused.length} 次，拒绝 ${refused.length} 次），丢失 ${lost.length} 条`,
    )
    expect(lost).toEqual([])
    expect(whileOpen.code).toBe(2)
    expect(whileOpen.stderr).toMatch(IN_USE)
    for (const r of refused) expect(r.stderr).toMatch(IN_USE)
    const checked = await ledgerCli('check', '--db', file)
    expect(checked.code, checked.stdout + checked.stderr).toBe(0)
  })

  it('tells a second program who holds the ledger while the app has it open', { timeout: 120_000 }, async () => {
    const { file, categoryId, backup } = await preparedLedger()
    const app = startChild(APP_WORKER, [file])
    await app.waitFor(/^(ready|refused)/)
    expect(app.lines).toEqual(['ready'])

    const demo = await ledgerCli('demo', '--db', file, '--month', '2026-09')
    expect(demo.code).toBe(2)
    expect(demo.stderr).toMatch(/台账文件正由“接待日台账”（电脑 .+，用户 .+，进程 \d+，.+ 起）使用，不能同时写入/)
    const restore = await ledgerCli('restore', '--db', file, '--from', backup)
    expect(restore.code).toBe(2)
    expect(restore.stderr).toMatch(/台账文件正由“接待日台账”.*使用，需要独占台账的操作（如从备份恢复）不能进行/)
    const writer = startChild(CONTACT_WORKER, ['each', file, String(categoryId), '来电', '1'])
    await writer.waitFor(/^refused /)
    expect(writer.lines[0]).toMatch(/^refused 台账文件正由“接待日台账”/)
    // Reading is still allowed: IT staff may check or copy the ledger while the desk works.
    expect((await ledgerCli('summary', '--db', file, '--month', '2026-09')).code).toBe(0)

    // Once the app closes, the waiting writer goes ahead.
    await app.finish()
    await writer.exited
    expect(writer.lines.at(-1)).toBe('done')
    expect(names(file).has('来电-0')).toBe(true)
    expect((await ledgerCli('demo', '--db', file, '--month', '2026-09')).code).toBe(0)
  })
})
