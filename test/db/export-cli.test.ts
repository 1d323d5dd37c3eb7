import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commandLineTestKeys } from '../support/keys'
import { generateDemoMonth } from '../../tools/demo'
import { monthlySummary } from '../../db/figures/month'
import { openLedger } from '../../db/core/open'
import type { MonthlySummary } from '../../shared/types'
import { ledgerCli } from '../support/cli'
import { parseCsv, readXlsx, rowsOf, sheet } from '../support/export-files'
import { tempDir } from '../support/temp-ledger'
import { planExport, type ExportArgs } from '../../tools/cli/export'

let dir: string
let db: string
let september: MonthlySummary

beforeAll(async () => {
  dir = tempDir('ledger-export-cli-')
  db = path.join(dir, 'ledger.sqlite')
  const ledger = await openLedger(db, { keys: commandLineTestKeys })
  await generateDemoMonth({ db: ledger.db, actor: { ...systemActor, name: '演示' }, now: () => new Date() }, '2026-09')
  september = await monthlySummary(ledger.db, '2026-09', '2026-09-30')
  await ledger.close()
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('npm run ledger -- export', () => {
  it('writes the month export and the issue CSV', async () => {
    const month = path.join(dir, '九月.xlsx')
    const csv = path.join(dir, '问题.csv')
    const [m, c] = await Promise.all([
      ledgerCli('export', '--db', db, '--month', '2026-09', '--out', month),
      ledgerCli('export', '--db', db, '--month', '2026-09', '--csv', '--out', csv),
    ])
    for (const r of [m, c]) expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' })
    expect(m.stdout).toMatch(/已导出 2026-09 台账.*联系电话已脱敏/)
    expect(c.stdout).toContain(`${september.issuesRegistered} 个问题`)

    const wb = await readXlsx(month)
    const figures = rowsOf(sheet(wb, '汇总'))
    expect(figures.find((r) => r[0] === '受理（个）')?.[1]).toBe(september.issuesAccepted)
    expect(figures.find((r) => r[0] === '接待人次')?.[1]).toBe(september.personTimes)
    expect(rowsOf(sheet(wb, '来访登记'))).toHaveLength(1 + september.visits)
    const text = fs.readFileSync(csv, 'utf8')
    expect(text.startsWith('\uFEFF问题编号,')).toBe(true)
    expect(parseCsv(text.slice(1))).toHaveLength(1 + september.issuesRegistered)
  })

  it('explains a bad argument or a missing ledger in Chinese, exits 2, and writes nothing', async () => {
    const out = path.join(dir, 'bad.xlsx')
    const [both, missing] = await Promise.all([
      ledgerCli('export', '--db', db, '--month', '2026-09', '--year', '2026', '--out', out),
      ledgerCli('export', '--db', path.join(dir, 'missing.sqlite'), '--month', '2026-09', '--out', out),
    ])
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/--month 与 --year 只能选一个[\s\S]*用法：[\s\S]*export\s+--db 文件 --month YYYY-MM --out 文件\.xlsx/)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/台账文件不存在/)
    for (const r of [both, missing]) expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(fs.existsSync(out)).toBe(false)
    expect(fs.existsSync(path.join(dir, 'missing.sqlite'))).toBe(false)
  })

  it('checks every argument before opening the ledger', () => {
    const usage = (message: string) => new Error(message)
    const plan = (args: Partial<ExportArgs>) => () =>
      planExport({ month: undefined, year: undefined, out: undefined, csv: false, ...args }, usage)
    const out = path.join(dir, 'x.xlsx')
    expect(plan({ month: '2026-09' })).toThrow(/缺少参数 --out/)
    expect(plan({ out })).toThrow(/--month YYYY-MM 或 --year YYYY/)
    expect(plan({ month: '2026-9', out })).toThrow(/月份格式应为 YYYY-MM/)
    expect(plan({ year: '26', out })).toThrow(/年份应为/)
    expect(plan({ year: '2026x', out })).toThrow(/年份应为/)
    expect(plan({ month: '2026-09', out: path.join(dir, 'x.xls') })).toThrow(/应以 \.xlsx 结尾/)
    expect(plan({ month: '2026-09', out, csv: true })).toThrow(/应以 \.csv 结尾/)
    expect(plan({ month: '2026-09', out: path.join(dir, 'no-such-folder', 'x.xlsx') })).toThrow(/文件夹不存在/)
    expect(plan({ year: '2026', out })()).toEqual({ month: undefined, year: 2026, out, csv: false })
  })
})
