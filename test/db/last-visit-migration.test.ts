import { describe, expect, it } from 'vitest'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { listOrganizations, listVisitors } from '../../db/directory/list'
import { ledgerAtMigration, migrationBefore } from '../support/ledger-at-migration'

const THIS = '0016_last_visit_dates'
const previous = migrationBefore(THIS)

describe('upgrading a ledger to the kept last-visit dates (0016)', () => {
  it('fills every visitor’s and enterprise’s date from the visits not voided, and the lists read them in that order', async () => {
    expect(previous).toBe('0014_attachments')
    const at = '2026-11-03 09:00:00'
    // As the previous version wrote them: 张桂芳's later visit was voided, 王芳 never came.
    const { ledger: old, file } = await ledgerAtMigration(previous, {
      rows: `
      insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values
        (1, '2026-11-03', 'public', '2026年11月3日服务群众接待日', '接待室', 'closed', '${at}', '${at}'),
        (2, '2026-11-10', 'public', '2026年11月10日服务群众接待日', '接待室', 'closed', '${at}', '${at}');
      insert into organizations (id, name, created_at, updated_at) values (1, '城东化工有限公司', '${at}', '${at}'), (2, '西郊砖厂', '${at}', '${at}');
      insert into visitors (id, name, kind, organization_id, created_at, updated_at) values
        (1, '张桂芳', 'enterprise', 1, '${at}', '${at}'), (2, '李四', 'resident', null, '${at}', '${at}'), (3, '王芳', 'resident', null, '${at}', '${at}');
      insert into visits (session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, created_at, voided_at, void_reason) values
        (1, 1, 1, 1, '2026-11-03', '2026-11-03 09:10:00', '${at}', null, null),
        (2, 1, 1, 1, '2026-11-10', '2026-11-10 09:10:00', '${at}', '2026-11-10 10:00:00', '重复登记'),
        (2, 2, null, 2, '2026-11-10', '2026-11-10 09:30:00', '${at}', null, null);
    `,
    })
    const visitsBefore = old.sqlite.prepare('select * from visits order by id').all()
    await old.close()

    const upgraded = await openLedger(file, { migrateTo: THIS })
    try {
      expect(ledgerVersion(upgraded.sqlite)).toBe(THIS)
      expect(upgraded.sqlite.prepare('select * from visits order by id').all()).toEqual(visitsBefore)
      expect(upgraded.sqlite.prepare('select id, last_visit_date from visitors order by id').all()).toEqual([
        { id: 1, last_visit_date: '2026-11-03' },
        { id: 2, last_visit_date: '2026-11-10' },
        { id: 3, last_visit_date: null },
      ])
      expect(upgraded.sqlite.prepare('select id, last_visit_date from organizations order by id').all()).toEqual([
        { id: 1, last_visit_date: '2026-11-03' },
        { id: 2, last_visit_date: null },
      ])
      const visitors = await listVisitors(upgraded.db, { page: 1, pageSize: 10 })
      expect(visitors.rows.map((r) => r.name)).toEqual(['李四', '张桂芳', '王芳'])
      const organizations = await listOrganizations(upgraded.db, { page: 1, pageSize: 10 })
      expect(organizations.rows.map((r) => r.name)).toEqual(['城东化工有限公司', '西郊砖厂'])
    } finally {
      await upgraded.close()
    }
  })
})
