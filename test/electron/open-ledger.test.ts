import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { otherPcKeys, testKeys, TEST_RECOVERY_PASSPHRASE } from '../support/keys'
import { setRecoveryPassphrase } from '../../db/keys/recovery'
import { setStaffPin } from '../../db/staff/operators'
import { listBackupFiles } from '../../db/backup/files'
import { LedgerError } from '../../db/core/errors'
import { openLedger } from '../../db/core/open'
import { getStaff, saveStaff, seedDefaults } from '../../db/reference/reference'
import { openChosenLedger, type AskRestore } from '../../electron/main/open-ledger'
import { actorOf, tempDir } from '../support/temp-ledger'

// What main does with the ledger file at start, without Electron: main passes in the dialog.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function place(): { dir: string; file: string } {
  const dir = tempDir('open-ledger-')
  dirs.push(dir)
  return { dir, file: path.join(dir, 'ledger.sqlite') }
}

const never: AskRestore = async () => {
  throw new Error('should not ask')
}

describe('opening the ledger at start', () => {
  it('creates a new ledger with its defaults and takes the day’s backup, once a day', async () => {
    const { dir, file } = place()
    const opened = await openChosenLedger({ file, isDefault: false }, never, { keys: testKeys() }, () => new Date(2026, 10, 10, 8))
    expect(opened.notices).toEqual([])
    expect(await opened.ledger.db.selectFrom('categories').select('id').execute()).not.toHaveLength(0)
    await opened.ledger.close()
    const again = await openChosenLedger({ file, isDefault: false }, never, { keys: testKeys() }, () => new Date(2026, 10, 10, 14))
    await again.ledger.close()
    expect(listBackupFiles(path.join(dir, 'backups')).map((b) => [b.kind, b.createdAt])).toEqual([['daily', '2026-11-10 08:00:00']])
  })

  it('opens without asking anyone, and reminds at every start until a supervisor sets the recovery passphrase', async () => {
    const { file } = place()
    const thisPc = { keys: testKeys('本机', null), retry: async () => null }
    const first = await openChosenLedger({ file, isDefault: false }, never, thisPc, () => new Date(2026, 10, 10, 8))
    expect(first.recoveryReminder).toMatch(/尚未设置恢复口令.*设置 → 加密与恢复口令/)
    const ctx = { db: first.ledger.db, actor: systemActor, now: () => new Date(2026, 10, 10, 8, 5) }
    const boss = await saveStaff(ctx, { name: '李建国', role: 'supervisor' })
    await setStaffPin({ ...ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: '8642' })
    await setRecoveryPassphrase(
      { ...ctx, actor: actorOf(await getStaff(ctx.db, boss.id)) },
      first.ledger,
      TEST_RECOVERY_PASSPHRASE,
      TEST_RECOVERY_PASSPHRASE,
    )
    await first.ledger.close()
    first.hold.release()
    const again = await openChosenLedger({ file, isDefault: false }, never, thisPc, () => new Date(2026, 10, 10, 14))
    expect(again.recoveryReminder).toBeNull()
    await again.ledger.close()
    again.hold.release()

    // Another Windows account or PC: asked once for the passphrase, then sealed there too.
    const asked: string[] = []
    const otherPc = {
      keys: otherPcKeys(null),
      retry: async (refusal: LedgerError) => {
        asked.push(refusal.message)
        return otherPcKeys(asked.length === 1 ? '不对的口令不对的口令' : TEST_RECOVERY_PASSPHRASE)
      },
    }
    const there = await openChosenLedger({ file, isDefault: false }, never, otherPc, () => new Date(2026, 10, 11, 8))
    expect(asked).toEqual([expect.stringMatching(/需要负责人保管的恢复口令/), expect.stringMatching(/恢复口令不正确/)])
    await there.ledger.close()
    there.hold.release()
    const thereAgain = await openChosenLedger(
      { file, isDefault: false },
      never,
      { keys: otherPcKeys(null) },
      () => new Date(2026, 10, 11, 9),
    )
    await thereAgain.ledger.close()
    thereAgain.hold.release()
  })

  it('reports a failed daily backup without stopping the desk', async () => {
    const { dir, file } = place()
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the folder should be')
    const opened = await openChosenLedger({ file, isDefault: false }, never, { keys: testKeys() })
    expect(opened.notices).toEqual([expect.stringMatching(/^今天的自动备份未能完成：.*设置 → 备份/)])
    await opened.ledger.close()
  })

  it('does not write to a damaged ledger: asks, and restores the newest good backup only on yes', async () => {
    const { dir, file } = place()
    const first = await openLedger(file, { keys: testKeys() })
    await seedDefaults({ db: first.db, actor: { ...systemActor, name: '测试' }, now: () => new Date() })
    await first.close()
    const setUp = await openChosenLedger({ file, isDefault: false }, never, { keys: testKeys() }, () => new Date(2026, 10, 9, 8))
    await setUp.ledger.close()
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096)
    fs.closeSync(fd)
    const damaged = fs.readFileSync(file)

    const asked: string[] = []
    const no: AskRestore = async (d) => {
      asked.push(d.message)
      return false
    }
    const e = await openChosenLedger({ file, isDefault: false }, no, { keys: testKeys() }).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LedgerError)
    expect(e instanceof LedgerError && e.code).toBe('ledger_damaged')
    expect(e instanceof LedgerError && e.message).toMatch(/您选择了不恢复，台账文件未作任何改动/)
    expect(asked[0]).toMatch(/台账文件已损坏[\s\S]*2026-11-09 08:00:00（每日自动备份）/)
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)

    const yes: AskRestore = async () => true
    const restored = await openChosenLedger({ file, isDefault: false }, yes, { keys: testKeys() }, () => new Date(2026, 10, 10, 8))
    expect(restored.ledger.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    const last = await restored.ledger.db.selectFrom('audit_log').select(['action', 'actor_name']).orderBy('id', 'desc').limit(2).execute()
    expect(last.map((r) => r.action)).toContain('restore')
    await restored.ledger.close()
    const kinds = listBackupFiles(path.join(dir, 'backups')).map((b) => b.kind)
    expect(kinds).toContain('damaged')
  })

  it('refuses, without asking, a damaged ledger that has no backup', async () => {
    const { file } = place()
    fs.writeFileSync(file, Buffer.alloc(4096, 0x42))
    const e = await openChosenLedger({ file, isDefault: false }, never, { keys: testKeys() }).catch((err: unknown) => err)
    expect(e instanceof LedgerError && e.message).toMatch(/没有找到可用的备份/)
  })
})
