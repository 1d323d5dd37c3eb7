import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { migrations } from '../../db/migrations'
import { tempDir } from '../support/temp-ledger'

const THIS = '0009_month_close_and_calendar_years'
const names = Object.keys(migrations).sort()
const previous = names[names.indexOf(THIS) - 1] ?? ''

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('upgrading a ledger to the month-close and calendar-years version (0009)', () => {
  it('keeps the rows the previous version held and adds the two empty tables', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: previous })
    expect(ledgerVersion(old.sqlite)).toBe(previous)
    const at = '2026-11-10 09:00:00'
    old.sqlite.exec(`
      insert into staff (id, name, role, created_at) values (1, '李建国', 'supervisor', '${at}');
      insert into holiday_overrides (date, kind, name, created_at) values ('2027-01-01', 'holiday', '元旦', '${at}');
      insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values (1, '2026-11-10', 'public', '接待日', '接待室', 'closed', '${at}', '${at}');
    `)
    await old.close()

    const upgraded = await openLedger(file)
    expect(ledgerVersion(upgraded.sqlite) >= THIS).toBe(true)
    expect(upgraded.sqlite.prepare('select date, kind, name from holiday_overrides').all()).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ])
    expect(upgraded.sqlite.prepare('select count(*) from sessions').pluck().get()).toBe(1)
    expect(upgraded.sqlite.prepare('select count(*) from month_closes').pluck().get()).toBe(0)
    expect(upgraded.sqlite.prepare('select count(*) from calendar_years').pluck().get()).toBe(0)
    await upgraded.close()
  })

  it('allows one open close per month, and a reopened one only with who and why', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const l = await openLedger(path.join(dir, 'ledger.sqlite'))
    const at = '2026-12-01 09:00:00'
    l.sqlite.exec(`insert into staff (id, name, role, created_at) values (1, '李建国', 'supervisor', '${at}')`)
    const close = l.sqlite.prepare(
      `insert into month_closes (month, closed_at, closed_by_id, closed_by_name, snapshot, audit_head_hash) values ('2026-11', '${at}', 1, '李建国', '{}', 'x')`,
    )
    close.run()
    expect(() => close.run()).toThrow(/UNIQUE/)
    expect(() => l.sqlite.exec(`update month_closes set reopened_at = '${at}'`)).toThrow(/CHECK/)
    l.sqlite.exec(
      `update month_closes set reopened_at = '${at}', reopened_by_id = 1, reopened_by_name = '李建国', reopen_reason = '补录回访'`,
    )
    close.run()
    expect(l.sqlite.prepare('select count(*) from month_closes').pluck().get()).toBe(2)
    expect(() =>
      l.sqlite.exec(`insert into calendar_years (year, source, confirmed_at, confirmed_by_name) values (2027, 'guess', '${at}', 'x')`),
    ).toThrow(/CHECK/)
    await l.close()
  })
})
