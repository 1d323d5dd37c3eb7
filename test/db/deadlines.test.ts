import { describe, expect, it } from 'vitest'
import { dueSoonUntil, loadCalendar } from '../../db/issues/deadlines'
import { countDueIssues, listIssues } from '../../db/issues/queries'
import { voidVisit } from '../../db/visits/voids'
import { setHolidayOverride } from '../../db/reference/reference'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { bySupervisor, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-02-01 08:00:00', (s) => ({ t, f } = s))

describe('deadlines in working days', () => {
  it('counts an issue accepted before the 2026 Spring Festival across the holiday and both make-up Saturdays', async () => {
    const day = await openDay(t, f, '2026-02-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    // 大气: 15 working days after Tue 02-10: 11,12,13, Sat 14 (make-up), [15–23 holiday], 24,25,26,27,
    // Sat 28 (make-up), Mar 2,3,4,5,6,9 → 2026-03-09. Without the make-up days it would be 03-11.
    const row = await t.ledger.db.selectFrom('issues').select('due_date').where('id', '=', issueId).executeTakeFirstOrThrow()
    expect(row.due_date).toBe('2026-03-09')
  })

  it('counts across the National Day holiday', async () => {
    const day = await openDay(t, f, '2026-09-28')
    const { issueId } = await acceptIssue(t, f, day.id)
    // 15 working days after Mon 09-28: 29,30, [10-01–07 holiday], 8,9, Sat 10 (make-up), 12,13,14,15,16,19,20,21,22,23 → 10-23.
    const row = await t.ledger.db.selectFrom('issues').select('due_date').where('id', '=', issueId).executeTakeFirstOrThrow()
    expect(row.due_date).toBe('2026-10-23')
  })

  it('uses an office-entered 2027 holiday and make-up day', async () => {
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-01-01', kind: 'holiday', name: '元旦' })
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-01-02', kind: 'workday', name: '元旦调休' })
    const cal = await loadCalendar(t.ctx.db)
    // After Thu 2026-12-31: Fri 01-01 is off, Sat 01-02 works, then Mon 01-04.
    expect(cal.addWorkdays('2026-12-31', 1)).toBe('2027-01-02')
    expect(cal.addWorkdays('2026-12-31', 2)).toBe('2027-01-04')
  })

  it('derives overdue and due-soon from today rather than storing them', async () => {
    const day = await openDay(t, f, '2026-02-10')
    await acceptIssue(t, f, day.id)
    const cal = await loadCalendar(t.ctx.db)
    // Due Mon 03-09; "due soon" is within 3 working days of today.
    expect(dueSoonUntil(cal, '2026-03-04')).toBe('2026-03-09')
    const states = async (today: string) => (await listIssues(t.ctx.db, {}, today)).rows.map((r) => r.dueState)
    expect(await states('2026-03-03')).toEqual(['on_time'])
    expect(await states('2026-03-04')).toEqual(['due_soon'])
    expect(await states('2026-03-09')).toEqual(['due_soon'])
    expect(await states('2026-03-10')).toEqual(['overdue'])
    expect((await listIssues(t.ctx.db, { dueState: 'overdue' }, '2026-03-10')).total).toBe(1)
    expect((await listIssues(t.ctx.db, { dueState: 'overdue' }, '2026-03-09')).total).toBe(0)
    expect((await listIssues(t.ctx.db, { dueState: 'due_soon' }, '2026-03-04')).total).toBe(1)
    expect((await listIssues(t.ctx.db, { dueState: 'on_time' }, '2026-03-03')).total).toBe(1)
  })

  it('counts 已超期 and 即将到期 as the totals of those two filters, an issue of a voided visit in neither', async () => {
    const day = await openDay(t, f, '2026-02-10')
    const late = await acceptIssue(t, f, day.id, '厂区夜间偷排废水')
    const voided = await acceptIssue(t, f, day.id, '搅拌站粉尘')
    const soon = await acceptIssue(t, f, day.id, '饭店油烟直排')
    await acceptIssue(t, f, day.id, '噪声扰民')
    const due = (id: number, date: string) => t.ledger.db.updateTable('issues').set({ due_date: date }).where('id', '=', id).execute()
    await due(late.issueId, '2026-03-02')
    await due(voided.issueId, '2026-03-02')
    await due(soon.issueId, '2026-03-04')
    await voidVisit(t.ctx, { visitId: voided.visit.id, reason: '重复登记' })
    const today = '2026-03-03'
    const totals = async (dueState: 'overdue' | 'due_soon') => (await listIssues(t.ctx.db, { dueState }, today)).total
    expect(await countDueIssues(t.ctx.db, today)).toEqual({ overdue: 1, dueSoon: 1 })
    expect(await countDueIssues(t.ctx.db, today)).toEqual({ overdue: await totals('overdue'), dueSoon: await totals('due_soon') })
  })
})

describe('how late an overdue issue is', () => {
  it('says how many working days past its deadline it is, the Spring Festival holiday not counted', async () => {
    const day = await openDay(t, f, '2026-02-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await t.ledger.db.updateTable('issues').set({ due_date: '2026-02-13' }).where('id', '=', issueId).execute()
    // After Fri 02-13: Sat 14 (make-up), [15–23 holiday], Tue 24 → 2 working days late on 02-24.
    const [row] = (await listIssues(t.ctx.db, { issueIds: [issueId] }, '2026-02-24')).rows
    expect(row).toMatchObject({ dueState: 'overdue', overdueBy: { count: 2, workdays: true } })
    const [onTime] = (await listIssues(t.ctx.db, { issueIds: [issueId] }, '2026-02-13')).rows
    expect(onTime?.overdueBy).toBeNull()
  })
})
