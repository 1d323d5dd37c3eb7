import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLedger } from '../../db/core/open'
import { listIssues } from '../../db/issues/queries'
import { getIssueDetail } from '../../db/issues/detail'
import { migrations } from '../../db/migrations'
import { checkSearchIndex } from '../../db/search/sqlite-index'
import { field } from '../support/dispatch'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const names = Object.keys(migrations).sort()
const before = names[names.indexOf('0011_petitions') - 1] ?? ''

describe('upgrading a ledger to 来源 and 办理程序 (0011)', () => {
  it('gives every issue the source its visit’s channel names, keeps it 一般问题, and keeps every row', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: before })
    const at = '2026-11-10 09:00:00'
    // Rows as the version before wrote them, straight into its tables: a desk visit and a letter.
    old.sqlite.exec(`
      insert into categories (id, name, time_limit_days, created_at) values (1, '水', 15, '${at}');
      insert into visitors (id, name, kind, created_at, updated_at) values (1, '张三', 'resident', '${at}', '${at}');
      insert into visits (id, visitor_id, headcount, visit_date, arrived_at, channel, created_at)
        values (1, 1, 1, '2026-11-10', '${at}', 'desk', '${at}'), (2, 1, 1, '2026-11-10', '${at}', 'letter', '${at}');
      insert into matters (id, visit_id, type, category_id, content, created_at)
        values (1, 1, 'issue', 1, '烟囱冒黑烟', '${at}'), (2, 2, 'issue', 1, '河道发黑发臭', '${at}');
      insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, created_at, updated_at)
        values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'accepted', 1, '2026-11-10', '2026-12-01', '${at}', '${at}'),
               (2, 2, 'JD-2026-11-0002', '2026-11', 2, 'accepted', 1, '2026-11-10', '2026-12-01', '${at}', '${at}');
    `)
    const counts = (l: typeof old) =>
      ['categories', 'visitors', 'visits', 'matters', 'issues', 'issue_history', 'audit_log'].map((table) =>
        l.sqlite.prepare(`select count(*) from ${table}`).pluck().get(),
      )
    const rowsBefore = counts(old)
    await old.close()

    const upgraded = await openLedger(file)
    // Every row kept; one audit row more: the upgrade vouching for the sources it seeded (db/core/state-baseline.ts).
    expect(counts(upgraded)).toEqual([...rowsBefore.slice(0, -1), Number(rowsBefore.at(-1)) + 1])
    const vouched = upgraded.sqlite.prepare('select action, detail from audit_log order by id desc limit 1').get()
    expect(vouched).toMatchObject({ action: 'upgrade_state' })
    expect(JSON.parse(String(field(vouched, 'detail')))).toMatchObject({ records: 10 })
    expect(upgraded.sqlite.prepare('select count(*) from issue_sources').pluck().get()).toBe(10)
    expect(upgraded.sqlite.prepare('select time_limit_unit from categories').pluck().all()).toEqual(['workdays'])
    const desk = await getIssueDetail(upgraded.db, 1, '2026-11-10')
    const letter = await getIssueDetail(upgraded.db, 2, '2026-11-10')
    expect([desk.intake.sourceName, desk.procedure, desk.dueDate]).toEqual(['现场接待', 'general', '2026-12-01'])
    expect([letter.intake.sourceName, letter.procedure, letter.intake.petition]).toEqual(['来信', 'general', null])
    expect((await listIssues(upgraded.db, { procedure: 'general' }, '2026-11-10')).total).toBe(2)
    expect(checkSearchIndex(upgraded.sqlite)).toEqual([])
    await upgraded.close()
  })
})
