import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { latestMigration } from '../../db/migrations'
import { hashPin } from '../../db/staff/pin'
import { tempDir } from '../support/temp-ledger'

// 0006_initial_pins: a PIN set by someone else lets its owner in once, to choose their own.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('migration 0006_initial_pins', () => {
  it('keeps every person and PIN from 0005, each PIN counted as its owner’s own', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: '0005_appointments' })
    const hash = await hashPin('8642')
    const insert = old.sqlite.prepare('insert into staff (name, role, pin_hash, created_at) values (?, ?, ?, ?)')
    insert.run('李建国', 'supervisor', hash, '2026-11-01 08:00:00')
    insert.run('王晓丽', 'desk', null, '2026-11-01 08:00:00')
    const before = old.sqlite.prepare('select id, name, role, pin_hash from staff order by id').all()
    await old.close()

    const upgraded = await openLedger(file, { backupBeforeMigration: false })
    expect(ledgerVersion(upgraded.sqlite)).toBe(latestMigration)
    expect(upgraded.sqlite.prepare('select id, name, role, pin_hash from staff order by id').all()).toEqual(before)
    expect(upgraded.sqlite.prepare('select pin_initial from staff order by id').pluck().all()).toEqual([0, 0])
    expect(() => upgraded.sqlite.prepare("update staff set pin_initial = 2 where name = '李建国'").run()).toThrow(/CHECK/)
    await upgraded.close()
  })
})
