import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { generateDemoMonth } from '../../tools/demo'
import { openApp, type AppUnderTest } from '../support/browser'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

describe('导出 from the 统计 screen', () => {
  it('exports the month to Excel with its five sheets', async () => {
    app = await openApp({ now: '2026-11-25 10:00:00', seed: async (ctx) => void (await generateDemoMonth(ctx, '2026-10')) })
    const { page } = app
    await page.goto(`${app.bridge.url}#/summary?month=2026-10`)
    await page.getByRole('button', { name: '导出本月 Excel' }).click()
    const note = page.getByText(/^已导出 \d+ 行到 .*\.xlsx$/)
    await note.waitFor()
    const file = /到 (.*\.xlsx)$/.exec((await note.textContent()) ?? '')?.[1] ?? ''
    expect(fs.existsSync(file)).toBe(true)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '来访登记', '问题台账', '回访', '信访'])
  })

  it('exports the whole year, with the progress dialog closing when done', async () => {
    app = await openApp({ now: '2026-11-25 10:00:00', seed: async (ctx) => void (await generateDemoMonth(ctx, '2026-10')) })
    const { page } = app
    await page.goto(`${app.bridge.url}#/summary?month=2026-10`)
    await page.getByRole('button', { name: '更多导出' }).click()
    await page.getByText('导出 2026 全年 Excel').click()
    await page.getByText(/^已导出 \d+ 行到 .*2026.*\.xlsx$/).waitFor()
    await page.getByText('正在导出 2026 年台账').waitFor({ state: 'hidden' })
    expect(await page.getByRole('progressbar').count()).toBe(0)
  })
})
