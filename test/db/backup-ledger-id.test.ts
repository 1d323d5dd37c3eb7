import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow, backupOverview } from '../../db/backup/backup'
import { restoreFromBackup } from '../../db/backup/restore'
import { decideAtStartup } from '../../db/backup/startup'
import { ensureDailyBackup, listBackupFiles } from '../../db/backup/files'
import { readManifest } from '../../db/backup/manifest'
import { ledgerIdOf } from '../../db/core/identity'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { seedDefaults } from '../../db/reference/reference'
import { refused } from '../support/refusals'
import { tempDir } from '../support/temp-ledger'

// Two ledgers in one folder (a training copy beside the real one, two bureaus on one PC) share
// the default backup folder. Each backup carries its ledger's own id, in its name and in its
// manifest, and every decision about backups matches on it.

const dirs: string[] = []
const open: LocalLedger[] = []
afterEach(async () => {
  for (const l of open.splice(0)) await l.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function twoLedgersInOneFolder(): Promise<{ dir: string; a: LocalLedger; b: LocalLedger }> {
  const dir = tempDir('two-ledgers-')
  dirs.push(dir)
  const ledgers: LocalLedger[] = []
  for (const name of ['ledger.sqlite', 'training.sqlite']) {
    const l = await openLedger(path.join(dir, name))
    await seedDefaults({ db: l.db, actor: { ...systemActor, name: '准备' }, now: () => new Date(2026, 10, 9) })
    ledgers.push(l)
    open.push(l)
  }
  const [a, b] = ledgers
  if (!a || !b) throw new Error('two ledgers')
  return { dir, a, b }
}

/** Overwrites part of a file, as a failing disk would. */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+')
  fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096 * 2)
  fs.closeSync(fd)
}

describe('backups tied to their ledger', () => {
  it('gives each of two ledgers in one folder its own daily backup', async () => {
    const { dir, a, b } = await twoLedgersInOneFolder()
    const morning = new Date(2026, 10, 10, 8)
    expect((await ensureDailyBackup(a.sqlite, a.file, morning)).backup?.ledgerId).toBe(ledgerIdOf(a.sqlite))
    // The first ledger's copy of today is not the second's.
    const second = await ensureDailyBackup(b.sqlite, b.file, new Date(2026, 10, 10, 8, 5))
    expect(second.backup?.ledgerId).toBe(ledgerIdOf(b.sqlite))
    expect((await ensureDailyBackup(b.sqlite, b.file, new Date(2026, 10, 10, 15))).backup).toBeNull()
    const folder = path.join(dir, 'backups')
    expect(
      listBackupFiles(folder)
        .map((x) => x.ledgerId)
        .sort(),
    ).toEqual([ledgerIdOf(a.sqlite), ledgerIdOf(b.sqlite)].sort())
    expect(ledgerIdOf(a.sqlite)).not.toBe(ledgerIdOf(b.sqlite))
    // Each one's 设置 → 备份 lists its own copies only.
    expect(backupOverview(b).backups.map((x) => x.name)).toEqual([second.backup?.name])
  })

  it('writes the ledger id, its file and the audit log head into each backup’s manifest', async () => {
    const { a } = await twoLedgersInOneFolder()
    const made = await backupNow(a, new Date(2026, 10, 10, 12))
    const last = a.sqlite.prepare('select id, hash, at from audit_log order by id desc limit 1').get()
    expect(made.name).toMatch(new RegExp(`^ledger-${ledgerIdOf(a.sqlite)}-20261110-120000-manual\\.sqlite$`))
    expect(readManifest(made.file)).toEqual({
      manifest: '接待日台账备份清单',
      version: 1,
      ledgerId: ledgerIdOf(a.sqlite),
      ledgerFile: a.file,
      kind: 'manual',
      createdAt: '2026-11-10 12:00:00',
      schemaVersion: expect.stringMatching(/^\d{4}_/),
      auditHead: { ledgerId: ledgerIdOf(a.sqlite), ...(last !== null && typeof last === 'object' ? last : {}) },
    })
  })

  it('offers a damaged ledger only its own backups, never the newer one of the ledger beside it', async () => {
    const { a, b } = await twoLedgersInOneFolder()
    const own = await backupNow(b, new Date(2026, 10, 9, 17))
    const neighbours = await backupNow(a, new Date(2026, 10, 10, 8))
    await b.close()
    open.splice(open.indexOf(b), 1)
    damage(b.file)
    const decision = decideAtStartup(b.file)
    expect(decision).toMatchObject({ action: 'offer-restore', backup: { name: own.name } })
    expect(JSON.stringify(decision)).not.toContain(neighbours.name)
  })

  it('offers nothing, and says why, when a ledger too damaged to name itself shares a folder with other ledgers’ copies', async () => {
    const { a, b } = await twoLedgersInOneFolder()
    await backupNow(a, new Date(2026, 10, 10, 8))
    await b.close()
    open.splice(open.indexOf(b), 1)
    fs.writeFileSync(b.file, Buffer.alloc(8192, 0x42))
    const decision = decideAtStartup(b.file)
    expect(decision.action).toBe('refuse')
    expect(decision.action === 'refuse' && decision.message).toMatch(/无法确认该台账的编号，因此不能判断哪份备份属于它/)
  })

  it('refuses to restore one ledger from another ledger’s backup, changing nothing', async () => {
    const { a, b } = await twoLedgersInOneFolder()
    const neighbours = await backupNow(a, new Date(2026, 10, 10, 8))
    const before = fs.readFileSync(b.file)
    const e = await refused(
      restoreFromBackup({
        current: b,
        file: b.file,
        backupFile: neighbours.file,
        now: () => new Date(),
        actor: { ...systemActor, name: '命令行' },
      }),
    )
    expect(e.code).toBe('backup_other_ledger')
    expect(e.message).toBe(
      `该备份属于另一本台账（编号 ${ledgerIdOf(a.sqlite)}），不能用来恢复这本台账（编号 ${ledgerIdOf(b.sqlite)}）：${neighbours.name}。台账未作任何改动。`,
    )
    expect(fs.readFileSync(b.file).equals(before)).toBe(true)
  })

  it('names the copy taken before the upgrade that gave a ledger its id as that ledger’s, and a restore of it keeps the id', async () => {
    const dir = tempDir('upgrade-id-')
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: '0005_appointments' })
    await seedDefaults({ db: old.db, actor: { ...systemActor, name: '准备' }, now: () => new Date() })
    await old.close()
    const upgraded = await openLedger(file, { now: () => new Date(2026, 10, 10, 7) })
    open.push(upgraded)
    const id = ledgerIdOf(upgraded.sqlite)
    const [copy] = listBackupFiles(path.join(dir, 'backups'))
    expect(copy).toMatchObject({ kind: 'pre-migration', ledgerId: id, name: `ledger-${id}-20261110-070000-pre-migration.sqlite` })
    expect(readManifest(copy?.file ?? '')?.ledgerId).toBe(id)

    // The copy itself is from before ids; restored, the ledger is still the same ledger.
    const { ledger } = await restoreFromBackup({
      current: upgraded,
      file,
      backupFile: copy?.file ?? '',
      now: () => new Date(),
      actor: { ...systemActor, name: '命令行' },
    })
    open.splice(open.indexOf(upgraded), 1, ledger)
    expect(ledgerIdOf(ledger.sqlite)).toBe(id)
  })
})
