import { afterEach, describe, expect, it } from 'vitest'
import { seedDefaults } from '../../db/reference/reference'
import { openApp, type AppUnderTest } from '../support/browser'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

describe('来电来信', () => {
  it('records an issue phoned in between reception days, numbered like any other', async () => {
    app = await openApp({ now: '2026-11-18 15:00:00', seed: async (ctx) => seedDefaults(ctx) })
    const { page } = app
    await page.getByRole('menuitem', { name: '来电来信' }).click()
    await page.getByLabel('反映人').fill('马军')
    await page.getByLabel('联系电话').fill('137-0000-1234')
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^噪声/).click()
    await page.getByLabel('反映问题').fill('幸福小区旁工地夜间施工噪声')
    await page.getByLabel('问题地点').fill('幸福小区')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('已登记 马军，受理问题 JD-2026-11-0001').waitFor()
    await page.getByRole('cell', { name: '电话' }).waitFor()
    await app.screenshot('contacts')
    const v = await app.ctx.db
      .selectFrom('visits')
      .innerJoin('visitors', 'visitors.id', 'visits.visitor_id')
      .select(['visits.channel', 'visits.session_id', 'visits.visit_date', 'visitors.phone'])
      .execute()
    expect(v).toEqual([{ channel: 'phone', session_id: null, visit_date: '2026-11-18', phone: '13700001234' }])
  })
})
