import fs from 'node:fs'
import path from 'node:path'
import type ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { generateDemoMonth } from '../../tools/demo'
import { exportMonthXlsx } from '../../db/export'
import { monthlySummary } from '../../db/figures/month'
import type { MonthlySummary } from '../../shared/types'
import { monthRange } from '../../db/validation/dates'
import { registerContact } from '../../db/visits/register'
import { column, ELEVEN_DIGITS, FULL_MOBILE, ID_NUMBER, readXlsx, rowsOf, sheet, textOf } from '../support/export-files'
import {
  buildExportFixture,
  HAND_WORKED,
  HAND_WORKED_CATEGORIES,
  HAND_WORKED_RATES,
  ID_CHEN,
  ID_ZHENG,
  PHONES,
} from '../support/export-fixture'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { actAs, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-10-01 08:00:00', (s) => ({ t, f } = s))

const SHEETS = ['汇总', '来访登记', '问题台账', '回访', '信访']

/** 汇总's label → value cell, for the figure rows above the category table. */
function figuresOf(ws: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue> {
  const out = new Map<string, ExcelJS.CellValue>()
  for (const row of rowsOf(ws).slice(1)) {
    if (row[0] === '问题类别') break
    if (typeof row[0] === 'string') out.set(row[0], row[1] ?? null)
  }
  return out
}

function categoryTable(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows = rowsOf(ws)
  const start = rows.findIndex((r) => r[0] === '问题类别')
  const rest = rows.slice(start + 1)
  const end = rest.findIndex((r) => r.every((v) => v === null || v === undefined))
  return (end < 0 ? rest : rest.slice(0, end)).map((r) => r.slice(0, 5))
}

/** A percentage cell holds the fraction; figures.ts gives percent with one decimal. */
function asPercent(value: ExcelJS.CellValue): number {
  if (typeof value !== 'number') throw new Error(`not a number: ${String(value)}`)
  return Math.round(value * 1000) / 10
}

/** The same figures read off the summary object, keyed by the labels on 汇总; written out here, not taken from the exporter. */
function expectedFromSummary(s: MonthlySummary): Record<string, number | null> {
  return {
    '接待日（场）': s.sessions,
    '其中：服务企业接待日（场）': s.sessionsByKind.enterprise,
    '其中：服务群众接待日（场）': s.sessionsByKind.public,
    '其中：领导接待日（场）': s.sessionsByKind.leader,
    '其中：上门服务（场）': s.sessionsByKind.field,
    '来访登记（批）': s.visits,
    '接待企业（家）': s.enterprises,
    接待人次: s.personTimes,
    '其中：群众（人次）': s.residentPersonTimes,
    '其中：企业（人次）': s.enterprisePersonTimes,
    '咨询（件）': s.consultations,
    '登记问题（个）': s.issuesRegistered,
    '受理（个）': s.issuesAccepted,
    '办结（个）': s.issuesResolved,
    '其中：已销号（个）': s.issuesClosed,
    '按期办结（个）': s.issuesResolvedOnTime,
    '转办（个）': s.issuesTransferred,
    '不予受理（个）': s.issuesRejected,
    '办理中（个）': s.issuesOpen,
    '本月办结（个）': s.issuesResolvedInPeriod,
    '其中：上月受理（个）': s.issuesResolvedInPeriodEarlier,
    '其中：按期（个）': s.issuesResolvedInPeriodOnTime,
    '回访（次）': s.callbacks,
    '回访问题（个）': s.issuesCalledBack,
    '其中：满意（个）': s.satisfied,
    '其中：基本满意（个）': s.basicallySatisfied,
    '其中：不满意（个）': s.unsatisfied,
    '上月结转未办结（个）': s.carriedOver,
    '其中：目前仍在办理（个）': s.carriedOverOpen,
    '当前超期（个）': s.overdue.length,
    办结率: s.resolutionRate,
    按期办结率: s.onTimeRate,
    满意率: s.satisfactionRate,
  }
}

function expectFiguresEqual(ws: ExcelJS.Worksheet, expected: Record<string, number | null>): void {
  const figures = figuresOf(ws)
  for (const [label, want] of Object.entries(expected)) {
    const got = figures.get(label)
    if (want === null) expect(got, label).toBe('—')
    else if (label.endsWith('率')) expect(asPercent(got ?? null), label).toBe(want)
    else expect(got, label).toBe(want)
  }
}

/** Record counts straight from the tables, by the same rules the figures use. */
async function ledgerCounts(month: string): Promise<{ visits: number; issues: number; callbacks: number }> {
  const { first, nextFirst } = monthRange(month)
  const n = async (query: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> =>
    Number((await query.execute(t.ledger.db)).rows[0]?.n ?? -1)
  const live = sql`join matters m on m.id = i.matter_id join visits v on v.id = m.visit_id`
  return {
    visits: await n(
      sql`select count(*) as n from visits where visit_date >= ${first} and visit_date < ${nextFirst} and voided_at is null and channel = 'desk'`,
    ),
    issues: await n(
      sql`select count(*) as n from issues i ${live} where i.accepted_date >= ${first} and i.accepted_date < ${nextFirst} and v.voided_at is null`,
    ),
    callbacks: await n(
      sql`select count(*) as n from callbacks c join issues i on i.id = c.issue_id ${live} where c.callback_date >= ${first} and c.callback_date < ${nextFirst} and v.voided_at is null`,
    ),
  }
}

/** No full phone or ID number anywhere in the workbook: columns, free text, every sheet. */
function expectNothingPersonal(workbook: ExcelJS.Workbook, fullValues: string[]): void {
  for (const ws of workbook.worksheets) {
    for (const row of rowsOf(ws)) {
      for (const value of row) {
        const text = textOf(value)
        expect(text, ws.name).not.toMatch(FULL_MOBILE)
        expect(text, ws.name).not.toMatch(ELEVEN_DIGITS)
        expect(text, ws.name).not.toMatch(ID_NUMBER)
        for (const full of fullValues) expect(text, ws.name).not.toContain(full)
      }
    }
  }
}

function expectListSheetShape(ws: ExcelJS.Worksheet, dateHeaders: string[]): void {
  const rows = rowsOf(ws)
  // Header: frozen, bold, filterable over the whole list.
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  for (let c = 1; c <= ws.columnCount; c++) expect(ws.getRow(1).getCell(c).font?.bold, `${ws.name} header ${c}`).toBe(true)
  expect(String(ws.autoFilter)).toMatch(new RegExp(`^A1:[A-Z]+${rows.length}$`))
  // Dates are real dates, shown as yyyy-mm-dd.
  for (const header of dateHeaders) {
    const index = column(rows, header)
    const values = rows
      .slice(1)
      .map((r) => r[index])
      .filter((v) => v !== null && v !== undefined)
    expect(values.length, `${ws.name} ${header}`).toBeGreaterThan(0)
    for (const v of values) expect(v, `${ws.name} ${header}`).toBeInstanceOf(Date)
    for (let r = 2; r <= rows.length; r++) {
      const cell = ws.getRow(r).getCell(index + 1)
      if (cell.value instanceof Date) expect(cell.numFmt).toBe('yyyy-mm-dd')
    }
  }
  // Widths: every header fits (a CJK character is two units), nothing wider than the cap.
  rows[0]?.forEach((header, i) => {
    const width = ws.getColumn(i + 1).width ?? 0
    expect(width, `${ws.name} ${String(header)}`).toBeGreaterThanOrEqual([...String(header)].length * 2)
    expect(width).toBeLessThanOrEqual(60)
  })
}

describe('month export', () => {
  it('puts the hand-worked month on five sheets: figures, visits, issues, callbacks, 信访', async () => {
    await buildExportFixture(t, f)
    const file = path.join(t.dir, '2026-11.xlsx')
    const result = await exportMonthXlsx(t.ctx, { month: '2026-11', file })
    expect(result).toEqual({ file, rows: 6 + 5 + 3 })

    const wb = await readXlsx(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS)
    const summary = sheet(wb, '汇总')
    expectFiguresEqual(summary, { ...HAND_WORKED, ...HAND_WORKED_RATES })
    expectFiguresEqual(summary, expectedFromSummary(await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')))
    expect(categoryTable(summary)).toEqual(HAND_WORKED_CATEGORIES)
    // Every figure row says what it counts.
    const rateRow = rowsOf(summary).findIndex((r) => r[0] === '办结率') + 1
    expect(summary.getRow(rateRow).getCell(5).value).toMatch(/办结 ÷（受理 − 转办）/)
    expect(summary.getRow(rateRow).getCell(2).numFmt).toBe('0.0%')
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(summary.getRow(1).getCell(1).font?.bold).toBe(true)

    const visits = rowsOf(sheet(wb, '来访登记'))
    const issues = rowsOf(sheet(wb, '问题台账'))
    const callbacks = rowsOf(sheet(wb, '回访'))
    expect([visits.length - 1, issues.length - 1, callbacks.length - 1]).toEqual([6, 5, 3])
    expectListSheetShape(sheet(wb, '来访登记'), ['来访日期'])
    expectListSheetShape(sheet(wb, '问题台账'), ['受理日期', '办结时限', '办结日期', '销号日期'])
    expectListSheetShape(sheet(wb, '回访'), ['回访日期'])

    // The first visit, cell by cell where it matters.
    const v1 = visits[1] ?? []
    expect(v1[column(visits, '来访日期')]).toEqual(new Date(Date.UTC(2026, 10, 5)))
    expect(v1[column(visits, '来访人')]).toBe('陈志强')
    expect(v1[column(visits, '联系电话')]).toBe('138****5678')
    expect(v1[column(visits, '身份证号')]).toBe('110***********002X')
    expect(v1[column(visits, '统一社会信用代码')]).toBe('91350100M000100Y43')
    expect(v1[column(visits, '人数')]).toBe(3)
    expect(String(v1[column(visits, '来访事项')])).toMatch(
      /^咨询（排污许可）：许可证延续\n问题 JD-2026-11-\d{4}（环评审批）：扩建环评进度$/,
    )
    // Issues: status, section, the refusal's reason, the last callback.
    const byStatus = new Map(issues.slice(1).map((r) => [r[column(issues, '状态')], r]))
    expect(byStatus.get('不予受理')?.[column(issues, '转办/不予受理理由')]).toBe('+民事纠纷')
    expect(byStatus.get('已转办')?.[column(issues, '转办单位')]).toBe('街道办事处')
    expect(byStatus.get('已销号')?.[column(issues, '最近回访')]).toBe('满意')
    expect(byStatus.get('重新办理')?.[column(issues, '时限情况')]).toBe('已超期')
    expect(byStatus.get('已办结')?.[column(issues, '办结日期')]).toEqual(new Date(Date.UTC(2026, 10, 27)))
    // The phone typed into an issue's text is masked along with the columns.
    expect(byStatus.get('已转办')?.[column(issues, '反映问题')]).toBe('广场舞噪声，请回电137****3333')
    expectNothingPersonal(wb, [...PHONES, '87654321', ID_CHEN, ID_ZHENG])
  })

  it('on a demo month, shows on 汇总 exactly the summary query and lists every record the ledger holds', async () => {
    await generateDemoMonth(t.ctx, '2026-09')
    // A call between reception days: its issue is registered (问题台账), but it is no 接待 (来访登记).
    t.clock.set('2026-09-29 10:00:00')
    const call = await registerContact(t.ctx, {
      channel: 'phone',
      date: '2026-09-28',
      visitor: { name: '电话群众', kind: 'resident', phone: '13311112222' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '夜间货车鸣笛' }],
    })
    const file = path.join(t.dir, 'demo.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-09', file })
    const wb = await readXlsx(file)
    const s = await monthlySummary(t.ledger.db, '2026-09', '2026-10-01')
    expectFiguresEqual(sheet(wb, '汇总'), expectedFromSummary(s))
    expect(categoryTable(sheet(wb, '汇总'))).toEqual(
      s.byCategory.map((c) => [c.categoryName, c.consultations, c.issuesAccepted, c.issuesResolved, c.issuesResolvedInPeriod]),
    )
    const counts = await ledgerCounts('2026-09')
    expect(counts).toEqual({ visits: s.visits, issues: s.issuesRegistered, callbacks: s.callbacks })
    expect(rowsOf(sheet(wb, '来访登记')).length - 1).toBe(counts.visits)
    expect(rowsOf(sheet(wb, '问题台账')).length - 1).toBe(counts.issues)
    expect(rowsOf(sheet(wb, '回访')).length - 1).toBe(counts.callbacks)
    expect(counts.visits).toBeGreaterThan(10)
    const issues = rowsOf(sheet(wb, '问题台账'))
    const called = issues.find((r) => r[0] === call.matters[0]?.issueNumber) ?? []
    // 来源 is the issue's own source, by default the one its channel names.
    expect(called[column(issues, '来源')]).toBe('来电')
    expect(called[column(issues, '联系电话')]).toBe('133****2222')
    expect(issues.slice(1).filter((r) => r[column(issues, '来源')] === '现场接待')).toHaveLength(counts.issues - 1)
    const visitRows = rowsOf(sheet(wb, '来访登记'))
    expect(visitRows.some((r) => r[column(visitRows, '来访人')] === '电话群众')).toBe(false)
    const phones = (await t.ledger.db.selectFrom('visitors').select('phone').execute()).flatMap((v) => (v.phone ? [v.phone] : []))
    expect(phones.length).toBeGreaterThan(5)
    expectNothingPersonal(wb, phones)
  })

  it('refuses an unmasked export to the desk, and writes neither file nor audit row', async () => {
    await buildExportFixture(t, f)
    const before = await tableCounts(t)
    const file = path.join(t.dir, 'unmasked.xlsx')
    await expect(exportMonthXlsx(t.ctx, { month: '2026-11', file, unmasked: true, reason: '法院调取' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/须由负责人本人输入 PIN 登录后操作/),
    })
    expect(fs.existsSync(file)).toBe(false)
    expect(await tableCounts(t)).toEqual(before)
  })

  it('lets a supervisor export unmasked for a stated reason, and audits who, which month and why', async () => {
    await buildExportFixture(t, f)
    actAs(t, f.leader)
    const file = path.join(t.dir, 'unmasked.xlsx')
    await expect(exportMonthXlsx(t.ctx, { month: '2026-11', file, unmasked: true, reason: '  ' })).rejects.toMatchObject({
      message: expect.stringMatching(/导出原因/),
    })
    expect(fs.existsSync(file)).toBe(false)

    await exportMonthXlsx(t.ctx, { month: '2026-11', file, unmasked: true, reason: '区信访局调取原始台账' })
    const audit = await t.ledger.db.selectFrom('audit_log').selectAll().where('action', '=', 'export_unmasked').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: f.leader.id, actor_name: '李建国' })
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ month: '2026-11', reason: '区信访局调取原始台账' })

    const wb = await readXlsx(file)
    const visits = rowsOf(sheet(wb, '来访登记'))
    expect(visits[1]?.[column(visits, '联系电话')]).toBe('13812345678')
    expect(visits[1]?.[column(visits, '身份证号')]).toBe(ID_CHEN)
    expect(figuresOf(sheet(wb, '汇总')).get('个人信息')).toBe('未脱敏（李建国 批准，原因：区信访局调取原始台账）')
  })

  it('refuses a month that is not YYYY-MM and a folder that does not exist, in Chinese', async () => {
    await expect(exportMonthXlsx(t.ctx, { month: '2026-13', file: path.join(t.dir, 'x.xlsx') })).rejects.toThrow(/月份格式应为 YYYY-MM/)
    await expect(exportMonthXlsx(t.ctx, { month: '2026-11', file: path.join(t.dir, 'missing', 'x.xlsx') })).rejects.toThrow(/文件夹不存在/)
  })

  it('writes a readable file even from text that never passed the desk’s input cleaning', async () => {
    await buildExportFixture(t, f)
    // As an import or an older version might have left it: a control character, an answer longer than a cell.
    await t.ledger.db
      .updateTable('matters')
      .set({ content: 'BEL\u0007内容', answer: '长'.repeat(40_000) })
      .where('type', '=', 'consultation')
      .execute()
    const file = path.join(t.dir, 'odd.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-11', file })
    const visits = rowsOf(sheet(await readXlsx(file), '来访登记'))
    const answers = visits.slice(1).map((r) => String(r[column(visits, '咨询答复')] ?? ''))
    expect(Math.max(...answers.map((a) => a.length))).toBe(32767)
    expect(
      visits
        .slice(1)
        .map((r) => String(r[column(visits, '来访事项')]))
        .join(''),
    ).toContain('BEL内容')
  })

  it('replaces an earlier export of the same name and leaves no temporary file', async () => {
    const file = path.join(t.dir, 'again.xlsx')
    fs.writeFileSync(file, 'old')
    await exportMonthXlsx(t.ctx, { month: '2026-11', file })
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK')
    expect(fs.readdirSync(t.dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})
