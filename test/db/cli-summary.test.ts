import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ledgerCli } from '../support/cli'
import { buildEdgeMonth } from '../support/edge-month'
import { readXlsx, rowsOf, sheet } from '../support/export-files'
import { commandLineTestKeys } from '../support/keys'
import { openTempLedger, seedFixture, type TestLedger } from '../support/temp-ledger'

// `npm run ledger -- summary --from D --to D [--json]` and `export --from D --to D` over the
// hand-worked October–November 2026 of test/support/edge-month.ts (worked out in
// test/db/figures-edges.test.ts).

let t: TestLedger
beforeAll(async () => {
  t = await openTempLedger('2026-10-01 08:00:00', { keys: commandLineTestKeys })
  await buildEdgeMonth(t, await seedFixture(t))
  await t.ledger.close()
}, 60_000)
afterAll(() => {
  fs.rmSync(t.dir, { recursive: true, force: true })
})

function json(stdout: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(stdout)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`not an object: ${stdout}`)
  return Object.fromEntries(Object.entries(parsed))
}

describe('ledger summary for any period', () => {
  it('prints October to November as JSON: the figures, their period and the sentence', async () => {
    const r = await ledgerCli('summary', '--db', t.file, '--from', '2026-10-01', '--to', '2026-11-30', '--json')
    expect(r.code).toBe(0)
    const s = json(r.stdout)
    expect(s).toMatchObject({
      period: { from: '2026-10-01', to: '2026-11-30', kind: 'months', label: '2026年10月至11月' },
      sessions: 2,
      issuesAccepted: 5,
      issuesResolved: 4,
      callbacks: 2,
      issuesCalledBack: 1,
      resolutionRate: 80,
    })
    expect(s['sentence']).toBe(
      '2026年10月至11月，共举办接待日2场，接待群众4人次；受理问题5个，已办结4个，办结率80%，按期办结率75%；' +
        '回访问题1个（2次），满意率100%；尚在办理1个，将持续跟踪督办。',
    )
  })

  it('prints a period as text with both 办结 figures and the sentence', async () => {
    const r = await ledgerCli('summary', '--db', t.file, '--from', '2026-11-01', '--to', '2026-11-30')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('2026年11月汇总（2026-11-01 至 2026-11-30）')
    expect(r.stdout).toContain('本月受理问题：1 个；其中已办结 1 个')
    expect(r.stdout).toContain('本月办结：3 个（含上月结转 2 个，按期 2 个）')
    expect(r.stdout).toContain('上月结转未办结：3 个（目前仍在办理 1 个）')
    expect(r.stdout).toContain('上月结转问题尚有1个在办理')
  })

  it('starts --from start at the ledger’s first record', async () => {
    const r = await ledgerCli('summary', '--db', t.file, '--from', 'start', '--to', '2026-11-30', '--json')
    expect(r.code).toBe(0)
    expect(json(r.stdout)).toMatchObject({ period: { from: '2026-10-20', to: '2026-11-30' }, firstRecordDate: '2026-10-20', sessions: 2 })
  })

  it('explains a bad date, a mixed choice and a backwards range without a stack trace', async () => {
    const bad = await ledgerCli('summary', '--db', t.file, '--from', '2026-1-1', '--to', '2026-11-30')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/开始日期格式应为 YYYY-MM-DD/)
    const mixed = await ledgerCli('summary', '--db', t.file, '--month', '2026-11', '--from', '2026-11-01')
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(/只能选一种/)
    const backwards = await ledgerCli('summary', '--db', t.file, '--from', '2026-11-30', '--to', '2026-11-01')
    expect(backwards.code).toBe(2)
    expect(backwards.stderr).toMatch(/结束日期 2026-11-01 不能早于开始日期 2026-11-30/)
    for (const x of [bad, mixed, backwards]) expect(x.stderr).not.toMatch(/\n\s+at /)
  })

  it('exports the period’s Excel: 汇总 with the period’s figures, then its visits, issues and callbacks', async () => {
    const out = path.join(t.dir, '2026-10至11.xlsx')
    const r = await ledgerCli('export', '--db', t.file, '--from', '2026-10-01', '--to', '2026-11-30', '--out', out)
    expect(r.code).toBe(0)
    const wb = await readXlsx(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '来访登记', '问题台账', '回访', '信访'])
    const figures = new Map(rowsOf(sheet(wb, '汇总')).map((row) => [row[0], row[1]]))
    expect(figures.get('期间')).toBe('2026年10月至11月')
    expect(figures.get('受理（个）')).toBe(5)
    expect(figures.get('本期办结（个）')).toBe(4)
    expect(figures.get('回访问题（个）')).toBe(1)
    // 4 desk visits; 5 issues (the letter's among them); 2 calls.
    expect(rowsOf(sheet(wb, '来访登记')).length - 1).toBe(4)
    expect(rowsOf(sheet(wb, '问题台账')).length - 1).toBe(5)
    expect(rowsOf(sheet(wb, '回访')).length - 1).toBe(2)
  })
})
