import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { migrations } from '../../db/migrations'
import { tempDir } from '../support/temp-ledger'

const THIS = '0012_session_rules'
const names = Object.keys(migrations).sort()
const previous = names[names.indexOf(THIS) - 1] ?? ''

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function upgradedLedger() {
  const dir = tempDir()
  dirs.push(dir)
  const file = path.join(dir, 'ledger.sqlite')
  const old = await openLedger(file, { migrateTo: previous })
  expect(ledgerVersion(old.sqlite)).toBe(previous)
  const at = '2026-11-10 09:00:00'
  old.sqlite.exec(`
    insert into sessions (id, date, kind, title, location, status, max_bookings, created_at, updated_at)
    values (1, '2026-11-26', 'enterprise', '接待日', '窗口', 'planned', 6, '${at}', '${at}');
  `)
  await old.close()
  return openLedger(file)
}

describe('upgrading a ledger to the reception-day rules version (0012)', () => {
  it('keeps the days the previous version held, with no rule date, and adds an empty rules table', async () => {
    const upgraded = await upgradedLedger()
    expect(ledgerVersion(upgraded.sqlite) >= THIS).toBe(true)
    expect(upgraded.sqlite.prepare('select id, date, max_bookings, rule_date from sessions').all()).toEqual([
      { id: 1, date: '2026-11-26', max_bookings: 6, rule_date: null },
    ])
    expect(upgraded.sqlite.prepare('select count(*) from session_rules').pluck().get()).toBe(0)
    await upgraded.close()
  })

  it('holds one rule per kind and only the listed codes', async () => {
    const upgraded = await upgradedLedger()
    const insert = upgraded.sqlite.prepare(
      `insert into session_rules (kind, nth, weekday, holiday_shift, location, created_at, updated_at) values (?, ?, ?, ?, '窗口', '2026-11-10', '2026-11-10')`,
    )
    insert.run('enterprise', 'fourth', 'thu', 'next_workday')
    expect(() => insert.run('enterprise', 'last', 'tue', 'none')).toThrow(/UNIQUE/)
    expect(() => insert.run('public', 'sixth', 'thu', 'none')).toThrow(/CHECK/)
    expect(() => insert.run('public', 'first', 'thursday', 'none')).toThrow(/CHECK/)
    expect(() => insert.run('public', 'first', 'thu', 'skip')).toThrow(/CHECK/)
    await upgraded.close()
  })
})
