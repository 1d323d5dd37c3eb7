import { systemActor } from '../../db/core/context'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow, backupOverview, setBackupFolder } from '../../db/backup/backup'
import { backupFileByName, restoreFromBackup, verifyBackupFile } from '../../db/backup/restore'
import { checkLedgerHealth, decideAtStartup, newestGoodBackup } from '../../db/backup/startup'
import {
  BACKUP_FOLDER_SETTING,
  defaultBackupFolder,
  ensureDailyBackup,
  listBackupFiles,
  rotateBackups,
  writeBackup,
} from '../../db/backup/files'
import { LedgerError } from '../../db/core/errors'
import { latestMigration, migrations } from '../../db/migrations'
import { ledgerIdOf } from '../../db/core/identity'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { getStaff, saveStaff } from '../../db/reference/reference'
import { acceptIssue, openDay } from '../support/desk'
import { refused } from '../support/refusals'
import { openWithTestKey, testKeys } from '../support/keys'
import { actorOf, openTempLedger, seedFixture, tempDir, type TestLedger } from '../support/temp-ledger'

const open: TestLedger[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const t of open.splice(0)) await t.close().catch(() => undefined)
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function ledgerWithData(): Promise<TestLedger> {
  const t = await openTempLedger('2026-11-10 09:00:00')
  open.push(t)
  const f = await seedFixture(t)
  const day = await openDay(t, f, '2026-11-10')
  await acceptIssue(t, f, day.id)
  await acceptIssue(t, f, day.id, '夜间搅拌站噪声')
  return t
}

function count(file: string, table: string): number {
  const db = openWithTestKey(file, { readonly: true })
  try {
    return Number(db.prepare(`select count(*) from ${table}`).pluck().get())
  } finally {
    db.close()
  }
}

/** Overwrites part of a file, as a failing disk or a bad copy would. */
function damage(file: string, offset: number, length: number): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset)
  } finally {
    fs.closeSync(fd)
  }
}

describe('writing a backup', () => {
  it('makes a self-contained, verified copy with every record, named by its ledger, time and kind', async () => {
    const t = await ledgerWithData()
    const id = ledgerIdOf(t.ledger.sqlite)
    const b = await writeBackup(t.ledger.sqlite, path.join(t.dir, 'backups'), 'manual', new Date(2026, 10, 10, 8, 30, 12))
    expect(b).toMatchObject({
      name: `ledger-${id}-20261110-083012-manual.sqlite`,
      ledgerId: id,
      kind: 'manual',
      kindLabel: '手动备份',
      createdAt: '2026-11-10 08:30:12',
    })
    expect(b.size).toBeGreaterThan(0)
    expect(count(b.file, 'issues')).toBe(2)
    expect(count(b.file, 'audit_log')).toBe(count(t.file, 'audit_log'))
    // Rollback journal, not WAL: the single file is the whole backup.
    const copy = openWithTestKey(b.file, { readonly: true })
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    copy.close()
    expect(fs.readdirSync(path.dirname(b.file)).sort()).toEqual([b.name, `${b.name}.json`])
    expect(verifyBackupFile(b.file, migrations, testKeys())).toMatchObject({
      version: latestMigration,
      ledgerId: id,
      auditHead: { ledgerId: id },
    })

    const second = await writeBackup(t.ledger.sqlite, path.join(t.dir, 'backups'), 'manual', new Date(2026, 10, 10, 8, 30, 12))
    expect(second.name).toBe(`ledger-${id}-20261110-083012-2-manual.sqlite`)
    expect(listBackupFiles(path.join(t.dir, 'backups')).map((x) => x.name)).toEqual([second.name, b.name])
  })

  it('never lists a half-written copy and says so in Chinese when the folder cannot be written', async () => {
    const t = await ledgerWithData()
    const folder = path.join(t.dir, 'backups')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'ledger-20261110-083012-daily.sqlite.partial'), 'half')
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'x')
    expect(listBackupFiles(folder)).toEqual([])
    const blocked = path.join(t.dir, 'a-file')
    fs.writeFileSync(blocked, 'not a folder')
    const e = await refused(writeBackup(t.ledger.sqlite, path.join(blocked, 'sub'), 'manual', new Date()))
    expect(e.code).toBe('backup_failed')
    expect(e.message).toMatch(/备份失败.*台账本身未受影响/)
  })

  it('keeps 14 days of routine copies and the newest of each of 12 months, never the upgrade copies', () => {
    const folder = tempDir('rotation-')
    dirs.push(folder)
    const names: string[] = []
    // Two routine copies a day for 400 days, plus one pre-migration copy long ago.
    for (let i = 0; i < 400; i++) {
      const d = new Date(2026, 10, 10 - i)
      const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`
      names.push(`ledger-${ymd}-083000-daily.sqlite`, `ledger-${ymd}-170000-manual.sqlite`)
    }
    names.push('ledger-20250101-090000-pre-migration.sqlite', 'ledger-20250102-090000-damaged.sqlite')
    for (const n of names) fs.writeFileSync(path.join(folder, n), 'x')
    const stale = path.join(folder, 'ledger-20261101-083000-daily.sqlite.partial')
    fs.writeFileSync(stale, 'half')
    fs.utimesSync(stale, new Date(2026, 10, 1), new Date(2026, 10, 1))

    rotateBackups(folder, new Date(2026, 10, 10, 18), null)
    const kept = listBackupFiles(folder)
    const routine = kept.filter((b) => b.kind === 'daily' || b.kind === 'manual')
    const days = new Set(routine.map((b) => b.createdAt.slice(0, 10)))
    const months = new Set(routine.map((b) => b.createdAt.slice(0, 7)))
    // 14 recent days (Oct 28 – Nov 10), plus the month-ends of Sep 2026 back to Dec 2025.
    expect(days.size).toBe(14 + 10)
    expect(months.size).toBe(12)
    expect(routine.filter((b) => b.createdAt >= '2026-10-28')).toHaveLength(28)
    // The monthly copy is the month's newest: the 17:00 manual copy of its last day.
    expect(routine.map((b) => b.name)).toContain('ledger-20260930-170000-manual.sqlite')
    expect(routine.map((b) => b.name)).not.toContain('ledger-20260930-083000-daily.sqlite')
    expect(routine.map((b) => b.createdAt).sort()[0]).toBe('2025-12-31 17:00:00')
    expect(kept.map((b) => b.kind)).toContain('pre-migration')
    expect(kept.map((b) => b.kind)).toContain('damaged')
    expect(fs.existsSync(stale)).toBe(false)
  })

  it('takes the daily copy at the first start of a day only, and falls back when the chosen folder is gone', async () => {
    const t = await ledgerWithData()
    const first = await ensureDailyBackup(t.ledger.sqlite, t.file, new Date(2026, 10, 10, 8))
    expect(first.backup?.kind).toBe('daily')
    expect((await ensureDailyBackup(t.ledger.sqlite, t.file, new Date(2026, 10, 10, 15))).backup).toBeNull()
    expect((await ensureDailyBackup(t.ledger.sqlite, t.file, new Date(2026, 10, 11, 8))).backup?.createdAt).toBe('2026-11-11 08:00:00')

    // A USB folder that is not plugged in: the copy goes next to the ledger, and says why.
    const usb = path.join(t.dir, 'usb-file')
    fs.writeFileSync(usb, 'x')
    t.ledger.sqlite.prepare('insert into settings (key, value) values (?, ?)').run(BACKUP_FOLDER_SETTING, path.join(usb, '台账备份'))
    const fallback = await ensureDailyBackup(t.ledger.sqlite, t.file, new Date(2026, 10, 12, 8))
    expect(fallback.fallbackReason).toMatch(/备份失败/)
    expect(path.dirname(fallback.backup?.file ?? '')).toBe(defaultBackupFolder(t.file))
    expect((await ensureDailyBackup(t.ledger.sqlite, t.file, new Date(2026, 10, 12, 9))).backup).toBeNull()
  })
})

describe('backup before an upgrade', () => {
  const next: Migration = {
    async up(db: Kysely<unknown>) {
      await sql`alter table visits add column drill text`.execute(db)
    },
  }

  it('copies a ledger with data before migrating it, and not a new or up-to-date one', async () => {
    const t = await ledgerWithData()
    const folder = path.join(t.dir, 'backups')
    expect(listBackupFiles(folder)).toEqual([])
    await t.ledger.close()
    const again = await openLedger(t.file, { keys: testKeys() })
    await again.close()
    expect(listBackupFiles(folder)).toEqual([])
    const upgraded = await openLedger(t.file, {
      keys: testKeys(),
      migrations: { ...migrations, '9999_next': next },
      now: () => new Date(2026, 10, 10, 7),
    })
    await upgraded.close()
    const [copy] = listBackupFiles(folder)
    expect(copy).toMatchObject({ kind: 'pre-migration', createdAt: '2026-11-10 07:00:00' })
    expect(verifyBackupFile(copy?.file ?? '', migrations, testKeys()).version).toBe(latestMigration)
    expect(count(copy?.file ?? '', 'issues')).toBe(2)
    open.splice(0)
    fs.rmSync(t.dir, { recursive: true, force: true })
  })

  it('does not upgrade when no copy can be made', async () => {
    const t = await ledgerWithData()
    await t.ledger.close()
    open.splice(0)
    dirs.push(t.dir)
    // The default folder's place is taken by a file, and no other folder is set.
    fs.writeFileSync(path.join(t.dir, 'backups'), 'in the way')
    const e = await refused(openLedger(t.file, { keys: testKeys(), migrations: { ...migrations, '9999_next': next } }))
    expect(e.code).toBe('migration_failed')
    expect(e.message).toMatch(/升级前的备份未能完成.*没有升级/)
    const db = openWithTestKey(t.file, { readonly: true })
    expect(ledgerVersion(db)).toBe(latestMigration)
    db.close()
  })
})

describe('restoring', () => {
  it('replaces the ledger with a backup, keeps a copy of the replaced one, and records the restore', async () => {
    const t = await ledgerWithData()
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 10))
    // Work done after the backup, which the restore takes back.
    const leader = actorOf(await getStaff(t.ctx.db, 2))
    const f = { id: 0 }
    f.id = (await saveStaff({ ...t.ctx, actor: leader }, { name: '后来的人' })).id
    const { ledger, result } = await restoreFromBackup({
      current: t.ledger,
      file: t.file,
      backupFile: b.file,
      now: () => new Date(2026, 10, 10, 11),
      actor: leader,
    })
    t.ledger = ledger
    expect(result).toMatchObject({ restoredFrom: b.name, schemaVersion: latestMigration, operator: null })
    expect(result.keptCopy?.kind).toBe('pre-restore')
    expect(await ledger.db.selectFrom('staff').select('name').where('id', '=', f.id).executeTakeFirst()).toBeUndefined()
    // The kept copy is the ledger as it was, including the work after the backup.
    expect(count(result.keptCopy?.file ?? '', 'staff')).toBe(4)
    const last = await ledger.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(last).toMatchObject({ action: 'restore', entity: 'ledger', actor_name: '李建国' })
    expect(JSON.parse(last.detail)).toMatchObject({
      from: b.name,
      keptCopy: result.keptCopy?.name,
      restoredHead: { id: expect.any(Number) },
    })
    expect(ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('refuses a damaged file, a file that is not a ledger, and a ledger from a newer version, changing nothing', async () => {
    const t = await ledgerWithData()
    const folder = path.join(t.dir, 'backups')
    const good = await backupNow(t.ledger, new Date(2026, 10, 10, 10))
    const bad = path.join(folder, 'ledger-20261110-100000-2-manual.sqlite')
    fs.copyFileSync(good.file, bad)
    damage(bad, 8192, 4096)
    const notLedger = path.join(folder, 'ledger-20261110-100000-3-manual.sqlite')
    new Database(notLedger).exec('create table x (y)')
    const newer = path.join(folder, 'ledger-20261110-100000-4-manual.sqlite')
    fs.copyFileSync(good.file, newer)
    fs.copyFileSync(`${good.file}.json`, `${newer}.json`)
    const n = openWithTestKey(newer)
    n.prepare('insert into ledger_migration (name, timestamp) values (?, ?)').run('9999_future', '2030-01-01')
    n.close()

    const before = fs.readFileSync(t.file)
    const attempt = (file: string) =>
      refused(restoreFromBackup({ current: t.ledger, file: t.file, backupFile: file, now: () => new Date(), actor: systemActor }))
    expect((await attempt(bad)).message).toMatch(/备份文件已损坏|不是有效的台账/)
    expect((await attempt(notLedger)).message).toMatch(/不是接待日台账的备份/)
    expect((await attempt(newer)).message).toMatch(/更新版本/)
    expect((await attempt(path.join(folder, 'missing.sqlite'))).code).toBe('not_found')
    expect(fs.readFileSync(t.file).equals(before)).toBe(true)
    expect(listBackupFiles(folder).filter((b) => b.kind === 'pre-restore')).toEqual([])
  })

  it('accepts only plain names from the backup folder', async () => {
    const t = await ledgerWithData()
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 10))
    const folder = path.dirname(b.file)
    expect(backupFileByName(folder, b.name)).toBe(b.file)
    for (const name of ['../ledger.sqlite', `../backups/${b.name}`, '/etc/passwd', 'ledger.sqlite', '', `${b.name}\u0000`]) {
      expect(() => backupFileByName(folder, name)).toThrow(LedgerError)
    }
  })
})

describe('backup folder setting', () => {
  it('takes an absolute folder it can write, refuses others, and goes back to the default on null', async () => {
    const t = await ledgerWithData()
    t.ctx.actor = actorOf(await getStaff(t.ctx.db, 2))
    const usb = path.join(t.dir, 'U盘', '台账备份')
    const set = await setBackupFolder(t.ctx, t.ledger, usb)
    expect(set).toMatchObject({ folder: usb, isDefault: false, keepDays: 14, keepMonths: 12 })
    await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    expect(backupOverview(t.ledger).backups).toHaveLength(1)
    expect(fs.readdirSync(usb).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1)

    for (const bad of ['相对/路径', path.dirname(t.file), `${usb}\u0007`]) {
      await expect(setBackupFolder(t.ctx, t.ledger, bad)).rejects.toThrow(LedgerError)
    }
    const blocked = path.join(t.dir, 'blocked')
    fs.writeFileSync(blocked, 'x')
    expect((await refused(setBackupFolder(t.ctx, t.ledger, path.join(blocked, 'sub')))).code).toBe('backup_folder_unusable')
    expect(backupOverview(t.ledger).folder).toBe(usb)

    const back = await setBackupFolder(t.ctx, t.ledger, null)
    expect(back).toMatchObject({ folder: defaultBackupFolder(t.file), isDefault: true })
    const audits = await t.ledger.db.selectFrom('audit_log').select('detail').where('action', '=', 'set_backup_folder').execute()
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { before: null, after: usb },
      { before: usb, after: null },
    ])
  })
})

describe('start-up check', () => {
  it('opens a sound or new ledger, and offers the newest good backup for a damaged one', async () => {
    const t = await ledgerWithData()
    const folder = path.join(t.dir, 'backups')
    expect(decideAtStartup(path.join(t.dir, 'new.sqlite'), migrations, testKeys())).toEqual({ action: 'open' })
    const older = await backupNow(t.ledger, new Date(2026, 10, 9, 17))
    const newest = await backupNow(t.ledger, new Date(2026, 10, 10, 8))
    damage(newest.file, 4096 * 3, 4096)
    await t.ledger.close()
    open.splice(0)
    dirs.push(t.dir)
    expect(decideAtStartup(t.file, migrations, testKeys())).toEqual({ action: 'open' })

    damage(t.file, 4096 * 2, 8192)
    expect(checkLedgerHealth(t.file, testKeys()).state).toBe('damaged')
    const id = older.ledgerId
    expect(newestGoodBackup([folder], id, migrations, testKeys())?.name).toBe(older.name)
    const decision = decideAtStartup(t.file, migrations, testKeys())
    expect(decision.action).toBe('offer-restore')
    if (decision.action !== 'offer-restore') return
    expect(decision.backup.name).toBe(older.name)
    expect(decision.message).toMatch(/台账文件已损坏.*不会以写入方式打开/)
    expect(decision.message).toContain('2026-11-09 17:00:00')

    const damagedBytes = fs.readFileSync(t.file)
    const { ledger, result } = await restoreFromBackup({
      current: null,
      file: t.file,
      backupFile: decision.backup.file,
      now: () => new Date(2026, 10, 10, 9),
      keys: testKeys(),
      // Start-up restores with the system capability: a damaged ledger cannot say who may.
      actor: { ...systemActor, name: '系统（启动时从备份恢复）' },
    })
    expect(result.keptCopy?.kind).toBe('damaged')
    expect(fs.readFileSync(result.keptCopy?.file ?? '').equals(damagedBytes)).toBe(true)
    expect(ledger.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    expect(await ledger.db.selectFrom('issues').select('number').execute()).toHaveLength(2)
    await ledger.close()
    // The damaged copy is kept for inspection but never offered for a restore.
    expect(newestGoodBackup([folder], id, migrations, testKeys())?.name).toBe(older.name)
  })

  it('refuses, with no backup to offer, a file that is not a database at all', () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    fs.writeFileSync(file, Buffer.alloc(8192, 0x41))
    const decision = decideAtStartup(file, migrations, testKeys())
    expect(decision).toMatchObject({ action: 'refuse', title: '台账文件已损坏' })
    expect(decision.action === 'refuse' && decision.message).toMatch(/没有找到可用的备份/)
  })
})
