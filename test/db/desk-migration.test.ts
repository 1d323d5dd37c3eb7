import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLedger } from '../../db/core/open'
import { voidVisit } from '../../db/visits/voids'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('upgrading a ledger to the desk rules (0008)', () => {
  it('keeps the visits it held, a wrongly dated one included, and that one can still be voided', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = path.join(dir, 'ledger.sqlite')
    const old = await openLedger(file, { migrateTo: '0005_appointments' })
    const at = '2026-12-02 09:00:00'
    // As the earlier desk wrote them: the second visit arrived on 12-24 but was filed under the day left open on 12-02.
    old.sqlite.exec(`
      insert into categories (id, name, time_limit_days, created_at) values (1, '大气', 15, '${at}');
      insert into staff (id, name, role, pin_hash, created_at) values (1, '李建国', 'supervisor', 'pin-chosen-before', '${at}');
      insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values (1, '2026-12-02', 'public', '2026年12月2日服务群众接待日', '接待室', 'open', '${at}', '${at}');
      insert into visitors (id, name, kind, created_at, updated_at) values (1, '张桂芳', 'resident', '${at}', '${at}');
      insert into visits (id, session_id, visitor_id, headcount, visit_date, arrived_at, created_at) values (1, 1, 1, 1, '2026-12-02', '${at}', '${at}');
      insert into visits (id, session_id, visitor_id, headcount, visit_date, arrived_at, created_at) values (2, 1, 1, 2, '2026-12-02', '2026-12-24 10:00:00', '2026-12-24 10:00:00');
      insert into matters (id, visit_id, type, category_id, content, answer, created_at) values (1, 2, 'consultation', 1, '油烟扰民向哪里反映', '已告知', '${at}');
    `)
    await old.close()

    const upgraded = await openLedger(file)
    expect(upgraded.sqlite.prepare('select id, visit_date, headcount, submission_token from visits order by id').all()).toEqual([
      { id: 1, visit_date: '2026-12-02', headcount: 1, submission_token: null },
      { id: 2, visit_date: '2026-12-02', headcount: 2, submission_token: null },
    ])
    const tables = upgraded.sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['corrections', 'answer_templates']))
    const ctx = {
      db: upgraded.db,
      actor: { kind: 'staff' as const, id: 1, name: '李建国', role: 'supervisor' as const, ownPin: true },
      now: () => new Date(2026, 11, 24, 11),
    }
    const voided = await voidVisit(ctx, { visitId: 2, reason: '登记到了12月2日的接待日，应为12月24日' })
    expect(voided.id).toBe(2)
    await upgraded.close()
  })
})
