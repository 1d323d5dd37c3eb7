import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { generateDemoMonth } from '../../tools/demo'
import { exportYearXlsx } from '../../db/export'
import { monthlySummary } from '../../db/figures/month'
import { petitionFigures } from '../../db/figures/petition-figures'
import { petitionSheet } from '../../db/export/petition-sheet'
import type { MonthlySummary } from '../../shared/types'
import { column, ELEVEN_DIGITS, FULL_MOBILE, readXlsx, rowsOf, sheet, textOf } from '../support/export-files'
import { openEngineLedger } from '../support/engine-ledger'
import type { TestLedger } from '../support/temp-ledger'

// A year through the streaming writer, at small scale: two demo months in 2026, one in 2025 that
// must stay out.

let t: TestLedger<Ledger>
const summaries: MonthlySummary[] = []

beforeAll(async () => {
  t = await openEngineLedger('2026-12-31 17:00:00')
  for (const month of ['2025-12', '2026-03', '2026-09']) await generateDemoMonth(t.ctx, month)
  for (let m = 1; m <= 12; m++) summaries.push(await monthlySummary(t.ledger.db, `2026-${String(m).padStart(2, '0')}`, '2026-12-31'))
})
afterAll(async () => {
  await t.close()
})

const sum = (pick: (s: MonthlySummary) => number) => summaries.reduce((n, s) => n + pick(s), 0)

describe('year export', () => {
  it('streams 汇总 (a row per month) and every record of the year, reporting progress up to the total', async () => {
    const file = path.join(t.dir, '2026.xlsx')
    const reports: { done: number; total: number }[] = []
    const result = await exportYearXlsx(t.ctx, { year: 2026, file, progressEvery: 10, onProgress: (p) => reports.push(p) })

    const visits = sum((s) => s.visits)
    const issues = sum((s) => s.issuesRegistered)
    const callbacks = sum((s) => s.callbacks)
    expect(visits).toBe(30)
    expect(result.rows).toBe(visits + issues + callbacks)
    // 汇总's twelve months, the three lists, and the 信访 sheet (the year's figures over its list).
    const span = { from: '2026-01-01', to: '2027-01-01' }
    const petitionRows = (
      await petitionSheet(t.ledger.db, span, await petitionFigures(t.ledger.db, span.from, span.to, '2026-12-31'), { unmasked: false })
    ).rows.length
    const total = 12 + visits + issues + callbacks + petitionRows
    expect(reports.length).toBeGreaterThan(4)
    expect(reports[0]).toEqual({ done: 0, total })
    expect(reports.at(-1)).toEqual({ done: total, total })
    for (const r of reports) expect(r.total).toBe(total)
    const dones = reports.map((r) => r.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))

    const wb = await readXlsx(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '来访登记', '问题台账', '回访', '信访'])
    const summary = rowsOf(sheet(wb, '汇总'))
    expect(summary.map((r) => r[0])).toEqual(['月份', ...summaries.map((s) => s.month)])
    for (const s of summaries) {
      const row = summary.find((r) => r[0] === s.month) ?? []
      expect(row[column(summary, '接待日（场）')], s.month).toBe(s.sessions)
      expect(row[column(summary, '接待企业（家）')], s.month).toBe(s.enterprises)
      expect(row[column(summary, '接待人次')], s.month).toBe(s.personTimes)
      expect(row[column(summary, '受理（个）')], s.month).toBe(s.issuesAccepted)
      expect(row[column(summary, '办结（个）')], s.month).toBe(s.issuesResolved)
      expect(row[column(summary, '回访（次）')], s.month).toBe(s.callbacks)
      const rate = row[column(summary, '办结率')]
      if (s.resolutionRate === null) expect(rate).toBe('—')
      else expect(typeof rate === 'number' ? Math.round(rate * 1000) / 10 : rate).toBe(s.resolutionRate)
    }

    for (const [name, count, dateHeader] of [
      ['来访登记', visits, '来访日期'],
      ['问题台账', issues, '受理日期'],
      ['回访', callbacks, '回访日期'],
    ] as const) {
      const ws = sheet(wb, name)
      const rows = rowsOf(ws)
      expect(rows.length - 1, name).toBe(count)
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true)
      const dates = rows.slice(1).map((r) => r[column(rows, dateHeader)])
      for (const d of dates) {
        expect(d).toBeInstanceOf(Date)
        expect(textOf(d ?? null).slice(0, 4), name).toBe('2026')
      }
      for (const row of rows) for (const v of row) expect(textOf(v)).not.toMatch(FULL_MOBILE)
      for (const row of rows) for (const v of row) expect(textOf(v)).not.toMatch(ELEVEN_DIGITS)
    }
  })

  it('refuses a year that is not a four-digit year', async () => {
    await expect(exportYearXlsx(t.ctx, { year: 99, file: path.join(t.dir, 'x.xlsx') })).rejects.toThrow(/年份应为/)
  })
})
