import path from 'node:path'
import type ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { exportMonthXlsx } from '../../db/export'
import { closeMonth, reopenMonth } from '../../db/figures/close'
import { monthlyReport } from '../../db/figures/report'
import { recordCallback, resolveIssue } from '../../db/issues/actions'
import { buildExportFixture } from '../support/export-fixture'
import { readXlsx, rowsOf, sheet } from '../support/export-files'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-10-01 08:00:00', (s) => ({ t, f } = s))

// November 2026 as test/db/figures.test.ts works it out by hand, sent and closed on 2 December;
// then two late changes to November's records: X5 (resolved 11-27, never called) is called back
// 满意 on 12-01 with the call dated 11-28, and X2 (reopened 11-26) is resolved on 12-02.

async function closedNovember(): Promise<{ x2: number; x5: number }> {
  const { overdueIssueId: x2 } = await buildExportFixture(t, f)
  const x5 = (
    await t.ledger.db.selectFrom('issues').select('id').where('status', '=', 'resolved').orderBy('id', 'desc').executeTakeFirstOrThrow()
  ).id
  t.clock.set('2026-12-01 09:00:00')
  actAs(t, f.leader)
  await closeMonth(t.ctx, { month: '2026-11', sentence: '2026年11月工作情况（经局务会审定）。' })
  actAs(t, f.desk)
  return { x2, x5 }
}

async function lateChanges(x2: number, x5: number): Promise<void> {
  t.clock.set('2026-12-01 15:00:00')
  await recordCallback(t.ctx, { issueId: x5, method: 'phone', satisfaction: 'satisfied', date: '2026-11-28' })
  t.clock.set('2026-12-02 10:00:00')
  await resolveIssue(t.ctx, { issueId: x2, result: '企业已完成整改' })
}

function sheetValues(ws: ExcelJS.Worksheet): string {
  return JSON.stringify(rowsOf(ws))
}

function figuresOf(ws: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue> {
  const out = new Map<string, ExcelJS.CellValue>()
  for (const row of rowsOf(ws).slice(1)) if (typeof row[0] === 'string') out.set(row[0], row[1] ?? null)
  return out
}

describe('month-end close (月结)', () => {
  it('freezes the figures, the sentence as sent and the lists, with the audit chain’s head at that moment', async () => {
    await buildExportFixture(t, f)
    t.clock.set('2026-12-01 09:00:00')
    const head = await t.ledger.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    actAs(t, f.leader)
    const close = await closeMonth(t.ctx, { month: '2026-11', sentence: '2026年11月工作情况（经局务会审定）。' })
    expect(close).toMatchObject({ month: '2026-11', closedBy: f.leader.name, auditHeadId: head.id, auditHeadHash: head.hash })
    const r = await monthlyReport(t.ledger.db, '2026-11', '2026-12-01')
    expect(r).toMatchObject({ sentence: '2026年11月工作情况（经局务会审定）。', close: { closedBy: f.leader.name }, adjustments: [] })
    expect(r.summary).toMatchObject({ issuesResolved: 2, callbacks: 3, issuesOpen: 1 })
    const logged = await t.ledger.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'detail'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(logged).toMatchObject({ action: 'close_month', entity: 'month' })
    expect(JSON.parse(logged.detail)).toEqual({ month: '2026-11', auditHeadId: head.id, auditHeadHash: head.hash })
  })

  it('reprints the closed month as sent after later changes, and shows each changed figure as 调整', async () => {
    const { x2, x5 } = await closedNovember()
    await lateChanges(x2, x5)
    const r = await monthlyReport(t.ledger.db, '2026-11', '2026-12-02')
    // As sent: 2 of November's issues resolved, 3 calls about 3 issues, X2 still open.
    expect(r.summary).toMatchObject({ issuesResolved: 2, callbacks: 3, issuesCalledBack: 3, satisfied: 1, issuesOpen: 1 })
    expect(r.sentence).toBe('2026年11月工作情况（经局务会审定）。')
    // The lists as sent: X2 was overdue at the close, though it is resolved now.
    expect(r.summary.overdue.map((i) => i.id)).toEqual([x2])
    expect(r.summary.carriedOverIssues.map((i) => i.content)).toEqual(['养殖场废水'])
    // Now: X2 resolved (办结 2 → 3, 办理中 1 → 0); X5's call dated 11-28 (回访问题 3 → 4, 次数 3 → 4,
    // 满意 1 → 2). X2's resolution is dated 12-02, so November's 当月办结 is unchanged.
    expect(r.adjustments.map((a) => [a.label, a.reported, a.now])).toEqual([
      ['办结', 2, 3],
      ['办理中', 1, 0],
      ['回访问题', 3, 4],
      ['回访次数', 3, 4],
      ['满意', 1, 2],
    ])
  })

  it('says the previous month’s adjustments in the next month’s report', async () => {
    const { x2, x5 } = await closedNovember()
    await lateChanges(x2, x5)
    const december = await monthlyReport(t.ledger.db, '2026-12', '2026-12-02')
    expect(december.sentence.endsWith('上月数据调整：办结+1、办理中-1、回访问题+1、回访次数+1、满意+1。')).toBe(true)
  })

  it('exports the closed month’s Excel with the lists exactly as sent and the figures as reported, 调整 beside them', async () => {
    await buildExportFixture(t, f)
    t.clock.set('2026-12-01 08:00:00')
    const sentFile = path.join(t.dir, 'sent.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-11', file: sentFile })
    actAs(t, f.leader)
    await closeMonth(t.ctx, { month: '2026-11' })
    actAs(t, f.desk)
    const x2 = (await t.ledger.db.selectFrom('issues').select('id').where('status', '=', 'reopened').executeTakeFirstOrThrow()).id
    const x5 = (
      await t.ledger.db.selectFrom('issues').select('id').where('status', '=', 'resolved').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).id
    await lateChanges(x2, x5)
    const againFile = path.join(t.dir, 'again.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-11', file: againFile })
    const sent = await readXlsx(sentFile)
    const again = await readXlsx(againFile)
    for (const name of ['来访登记', '问题台账', '回访']) expect(sheetValues(sheet(again, name)), name).toBe(sheetValues(sheet(sent, name)))
    const before = figuresOf(sheet(sent, '汇总'))
    const after = figuresOf(sheet(again, '汇总'))
    for (const label of ['受理（个）', '办结（个）', '回访（次）', '回访问题（个）', '办理中（个）', '本月办结（个）'])
      expect(after.get(label), label).toBe(before.get(label))
    expect(after.get('调整：办结')).toBe(1)
    expect(after.get('调整：回访问题')).toBe(1)
    expect(String(after.get('月结'))).toContain(f.leader.name)
  })

  it('takes an unmasked export of a closed month’s lists from the ledger as it is now, and says so', async () => {
    const { x2, x5 } = await closedNovember()
    await lateChanges(x2, x5)
    actAs(t, f.leader)
    const file = path.join(t.dir, 'unmasked.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-11', file, unmasked: true, reason: '核对来访人联系方式' })
    const wb = await readXlsx(file)
    const close = rowsOf(sheet(wb, '汇总')).find((r) => r[0] === '月结')
    expect(String(close?.[4])).toContain('未脱敏导出的明细表为导出时的台账')
    const issues = rowsOf(sheet(wb, '问题台账'))
    expect(issues.filter((r) => r[1] === '重新办理')).toEqual([])
    expect(figuresOf(sheet(wb, '汇总')).get('办结（个）')).toBe(2)
  })

  it('lets only a signed-in supervisor close, only a month that is over, and only once', async () => {
    await buildExportFixture(t, f)
    t.clock.set('2026-12-01 09:00:00')
    expect((await refused(closeMonth(t.ctx, { month: '2026-11' }))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect((await refused(closeMonth(t.ctx, { month: '2026-12' }))).message).toBe('2026-12 尚未结束，月底之后才能月结')
    await closeMonth(t.ctx, { month: '2026-11' })
    expect((await refused(closeMonth(t.ctx, { month: '2026-11' }))).message).toBe('2026-11 已经月结')
  })

  it('reopens a closed month only for a supervisor with a reason, audited, and computes it live again', async () => {
    const { x2, x5 } = await closedNovember()
    await lateChanges(x2, x5)
    expect((await refused(reopenMonth(t.ctx, { month: '2026-11', reason: '补录回访' }))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect((await refused(reopenMonth(t.ctx, { month: '2026-11', reason: ' ' }))).code).toBe('required')
    await reopenMonth(t.ctx, { month: '2026-11', reason: '补录回访后重新报送' })
    const r = await monthlyReport(t.ledger.db, '2026-11', '2026-12-02')
    expect(r).toMatchObject({ close: null, adjustments: [] })
    expect(r.summary).toMatchObject({ issuesResolved: 3, callbacks: 4 })
    const logged = await t.ledger.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'detail'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(logged).toMatchObject({ action: 'reopen_month', actor_name: f.leader.name })
    expect(JSON.parse(logged.detail)).toEqual({ month: '2026-11', reason: '补录回访后重新报送' })
    // Closed again, the new snapshot holds the corrected figures; the first stays in the file, stamped.
    await closeMonth(t.ctx, { month: '2026-11' })
    expect((await monthlyReport(t.ledger.db, '2026-11', '2026-12-02')).summary.issuesResolved).toBe(3)
    const rows = await t.ledger.db.selectFrom('month_closes').select(['reopen_reason']).orderBy('id').execute()
    expect(rows).toEqual([{ reopen_reason: '补录回访后重新报送' }, { reopen_reason: null }])
  })
})
