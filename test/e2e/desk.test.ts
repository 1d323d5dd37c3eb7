import { afterEach, describe, expect, it } from 'vitest'
import { seedDefaults, saveStaff } from '../../db/reference'
import { openSession, planSession } from '../../db/sessions'
import { openApp, type AppUnderTest } from '../support/browser'

let app: AppUnderTest | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

async function openDesk(): Promise<AppUnderTest> {
  return openApp({
    now: '2026-11-10 09:00:00',
    seed: async (ctx) => {
      await seedDefaults(ctx)
      await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
      await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
      const s = await planSession(ctx, { date: '2026-11-10', kind: 'enterprise', location: '政务服务中心生态环境窗口' })
      await openSession(ctx, s.id)
    },
  })
}

describe('今日接待', () => {
  it('registers a new enterprise visitor with a consultation', async () => {
    app = await openDesk()
    const { page } = app
    await page.getByLabel('来访人姓名').fill('陈志强')
    await page.getByLabel('联系电话').fill('13912345678')
    await page.getByText('企业', { exact: true }).click()
    await page.getByLabel('企业（单位）名称').fill('青山化工有限公司')
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43')
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^排污许可/).click()
    await page.getByLabel('咨询内容').fill('排污许可证延续需要哪些材料')
    await page.getByLabel('答复内容').fill('已发放材料清单')
    await app.screenshot('desk-filled')
    await page.getByRole('button', { name: '保存登记' }).click()
    await expect.poll(() => page.getByText('已登记 陈志强').count()).toBe(1)
    await expect.poll(() => page.getByText('今日来访（1 批，1 人次）').count()).toBe(1)
    await app.screenshot('desk-after-save')
    const rows = await app.ctx.db.selectFrom('visits').innerJoin('organizations', 'organizations.id', 'visits.organization_id').select(['organizations.credit_code', 'visits.headcount']).execute()
    expect(rows).toEqual([{ credit_code: '91350100M000100Y43', headcount: 1 }])
    // The form is clear for the next person, with the cursor back in the name box.
    expect(await page.getByLabel('来访人姓名').inputValue()).toBe('')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('来访人姓名').getAttribute('id'))
  })
})
