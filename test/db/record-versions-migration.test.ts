import { describe, expect, it } from 'vitest'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { ledgerAtMigration, migrationBefore } from '../support/ledger-at-migration'

const THIS = '0017_record_versions'
const previous = migrationBefore(THIS)
const VERSIONED = ['sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'appointments']

describe('upgrading a ledger to record versions (0017)', () => {
  it('gives every record a clerk edits version 1 as the last column, leaving what it held as it was', async () => {
    expect(previous).toBe('0016_last_visit_dates')
    const at = '2026-11-03 09:00:00'
    // As the previous version wrote them: a day, an enterprise, a visitor, a visit with one issue, an appointment.
    const { ledger: old, file } = await ledgerAtMigration(previous, {
      rows: `
      insert into categories (id, name, time_limit_days, created_at) values (1, '大气', 15, '${at}');
      insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values
        (1, '2026-11-03', 'public', '2026年11月3日服务群众接待日', '接待室', 'closed', '${at}', '${at}');
      insert into organizations (id, name, created_at, updated_at) values (1, '城东化工有限公司', '${at}', '${at}');
      insert into visitors (id, name, kind, organization_id, created_at, updated_at) values (1, '张桂芳', 'enterprise', 1, '${at}', '${at}');
      insert into visits (id, session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, created_at) values
        (1, 1, 1, 1, 1, '2026-11-03', '2026-11-03 09:10:00', '${at}');
      insert into matters (id, visit_id, type, category_id, content, created_at) values (1, 1, 'issue', 1, '夜间有刺鼻气味', '${at}');
      insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, created_at, updated_at)
        values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'accepted', 1, '2026-11-03', '2026-11-17', '${at}', '${at}');
      insert into appointments (id, session_id, visitor_name, phone, kind, headcount, status, created_at, updated_at) values
        (1, 1, '李四', '13800001111', 'resident', 1, 'booked', '${at}', '${at}');
    `,
    })
    const before = Object.fromEntries(VERSIONED.map((table) => [table, old.sqlite.prepare(`select * from ${table} order by id`).all()]))
    await old.close()

    const upgraded = await openLedger(file, { migrateTo: THIS })
    try {
      expect(ledgerVersion(upgraded.sqlite)).toBe(THIS)
      for (const table of VERSIONED) {
        const columns = upgraded.sqlite.prepare(`select name, "notnull", dflt_value from pragma_table_info('${table}')`).all()
        expect(columns.at(-1), table).toEqual({ name: 'version', notnull: 1, dflt_value: '1' })
        const rows = upgraded.sqlite.prepare(`select * from ${table} order by id`).all()
        expect(rows, table).toEqual(before[table]?.map((r) => Object.assign({}, r, { version: 1 })))
      }
    } finally {
      await upgraded.close()
    }
  })
})
