import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLedger } from '../../db/core/open'
import { search } from '../../db/search/search'
import { checkSearchIndex } from '../../db/search/sqlite-index'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('upgrading a ledger to the search version (0002)', () => {
  it('indexes the visitors, enterprises and issues the ledger already held', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: '0001_initial' })
    const at = '2026-11-10 09:00:00'
    // Rows as version 0001 wrote them, straight into its tables.
    old.sqlite.exec(`
      insert into categories (id, name, time_limit_days, created_at) values (1, '水', 15, '${at}');
      insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values (1, '2026-11-10', 'public', '接待日', '接待室', 'open', '${at}', '${at}');
      insert into organizations (id, name, credit_code, created_at, updated_at) values (1, '青山化工有限公司', '91350100M000100Y43', '${at}', '${at}');
      insert into visitors (id, name, kind, organization_id, created_at, updated_at) values (1, '陈志强', 'enterprise', 1, '${at}', '${at}');
      insert into visits (id, session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, created_at) values (1, 1, 1, 1, 1, '2026-11-10', '${at}', '${at}');
      insert into matters (id, visit_id, type, category_id, content, place, created_at) values (1, 1, 'issue', 1, '厂区排口出现黑臭废水', '城东工业园', '${at}');
      insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, created_at, updated_at)
        values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'assigned', 1, '2026-11-10', '2026-12-01', '${at}', '${at}');
      insert into issue_history (issue_id, action, from_status, to_status, at) values (1, 'accept', null, 'accepted', '${at}'), (1, 'assign', 'accepted', 'assigned', '2026-11-11 10:00:00');
    `)
    await old.close()

    const upgraded = await openLedger(file)
    const r = await search(upgraded.db, '黑臭废水')
    expect(r.issues.map((h) => h.number.text)).toEqual(['JD-2026-11-0001'])
    expect((await search(upgraded.db, '青山化工')).organizations.map((o) => o.id)).toEqual([1])
    expect((await search(upgraded.db, '陈志强')).visitors.map((v) => v.id)).toEqual([1])
    expect(checkSearchIndex(upgraded.sqlite)).toEqual([])
    // An issue's updated_at is never older than its last history row from now on, old rows included.
    expect(upgraded.sqlite.prepare('select updated_at from issues where id = 1').pluck().get()).toBe('2026-11-11 10:00:00')
    await upgraded.close()
  })

  it('keeps an issue updated_at no older than its last history row, whoever writes the row', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const l = await openLedger(path.join(dir, 'ledger.sqlite'))
    const at = '2026-11-10 09:00:00'
    l.sqlite.exec(`
      insert into categories (id, name, time_limit_days, created_at) values (1, '水', 15, '${at}');
      insert into visitors (id, name, kind, created_at, updated_at) values (1, '张三', 'resident', '${at}', '${at}');
      insert into visits (id, visitor_id, headcount, visit_date, arrived_at, created_at) values (1, 1, 1, '2026-11-10', '${at}', '${at}');
      insert into matters (id, visit_id, type, category_id, content, created_at) values (1, 1, 'issue', 1, '烟囱冒黑烟', '${at}');
      insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, created_at, updated_at)
        values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'accepted', 1, '2026-11-10', '2026-12-01', '${at}', '${at}');
      insert into issue_history (issue_id, action, from_status, to_status, at) values (1, 'void', 'accepted', 'accepted', '2026-12-03 08:00:00');
      insert into issue_history (issue_id, action, from_status, to_status, at) values (1, 'note', 'accepted', 'accepted', '2026-12-02 08:00:00');
    `)
    expect(l.sqlite.prepare('select updated_at from issues where id = 1').pluck().get()).toBe('2026-12-03 08:00:00')
    await l.close()
  })
})
