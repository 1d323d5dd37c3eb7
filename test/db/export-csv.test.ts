import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { exportIssuesCsv } from '../../db/export'
import { csvField } from '../../db/export/csv'
import { monthlySummary } from '../../db/figures/month'
import { ELEVEN_DIGITS, FULL_MOBILE, ID_NUMBER, parseCsv } from '../support/export-files'
import { buildExportFixture, ID_ZHENG, PHONES } from '../support/export-fixture'
import { openEngineLedger } from '../support/engine-ledger'
import { seedFixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>

beforeAll(async () => {
  t = await openEngineLedger('2026-10-01 08:00:00')
  await buildExportFixture(t, await seedFixture(t))
})
afterAll(async () => {
  await t.close()
})

const HEADER = [
  '问题编号',
  '状态',
  '问题类别',
  '反映问题',
  '地点',
  '来访人',
  '联系电话',
  '企业/单位',
  '来源',
  '承办股室',
  '承办人',
  '包案领导',
  '受理日期',
  '办结时限',
  '时限暂定',
  '时限情况',
  '办结日期',
  '办理结果',
  '销号日期',
  '最近回访',
  '转办单位',
  '转办/不予受理理由',
  '办理程序',
  '工单号/文号',
  '来源单位',
  '被反映对象',
  '被反映对象信用代码',
  '属地',
  '重复件（原问题编号）',
  '集体访',
  '协办股室',
  '主办签收',
  '查实情况',
  '处理措施',
  '整改期限',
  '罚款金额（元）',
  '超期后延期（次）',
]

describe('issue ledger CSV', () => {
  it('is UTF-8 with a BOM and CRLF line ends, and parses back to one row per issue of the month', async () => {
    const file = path.join(t.dir, 'issues.csv')
    const result = await exportIssuesCsv(t.ctx, { month: '2026-11', file })
    const bytes = fs.readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    const rows = parseCsv(text)
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    expect(result.rows).toBe(s.issuesRegistered)
    expect(rows).toHaveLength(1 + s.issuesRegistered)
    expect(rows[0]).toEqual(HEADER)
    for (const row of rows) expect(row).toHaveLength(HEADER.length)
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'JD-2026-11-0001',
      'JD-2026-11-0002',
      'JD-2026-11-0003',
      'JD-2026-11-0004',
      'JD-2026-11-0005',
    ])
    expect(rows.slice(1).map((r) => r[HEADER.indexOf('受理日期')])).toEqual([
      '2026-11-05',
      '2026-11-05',
      '2026-11-19',
      '2026-11-19',
      '2026-11-19',
    ])
    expect(rows.slice(1).map((r) => r[1])).toEqual(['已销号', '重新办理', '已转办', '不予受理', '已办结'])
  })

  it('defuses fields a spreadsheet would run as formulas, keeping the text', async () => {
    const file = path.join(t.dir, 'injection.csv')
    await exportIssuesCsv(t.ctx, { month: '2026-11', file })
    const rows = parseCsv(fs.readFileSync(file, 'utf8').slice(1))
    const policy = rows.find((r) => r[2] === '政策咨询') ?? []
    expect(policy[3]).toBe(`'=HYPERLINK("http://example.com/x","要求书面答复新政策")`)
    expect(policy[4]).toBe(`'@城南, "新区"`)
    expect(rows.find((r) => r[1] === '不予受理')?.[HEADER.indexOf('转办/不予受理理由')]).toBe(`'+民事纠纷`)
    expect(rows.find((r) => r[1] === '已转办')?.[HEADER.indexOf('转办/不予受理理由')]).toBe(`'-社会生活噪声`)
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('masks phones and ID numbers, in their column and in the text', async () => {
    const file = path.join(t.dir, 'masked.csv')
    await exportIssuesCsv(t.ctx, { month: '2026-11', file })
    const text = fs.readFileSync(file, 'utf8')
    for (const re of [FULL_MOBILE, ELEVEN_DIGITS, ID_NUMBER]) expect(text).not.toMatch(re)
    for (const full of [...PHONES, ID_ZHENG]) expect(text).not.toContain(full)
    expect(text).toContain('138****5678')
  })

  it('exports a whole year, and wants a month or a year but not both', async () => {
    const file = path.join(t.dir, 'year.csv')
    const result = await exportIssuesCsv(t.ctx, { year: 2026, file })
    const oct = await monthlySummary(t.ledger.db, '2026-10', '2026-11-30')
    const nov = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    expect(result.rows).toBe(oct.issuesRegistered + nov.issuesRegistered)
    expect(parseCsv(fs.readFileSync(file, 'utf8').slice(1))).toHaveLength(1 + result.rows)
    await expect(exportIssuesCsv(t.ctx, { file })).rejects.toThrow(/月份或年份（二选一）/)
    await expect(exportIssuesCsv(t.ctx, { month: '2026-11', year: 2026, file })).rejects.toThrow(/月份或年份（二选一）/)
    await expect(exportIssuesCsv(t.ctx, { year: 26, file })).rejects.toThrow(/年份应为/)
  })

  it('quotes by RFC 4180', () => {
    expect(csvField('甲,乙')).toBe('"甲,乙"')
    expect(csvField('说"好"')).toBe('"说""好"""')
    expect(csvField('两行\n文字')).toBe('"两行\n文字"')
    expect(csvField(' 前有空格')).toBe('" 前有空格"')
    expect(csvField('-1')).toBe("'-1")
    expect(csvField('普通')).toBe('普通')
    expect(csvField(3)).toBe('3')
    expect(csvField(null)).toBe('')
    expect(csvField(new Date(Date.UTC(2026, 10, 5)))).toBe('2026-11-05')
  })
})
