import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LedgerError } from '../../db/core/errors'
import { exportAuditCsv } from '../../db/export'
import { getStaff, saveStaff } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { actAs, actorOf, bySupervisor, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

describe('exporting the audit log', () => {
  it('writes every audit row as UTF-8 CSV with a BOM, then the log’s head, and records the export itself', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await acceptIssue(t, f, day.id)
    const supervisor = await saveStaff(bySupervisor(t, f), { name: '陈主任', role: 'supervisor' })
    await setStaffPin({ ...t.ctx, actor: actorOf(supervisor) }, { staffId: supervisor.id, pin: '2468' })
    actAs(t, await getStaff(t.ctx.db, supervisor.id))
    const before = Number(
      (
        await t.ledger.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const file = path.join(t.dir, '审计日志.csv')
    const r = await exportAuditCsv(t.ctx, { file })
    expect(r.rows).toBe(before)
    const text = fs.readFileSync(file, 'utf8')
    expect(text.startsWith('\uFEFF序号,时间,操作人,操作,对象,对象编号,摘要,详情\r\n')).toBe(true)
    const lines = text.split('\r\n').filter((l) => l !== '')
    expect(lines).toHaveLength(before + 2)
    const head = await t.ledger.db.selectFrom('audit_log').select(['id', 'hash']).where('id', '=', before).executeTakeFirstOrThrow()
    expect(lines.at(-1)).toMatch(new RegExp(`^审计链头,2026-11-10 [\\d:]+,,,audit_log,${head.id},台账 [a-z]{10},${head.hash}$`))
    const last = await t.ledger.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(last).toEqual({ action: 'export_audit', actor_name: '陈主任' })
  })

  it('refuses a desk clerk and writes no file', async () => {
    const before = await tableCounts(t)
    const file = path.join(t.dir, 'no.csv')
    const e = await exportAuditCsv(t.ctx, { file }).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LedgerError)
    expect(e instanceof LedgerError && e.message).toBe('导出审计日志须由负责人本人输入 PIN 登录后操作')
    expect(fs.existsSync(file)).toBe(false)
    expect(await tableCounts(t)).toEqual(before)
  })
})
