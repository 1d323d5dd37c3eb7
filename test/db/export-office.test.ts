import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { exportMonthXlsx, exportYearXlsx } from '../../db/export'
import { monthlySummary } from '../../db/figures/month'
import type { MonthlySummary } from '../../shared/types'
import { convertedSheet, convertWithLibreOffice, ELEVEN_DIGITS, FULL_MOBILE, ID_NUMBER, parseCsv } from '../support/export-files'
import { buildExportFixture, HAND_WORKED, HAND_WORKED_CATEGORIES } from '../support/export-fixture'
import { openEngineLedger } from '../support/engine-ledger'
import { seedFixture, type TestLedger } from '../support/temp-ledger'

// The exports opened by a real office suite: LibreOffice reads each file and saves every sheet as
// CSV, showing cells as a user would see them. The writer runs east of Greenwich (Asia/Shanghai)
// so a date written as local midnight would show up here as the day before.

const SHEETS = ['汇总', '来访登记', '问题台账', '回访', '信访']
let t: TestLedger<Ledger>
let monthFile: string
let yearFile: string
let outDir: string
let november: MonthlySummary
let october: MonthlySummary
const previousTz = process.env['TZ']

beforeAll(async () => {
  process.env['TZ'] = 'Asia/Shanghai'
  t = await openEngineLedger('2026-10-01 08:00:00')
  await buildExportFixture(t, await seedFixture(t))
  monthFile = path.join(t.dir, 'month.xlsx')
  yearFile = path.join(t.dir, 'year.xlsx')
  await exportMonthXlsx(t.ctx, { month: '2026-11', file: monthFile })
  await exportYearXlsx(t.ctx, { year: 2026, file: yearFile })
  november = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
  october = await monthlySummary(t.ledger.db, '2026-10', '2026-11-30')
  outDir = path.join(t.dir, 'lo-out')
  await convertWithLibreOffice([monthFile, yearFile], outDir, path.join(t.dir, 'lo-profile'))
}, 150_000)
afterAll(async () => {
  if (previousTz === undefined) delete process.env['TZ']
  else process.env['TZ'] = previousTz
  await t.close()
})

function csv(file: string, name: string): string[][] {
  return parseCsv(convertedSheet(outDir, file, name).replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c !== ''))
}

const shown = (rate: number | null): string => (rate === null ? '—' : `${rate.toFixed(1)}%`)

describe('LibreOffice opens the exports', () => {
  it('converts every sheet of the month export, and 汇总 shows the summary figures', () => {
    const summary = csv(monthFile, '汇总')
    const values = new Map(summary.map((r) => [r[0], r[1]]))
    for (const [label, n] of Object.entries(HAND_WORKED)) expect(values.get(label), label).toBe(String(n))
    expect(values.get('办结率')).toBe(shown(november.resolutionRate))
    expect(values.get('按期办结率')).toBe(shown(november.onTimeRate))
    expect(values.get('满意率')).toBe(shown(november.satisfactionRate))
    expect(values.get('办结率')).toBe('66.7%')
    expect(values.get('接待人次')).toBe(String(november.personTimes))
    // Empty rows were dropped above: the category table runs until the section table's header.
    const start = summary.findIndex((r) => r[0] === '问题类别') + 1
    const end = summary.findIndex((r) => r[0] === '承办股室')
    const table = summary.slice(start, end < 0 ? undefined : end).map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4])])
    expect(table).toEqual(HAND_WORKED_CATEGORIES)
  })

  it('shows the lists with their dates on the right day and no full phone or ID number', () => {
    const visits = csv(monthFile, '来访登记')
    const issues = csv(monthFile, '问题台账')
    const callbacks = csv(monthFile, '回访')
    expect([visits.length, issues.length, callbacks.length]).toEqual([1 + 6, 1 + 5, 1 + 3])
    expect(visits.slice(1).map((r) => r[0])).toEqual(['2026-11-05', '2026-11-05', '2026-11-05', '2026-11-19', '2026-11-19', '2026-11-19'])
    expect(visits[1]?.[5]).toBe('138****5678')
    expect(callbacks.slice(1).map((r) => r[0])).toEqual(['2026-11-12', '2026-11-21', '2026-11-26'])
    for (const sheet of SHEETS) {
      for (const row of csv(monthFile, sheet)) {
        for (const cell of row) {
          expect(cell).not.toMatch(FULL_MOBILE)
          expect(cell).not.toMatch(ELEVEN_DIGITS)
          expect(cell).not.toMatch(ID_NUMBER)
        }
      }
    }
  })

  it('converts every sheet of the year export, with one 汇总 row per month holding that month’s figures', () => {
    const summary = csv(yearFile, '汇总')
    expect(summary.map((r) => r[0])).toEqual(['月份', ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)])
    const header = summary[0] ?? []
    for (const s of [october, november]) {
      const row = summary.find((r) => r[0] === s.month) ?? []
      const at = (label: string) => row[header.indexOf(label)]
      expect(at('接待日（场）')).toBe(String(s.sessions))
      expect(at('接待人次')).toBe(String(s.personTimes))
      expect(at('受理（个）')).toBe(String(s.issuesAccepted))
      expect(at('办结（个）')).toBe(String(s.issuesResolved))
      expect(at('办结率')).toBe(shown(s.resolutionRate))
      expect(at('满意率')).toBe(shown(s.satisfactionRate))
      expect(at('上月结转未办结（个）')).toBe(String(s.carriedOver))
    }
    expect(csv(yearFile, '来访登记')).toHaveLength(1 + october.visits + november.visits)
    expect(csv(yearFile, '问题台账')).toHaveLength(1 + october.issuesRegistered + november.issuesRegistered)
    expect(csv(yearFile, '回访')).toHaveLength(1 + october.callbacks + november.callbacks)
  })
})
