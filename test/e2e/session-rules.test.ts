import { afterEach, describe, expect, it } from 'vitest'
import type { AppUnderTest } from '../support/browser'
import { openSeeded, seedOffice, signIn, SUPERVISOR_PIN } from '../support/office-screens'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

describe('接待日规则', () => {
  it('saves 每月第四个星期四 from the form and 生成未来12个月 says how many days it planned, with the caps on each', async () => {
    const opened = await openSeeded((ctx) => seedOffice(ctx, { openDay: false }), '2026-12-02 09:00:00')
    app = opened.app
    const { page, ctx } = app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await page.getByRole('menuitem', { name: '接待日' }).click()
    await page.getByRole('button', { name: '接待日规则' }).click()

    const dialog = page.getByRole('dialog', { name: '接待日规则' })
    await dialog.getByLabel('每日预约上限（家）').fill('8')
    await dialog.getByLabel('每家人数上限').fill('3')
    await dialog.getByLabel('接待地点').fill('政务服务中心生态环境窗口')
    await dialog.getByLabel('接待地点').press('Enter')
    await dialog.waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: '生成未来12个月' }).click()
    await expect.poll(() => page.getByText('已按规则生成未来12个月的接待日 12 个，最近一个是 12月24日').count()).toBe(1)
    const days = await ctx.db
      .selectFrom('sessions')
      .select(['date', 'max_bookings', 'max_people_per_booking'])
      .where('kind', '=', 'enterprise')
      .orderBy('date')
      .execute()
    expect(days).toHaveLength(12)
    expect(days[0]).toEqual({ date: '2026-12-24', max_bookings: 8, max_people_per_booking: 3 })
    expect(days.every((d) => d.max_bookings === 8 && d.max_people_per_booking === 3)).toBe(true)

    await page.getByRole('button', { name: '生成未来12个月' }).click()
    await expect.poll(() => page.getByText('未来12个月的接待日都已在计划中，没有新增').count()).toBe(1)
  })
})
