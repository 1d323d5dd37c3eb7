import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { latestMigration } from '../../db/migrations'
import { getIssueDetail } from '../../db/issues/detail'
import { monthlySummary } from '../../db/figures/month'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('upgrading a ledger to the case-file version (0010)', () => {
  it('keeps every issue and marks the extensions granted after their deadline as 超期后延期', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: '0005_appointments' })
    const at = '2026-11-10 09:00:00'
    // Rows as version 0005 wrote them: two resolved issues, each extended once — one before its
    // deadline (2026-12-01), one after it had passed.
    old.sqlite.exec(`
      insert into categories (id, name, time_limit_days, created_at) values (1, '大气', 15, '${at}');
      insert into departments (id, name, created_at) values (1, '大气环境股', '${at}');
      insert into staff (id, name, role, is_leader, created_at) values (1, '李建国', 'supervisor', 1, '${at}');
      insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values (1, '2026-11-10', 'public', '接待日', '接待室', 'open', '${at}', '${at}');
      insert into visitors (id, name, kind, created_at, updated_at) values (1, '张桂芳', 'resident', '${at}', '${at}');
      insert into visits (id, session_id, visitor_id, headcount, visit_date, arrived_at, created_at) values (1, 1, 1, 6, '2026-11-10', '${at}', '${at}');
      insert into matters (id, visit_id, type, category_id, content, created_at) values (1, 1, 'issue', 1, '夜间废气', '${at}'), (2, 1, 'issue', 1, '白天粉尘', '${at}');
      insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, department_id, resolved_date, result, created_at, updated_at)
        values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'resolved', 1, '2026-11-10', '2026-12-08', 1, '2026-12-05', '已整改', '${at}', '${at}'),
               (2, 2, 'JD-2026-11-0002', '2026-11', 2, 'resolved', 1, '2026-11-10', '2026-12-08', 1, '2026-12-05', '已整改', '${at}', '${at}');
      insert into extensions (issue_id, old_due_date, new_due_date, approver_id, reason, created_at)
        values (1, '2026-12-01', '2026-12-08', 1, '等监测', '2026-11-28 10:00:00'),
               (2, '2026-12-01', '2026-12-08', 1, '等监测', '2026-12-03 10:00:00');
    `)
    await old.close()

    const upgraded = await openLedger(file)
    expect(ledgerVersion(upgraded.sqlite)).toBe(latestMigration)
    expect(upgraded.sqlite.prepare('select issue_id, late from extensions order by issue_id').all()).toEqual([
      { issue_id: 1, late: 0 },
      { issue_id: 2, late: 1 },
    ])
    expect(
      upgraded.sqlite.prepare('select id, subject_organization_id, locality_id, repeat_of_id, finding from issues order by id').all(),
    ).toEqual([
      { id: 1, subject_organization_id: null, locality_id: null, repeat_of_id: null, finding: null },
      { id: 2, subject_organization_id: null, locality_id: null, repeat_of_id: null, finding: null },
    ])
    // Both were resolved by the extended date; only the one extended in time counts 按期.
    const s = await monthlySummary(upgraded.db, '2026-11', '2026-12-10')
    expect(s).toMatchObject({ issuesResolved: 2, issuesResolvedOnTime: 1 })
    // An issue handed over before this version has no handover rows: nothing to sign, nothing lost.
    const d = await getIssueDetail(upgraded.db, 1, '2026-12-10')
    expect(d.caseFile).toMatchObject({ sections: [], collective: true, headcount: 6, extensionCount: 1, lateExtensionCount: 0 })
    await upgraded.close()
  })

  it('refuses a 查实情况 or 处理措施 code the lists do not hold', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const l = await openLedger(path.join(dir, 'ledger.sqlite'))
    const at = '2026-11-10 09:00:00'
    l.sqlite.exec(`
      insert into categories (id, name, time_limit_days, created_at) values (1, '大气', 15, '${at}');
      insert into visitors (id, name, kind, created_at, updated_at) values (1, '张三', 'resident', '${at}', '${at}');
      insert into visits (id, visitor_id, headcount, visit_date, arrived_at, created_at) values (1, 1, 1, '2026-11-10', '${at}', '${at}');
      insert into matters (id, visit_id, type, category_id, content, created_at) values (1, 1, 'issue', 1, '烟囱冒黑烟', '${at}');
      insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, created_at, updated_at)
        values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'accepted', 1, '2026-11-10', '2026-12-01', '${at}', '${at}');
    `)
    expect(() => l.sqlite.exec(`update issues set finding = 'maybe' where id = 1`)).toThrow(/CHECK/)
    expect(() =>
      l.sqlite.exec(`insert into issue_history (id, issue_id, action, to_status, at) values (1, 1, 'resolve', 'resolved', '${at}')`),
    ).not.toThrow()
    expect(() =>
      l.sqlite.exec(
        `insert into issue_measures (issue_id, history_id, kind, fine_fen, created_at) values (1, 1, 'penalty', -100, '${at}')`,
      ),
    ).toThrow(/CHECK/)
    expect(() =>
      l.sqlite.exec(`insert into issue_measures (issue_id, history_id, kind, created_at) values (1, 1, 'warning', '${at}')`),
    ).toThrow(/CHECK/)
    await l.close()
  })
})
