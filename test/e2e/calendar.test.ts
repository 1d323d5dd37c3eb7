import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listCategories, saveStaff, seedDefaults } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, type AppUnderTest } from '../support/browser'
import { actorOf, tempDir } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

// 15 December 2026: an issue of 大气 (15 working days) accepted today is counted past the
// provisional 元旦 2027: 16–18, 21–25, 28–31 (12), 1 January off (暂定), 4, 5, 6 → 2027-01-06.

const ICS_2027 = [
  'BEGIN:VCALENDAR',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n')

const SUPERVISOR_PIN = '8642'

/** Entering next year's arrangement is a 负责人's: with a file to import, one is signed in. */
async function openDecember(importFile?: string): Promise<AppUnderTest> {
  return openApp({
    now: '2026-12-15 09:00:00',
    ...(importFile ? { importFile, onDuty: { name: '李建国', pin: SUPERVISOR_PIN } } : {}),
    seed: async (ctx) => {
      await seedDefaults(ctx)
      if (importFile) {
        const boss = await saveStaff(ctx, { name: '李建国', role: 'supervisor' })
        await setStaffPin({ ...ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: SUPERVISOR_PIN })
      }
      const day = await openSession(ctx, (await planSession(ctx, { date: '2026-12-15', kind: 'public', location: '局一楼接待室' })).id)
      const air = (await listCategories(ctx.db)).find((c) => c.name === '大气')
      await registerVisit(ctx, {
        sessionId: day.id,
        visitor: { name: '张桂芳', kind: 'resident' },
        headcount: 1,
        matters: [{ type: 'issue', categoryId: air?.id ?? 0, content: '化工园区夜间异味' }],
      })
    },
  })
}

describe('next year’s calendar on screen', () => {
  it('says once on the desk’s start page and in 设置 → 节假日 that 2027 is not entered, and marks the deadline 暂定 in the ledger', async () => {
    app = await openDecember()
    const { page } = app
    await page.getByText('下一年放假安排尚未录入').waitFor()
    expect(await page.getByText('下一年放假安排尚未录入').count()).toBe(1)
    await page.getByText(/2027年的国务院放假安排尚未录入/).waitFor()
    // The desk may put it away for the day's work.
    await page.getByRole('button', { name: '关闭提示' }).click()
    await page.getByText('下一年放假安排尚未录入').waitFor({ state: 'detached' })

    await page.getByRole('menuitem', { name: '问题台账' }).click()
    const row = page.getByRole('row', { name: /化工园区夜间异味/ })
    await row.getByText('2027-01-06').waitFor()
    await row.getByText('暂定', { exact: true }).waitFor()

    await page.goto(`${app.bridge.url}#/settings?tab=holidays`)
    await page.getByText('下一年放假安排尚未录入').waitFor()
    expect(await page.getByText('下一年放假安排尚未录入').count()).toBe(1)
    const years = page.getByRole('region', { name: '各年节假日数据' })
    await years.getByText('暂定（按法定节假日推算）').waitFor()
    await years.getByText(/02-05 春节/).waitFor()
    await page.getByText('目前有 1 个未办结问题的办结时限为“暂定”。').waitFor()
  })

  it('imports the 2027 arrangement from an .ics file, after which the notice and the 暂定 mark are gone', async () => {
    const file = path.join(tempDir('holidays-e2e-'), '2027年放假安排.ics')
    fs.writeFileSync(file, ICS_2027)
    app = await openDecember(file)
    const { page } = app
    await page.goto(`${app.bridge.url}#/settings?tab=holidays`)
    await page.getByRole('button', { name: /从文件导入放假安排/ }).click()
    await page.getByText(/已录入 2027年放假安排（3 天）/).waitFor()
    await page.getByRole('region', { name: '各年节假日数据' }).getByText('已录入正式放假安排').waitFor()
    // The notice asks the ledger on its own, so it may go a moment after the region changes.
    await expect.poll(() => page.getByText('下一年放假安排尚未录入').count()).toBe(0)
    expect(await app.ctx.db.selectFrom('calendar_years').select(['year', 'source', 'file_name']).execute()).toEqual([
      { year: 2027, source: 'file', file_name: '2027年放假安排.ics' },
    ])
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    const row = page.getByRole('row', { name: /化工园区夜间异味/ })
    await row.getByText('2027-01-06').waitFor()
    expect(await row.getByText('暂定', { exact: true }).count()).toBe(0)
  })
})
