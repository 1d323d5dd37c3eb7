import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { petitionSheet } from '../../db/export/petition-sheet'
import { petitionFigures } from '../../db/figures/petition-figures'
import { generateDemoMonth } from '../../tools/demo'
import { z } from 'zod'
import type { ExportProgress } from '../../shared/types'
import type { Envelope } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState, SaveFilter } from '../../electron/handlers/types'
import { appState, data } from '../support/dispatch'
import { readXlsx } from '../support/export-files'
import { openEngineLedger } from '../support/engine-ledger'
import { actorOf, seedFixture, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

// The export calls as the renderer makes them, through dispatch (the same path as IPC), with the
// save dialog replaced by a function that answers a temp path and remembers what it was asked.

let t: TestLedger<Ledger>
let f: Fixture
let state: AppState
const asked: { name: string; filters: SaveFilter[] }[] = []
let answer: (name: string) => string | null

beforeAll(async () => {
  t = await openEngineLedger('2026-10-01 08:00:00')
  f = await seedFixture(t)
  await generateDemoMonth(t.ctx, '2026-09')
  state = appState(t, actorOf(f.desk), {
    chooseSavePath: async (name, filters) => {
      asked.push({ name, filters })
      return answer(name)
    },
  })
})
afterAll(async () => {
  await t.close()
})

function failure<T>(e: Envelope<T>): { code: string; message: string } {
  if (e.ok) throw new Error('expected a refusal')
  return e.error
}

const inTemp = (name: string) => path.join(t.dir, name)

// What crosses the wire, checked rather than assumed: dispatch answers unknown data.
const exportResult = z.object({ file: z.string(), rows: z.number().int().nonnegative() }).strict().nullable()
const exportProgress = z.object({ running: z.boolean(), done: z.number(), total: z.number() }).strict()
const result = (e: Envelope<unknown>) => exportResult.parse(data(e))
const progressOf = (e: Envelope<unknown>): ExportProgress => exportProgress.parse(data(e))

describe('export calls', () => {
  it('export-month asks where to save, suggesting a name, and answers the file and its rows', async () => {
    answer = inTemp
    asked.length = 0
    const written = result(await dispatch(state, 'export-month', { month: '2026-09' }))
    expect(asked).toEqual([{ name: '接待日台账-2026-09.xlsx', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] }])
    expect(written).toEqual({ file: inTemp('接待日台账-2026-09.xlsx'), rows: expect.any(Number) })
    expect((await readXlsx(inTemp('接待日台账-2026-09.xlsx'))).worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '来访登记',
      '问题台账',
      '回访',
      '信访',
    ])
  })

  it('answers null and writes nothing when the user cancels the dialog', async () => {
    answer = () => null
    expect(result(await dispatch(state, 'export-month', { month: '2026-08' }))).toBeNull()
    expect(result(await dispatch(state, 'export-year', { year: 2026 }))).toBeNull()
    expect(result(await dispatch(state, 'export-issues-csv', { month: '2026-08' }))).toBeNull()
    expect(fs.readdirSync(t.dir).filter((n) => n.includes('2026-08'))).toEqual([])
  })

  it('refuses an unmasked export to the desk before any dialog, and without a save dialog at all', async () => {
    answer = inTemp
    asked.length = 0
    const before = await tableCounts(t)
    expect(failure(await dispatch(state, 'export-month', { month: '2026-09', unmasked: true, reason: '核对' }))).toMatchObject({
      code: 'forbidden',
    })
    expect(asked).toEqual([])
    expect(await tableCounts(t)).toEqual(before)

    state.operator = actorOf(f.leader)
    expect(failure(await dispatch(state, 'export-month', { month: '2026-09', unmasked: true })).message).toMatch(/导出原因/)
    expect(asked).toEqual([])
    const unmasked = result(await dispatch(state, 'export-month', { month: '2026-09', unmasked: true, reason: '市局核查' }))
    expect(unmasked?.file).toBe(inTemp('接待日台账-2026-09-未脱敏.xlsx'))
    const audited = await t.ledger.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'export_unmasked')
      .execute()
    expect(audited).toEqual([{ actor_id: f.leader.id, detail: expect.stringContaining('市局核查') }])
    state.operator = actorOf(f.desk)

    const bare: AppState = { ledger: t.ledger, operator: state.operator, appVersion: 'test', now: t.clock.now }
    expect(failure(await dispatch(bare, 'export-month', { month: '2026-09' }))).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/无法选择保存位置/),
    })
  })

  it('export-year reports progress to a poll while it runs, and refuses a second year export meanwhile', async () => {
    answer = inTemp
    const idle = progressOf(await dispatch(state, 'export-progress', {}))
    expect(idle.running).toBe(false)

    let settled = false
    const running = dispatch(state, 'export-year', { year: 2026 }).finally(() => {
      settled = true
    })
    const seen: ExportProgress[] = []
    let secondRefused = false
    do {
      await new Promise<void>((resolve) => setImmediate(resolve))
      const now = progressOf(await dispatch(state, 'export-progress', {}))
      seen.push(now)
      // On a server the export first reads who is on duty there: the first poll may come before it runs.
      if (now.running && !secondRefused) {
        expect(failure(await dispatch(state, 'export-year', { year: 2025 }))).toMatchObject({ code: 'busy' })
        secondRefused = true
      }
    } while (!settled)
    const year = result(await running)
    expect(year?.file).toBe(inTemp('接待日台账-2026年.xlsx'))

    expect(secondRefused).toBe(true)
    const final = progressOf(await dispatch(state, 'export-progress', {}))
    expect(final.running).toBe(false)
    expect(final.done).toBe(final.total)
    // 汇总's twelve months, the listed rows, and the 信访 sheet (the year's figures over its list).
    const span = { from: '2026-01-01', to: '2027-01-01' }
    const petitions = await petitionSheet(t.ledger.db, span, await petitionFigures(t.ledger.db, span.from, span.to, '2026-11-10'), {
      unmasked: false,
    })
    expect(final.total).toBe(12 + (year?.rows ?? 0) + petitions.rows.length)
    const dones = seen.map((p) => p.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(fs.existsSync(inTemp('接待日台账-2025年.xlsx'))).toBe(false)
  })

  it('export-issues-csv wants a month or a year, and suggests a .csv name', async () => {
    answer = inTemp
    asked.length = 0
    for (const input of [{}, { month: '2026-09', year: 2026 }]) {
      expect(failure(await dispatch(state, 'export-issues-csv', input))).toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/月份或年份（二选一）/),
      })
    }
    const csv = result(await dispatch(state, 'export-issues-csv', { year: 2026 }))
    expect(asked).toEqual([{ name: '问题台账-2026年.csv', filters: [{ name: 'CSV（逗号分隔）', extensions: ['csv'] }] }])
    expect(fs.readFileSync(csv?.file ?? '', 'utf8').startsWith('\uFEFF')).toBe(true)
    expect(failure(await dispatch(state, 'export-year', { year: 1999 }))).toMatchObject({ code: 'invalid_input' })
  })
})
