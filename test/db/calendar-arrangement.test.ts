import fs from 'node:fs'
import path from 'node:path'
import officialDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { calendarStatus, confirmArrangement, importArrangement } from '../../db/calendar/arrangement'
import { parseArrangement } from '../../db/calendar/arrangement-file'
import { exportMonthXlsx } from '../../db/export'
import { assignIssue, closeIssue, extendIssue, recordCallback, rejectIssue, resolveIssue, transferIssue } from '../../db/issues/actions'
import { getIssueDetail } from '../../db/issues/detail'
import { handoverSheets } from '../../db/print/sheets'
import { saveCategory, setHolidayOverride } from '../../db/reference/reference'
import { registerVisit } from '../../db/visits/register'
import { column, readXlsx, rowsOf, sheet } from '../support/export-files'
import { openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { bySupervisor, FIXTURE_LEADER_PIN, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-12-01 08:00:00', (s) => ({ t, f } = s))

// A plausible 2027 arrangement as the State Council might publish it (the real one is not out):
// 元旦 1–3 January; 春节 5–13 February off, Saturday 20 February a make-up working day.
const ICS_2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270205',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节(休)',
  'DESCRIPTION:休',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270220',
  'DTEND;VALUE=DATE:20270221',
  'SUMMARY:春节(班)',
  'DESCRIPTION:班',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n')

function file(name: string, text: string): string {
  const p = path.join(t.dir, name)
  fs.writeFileSync(p, text)
  return p
}

/** One issue of the given category accepted on a reception day on `date`. */
async function issueOn(date: string, categoryId: number, content: string): Promise<number> {
  const day = await openDay(t, f, date, 'public')
  const v = await registerVisit(t.ctx, {
    sessionId: day.id,
    visitor: { name: '张桂芳', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content }],
  })
  const id = v.matters[0]?.issueId
  if (!id) throw new Error('no issue')
  return id
}

const dueOf = async (id: number) => (await getIssueDetail(t.ledger.db, id, '2026-12-31')).dueDate

async function recountRows(id: number): Promise<(string | null)[]> {
  const rows = await t.ledger.db
    .selectFrom('issue_history')
    .select('reason')
    .where('issue_id', '=', id)
    .where('action', '=', 'recount_due')
    .execute()
  return rows.map((r) => r.reason)
}

/** A 40-working-day category: accepted Monday 2026-12-21, its count reaches past the 2027 Spring Festival. */
async function longCategory(): Promise<number> {
  return (await saveCategory(bySupervisor(t, f), { name: '复杂信访', timeLimitDays: 40 })).id
}

describe('deadlines on the provisional 2027 calendar', () => {
  it('gives an issue accepted on 2026-12-11 a deadline of Monday 2027-01-04, shown as 暂定 on screen, on the 交办单 and in the export', async () => {
    const id = await issueOn('2026-12-11', f.category('大气').id, '夜间异味')
    const detail = await getIssueDetail(t.ledger.db, id, '2026-12-11')
    expect(detail).toMatchObject({ dueDate: '2027-01-04', dueProvisional: true })
    await assignIssue(t.ctx, { issueId: id, departmentId: f.departments[1]!.id })
    expect((await handoverSheets(t.ledger.db, { issueIds: [id] }))[0]).toMatchObject({ dueDate: '2027-01-04', dueProvisional: true })
    const out = path.join(t.dir, '2026-12.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-12', file: out })
    const rows = rowsOf(sheet(await readXlsx(out), '问题台账'))
    expect(rows[1]?.[column(rows, '时限暂定')]).toBe('暂定')
  })

  it('does not mark a deadline counted wholly within 2026', async () => {
    const id = await issueOn('2026-12-01', f.category('大气').id, '夜间异味')
    expect(await getIssueDetail(t.ledger.db, id, '2026-12-01')).toMatchObject({ dueDate: '2026-12-22', dueProvisional: false })
  })
})

describe('entering the official 2027 arrangement', () => {
  it('recounts an open deadline after an .ics import, with a history row that says why and by how much', async () => {
    const id = await issueOn('2026-12-21', await longCategory(), '跨春节的问题')
    // Provisional: Dec 22–25, 28–31 (8); Jan 4–29 (28, 元旦 off); Feb 1–4 (32); 5 and 8 Feb off (春节 暂定);
    // 9–12 (36), 15–18 (40) → 2027-02-18.
    expect(await dueOf(id)).toBe('2027-02-18')
    const r = await importArrangement(bySupervisor(t, f), file('2027.ics', ICS_2027))
    // Official: Feb 1–4 (32); 5–14 off; 15–19 (37); Saturday 20 (38, 上班); 22, 23 (40) → 2027-02-23.
    expect(r).toMatchObject({ days: 13, years: [2027], recounted: [{ issueId: id, from: '2027-02-18', to: '2027-02-23' }] })
    expect(await dueOf(id)).toBe('2027-02-23')
    expect(await recountRows(id)).toEqual(['因2027年放假安排调整，办结时限由2月18日改为2月23日'])
    expect((await getIssueDetail(t.ledger.db, id, '2026-12-31')).dueProvisional).toBe(false)
  })

  it('never touches a resolved, closed, transferred, refused or extended issue, only the open ones it moves', async () => {
    const category = await longCategory()
    const open = await issueOn('2026-12-21', category, '仍在办理')
    const transferred = await issueOn('2026-12-21', category, '已转办')
    const refused = await issueOn('2026-12-21', category, '不予受理')
    await transferIssue(t.ctx, { issueId: transferred, to: '市城管局', reason: '属城管职责' })
    await rejectIssue(t.ctx, { issueId: refused, reason: '不属本局职责' })
    const resolved = await issueOn('2026-12-21', category, '已办结')
    const closed = await issueOn('2026-12-21', category, '已销号')
    const extended = await issueOn('2026-12-21', category, '已延期')
    for (const id of [resolved, closed, extended]) await assignIssue(t.ctx, { issueId: id, departmentId: f.departments[1]!.id })
    t.clock.set('2026-12-28 10:00:00')
    for (const id of [resolved, closed]) await resolveIssue(t.ctx, { issueId: id, result: '已处理' })
    await recordCallback(t.ctx, { issueId: closed, method: 'phone', satisfaction: 'satisfied' })
    await closeIssue(t.ctx, { issueId: closed })
    await extendIssue(t.ctx, {
      issueId: extended,
      newDueDate: '2027-03-01',
      approverId: f.leader.id,
      approverPin: FIXTURE_LEADER_PIN,
      reason: '需监测数据',
    })
    const r = await importArrangement(bySupervisor(t, f), file('2027.ics', ICS_2027))
    expect(r.recounted.map((x) => x.issueId)).toEqual([open])
    expect([await dueOf(resolved), await dueOf(closed), await dueOf(transferred), await dueOf(refused), await dueOf(extended)]).toEqual([
      '2027-02-18',
      '2027-02-18',
      '2027-02-18',
      '2027-02-18',
      '2027-03-01',
    ])
    for (const id of [resolved, closed, transferred, refused, extended]) expect(await recountRows(id)).toEqual([])
  })

  it('recounts once per entry when a holiday is typed as a range, then marks the year entered on confirmation', async () => {
    const id = await issueOn('2026-12-21', await longCategory(), '跨春节的问题')
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-02-05', to: '2027-02-13', kind: 'holiday', name: '春节' })
    // Provisional 元旦 still off; 5–13 Feb off: Feb 1–4 (32), 15–19 (37), 22–24 (40) → 02-24.
    expect(await dueOf(id)).toBe('2027-02-24')
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-02-20', kind: 'workday', name: '春节调休' })
    expect(await dueOf(id)).toBe('2027-02-23')
    expect(await recountRows(id)).toEqual([
      '因2027年放假安排调整，办结时限由2月18日改为2月24日',
      '因2027年放假安排调整，办结时限由2月24日改为2月23日',
    ])
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-01-01', to: '2027-01-03', kind: 'holiday', name: '元旦' })
    const confirmed = await confirmArrangement(bySupervisor(t, f), 2027)
    expect(confirmed).toMatchObject({ years: [2027], recounted: [] })
    expect((await getIssueDetail(t.ledger.db, id, '2026-12-31')).dueProvisional).toBe(false)
  })

  it('takes a date list with ranges, 放假 / 上班 and names, and refuses a line it cannot read without entering anything', async () => {
    expect(
      parseArrangement('# 2027年放假安排\n2027-01-01 至 2027-01-03 放假 元旦\n2027-02-20,上班,春节调休\n2027/10/1 2027/10/7 休 国庆节'),
    ).toEqual([
      ...['01', '02', '03'].map((d) => ({ date: `2027-01-${d}`, kind: 'holiday', name: '元旦' })),
      { date: '2027-02-20', kind: 'workday', name: '春节调休' },
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday', name: '国庆节' })),
    ])
    const e = await refused(importArrangement(bySupervisor(t, f), file('bad.txt', '2027-01-01 放假 元旦\n2027-02-30 放假 春节')))
    expect(e.message).toBe('第 2 行：不是有效日期“2027-02-30”（应为 YYYY-MM-DD）')
    expect(await t.ledger.db.selectFrom('holiday_overrides').selectAll().execute()).toEqual([])
  })

  it('reads chinese-days’ own published .ics back to exactly the official 2026 arrangement it ships as data', async () => {
    const ics = fs.readFileSync(path.join(import.meta.dirname, '../../node_modules/chinese-days/dist/holidays.ics'), 'utf8')
    const days = parseArrangement(ics).filter((d) => d.date.startsWith('2026-'))
    const of2026 = (table: Record<string, string>) =>
      Object.keys(table)
        .filter((d) => d.startsWith('2026-'))
        .sort()
    expect(
      days
        .filter((d) => d.kind === 'holiday')
        .map((d) => d.date)
        .sort(),
    ).toEqual(of2026(officialDays.holidays))
    expect(
      days
        .filter((d) => d.kind === 'workday')
        .map((d) => d.date)
        .sort(),
    ).toEqual(of2026(officialDays.workdays))
  })

  it('refuses to confirm a year nothing was typed for, and a year whose arrangement is built in', async () => {
    expect((await refused(confirmArrangement(bySupervisor(t, f), 2027))).message).toMatch(/还没有录入2027年/)
    expect((await refused(confirmArrangement(bySupervisor(t, f), 2026))).message).toMatch(/已内置/)
  })
})

describe('the notice that next year is not entered', () => {
  it('is given from 1 November, not on 31 October, and no longer once the year is entered', async () => {
    expect((await calendarStatus(t.ledger.db, '2026-10-31')).notice).toBeNull()
    const status = await calendarStatus(t.ledger.db, '2026-11-01')
    expect(status.notice).toMatch(/^2027年的国务院放假安排尚未录入/)
    expect(status.years.map((y) => [y.year, y.state])).toEqual([
      [2026, 'official'],
      [2027, 'provisional'],
    ])
    expect(status.years[1]?.provisionalHolidays).toHaveLength(13)
    await importArrangement(bySupervisor(t, f), file('2027.ics', ICS_2027))
    const after = await calendarStatus(t.ledger.db, '2026-12-02')
    expect(after.notice).toBeNull()
    expect(after.years[1]).toMatchObject({ state: 'entered', entered: { source: 'file', fileName: '2027.ics' } })
  })

  it('counts the open deadlines that depend on provisional days', async () => {
    await issueOn('2026-12-01', f.category('大气').id, '年内到期')
    await issueOn('2026-12-11', f.category('大气').id, '跨年到期')
    expect((await calendarStatus(t.ledger.db, '2026-12-11')).provisionalDeadlines).toBe(1)
  })
})
