import { afterEach, describe, expect, it } from 'vitest'
import type { AppUnderTest } from '../support/browser'
import { openSeeded, residentVisit, seedOffice, settle, signIn, SUPERVISOR_PIN } from '../support/office-screens'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const PHONE = '13812345678'
const ID_NUMBER = '11010519491231002X'

describe('企业与来访人: 查看完整号码', () => {
  it('needs a supervisor to reveal a phone, shows it only in the dialog, and writes who, which field and why — not the number — to the audit log', async () => {
    const opened = await openSeeded(async (ctx) => {
      const office = await seedOffice(ctx)
      const visit = await residentVisit(ctx, office.desk, office.session.id, '张桂芳', { phone: PHONE, idNumber: ID_NUMBER })
      return { office, visitorId: visit.visitorId }
    })
    app = opened.app
    const { office, visitorId } = opened.seeded
    const { supervisor } = office
    const { page, ctx } = app
    const openVisitor = async () => {
      await page.getByRole('menuitem', { name: '企业与来访人' }).click()
      await page.getByRole('tab', { name: '来访人' }).click()
      await page.getByRole('row', { name: /张桂芳/ }).click()
      const drawer = page.getByRole('dialog', { name: /张桂芳/ })
      await drawer.getByText('138****5678').waitFor()
      return drawer
    }

    // A desk clerk sees the masked number and cannot ask for more.
    await signIn(app, '王晓丽')
    let drawer = await openVisitor()
    expect(await drawer.getByRole('button', { name: '查看完整联系电话' }).isDisabled()).toBe(true)
    expect(await drawer.getByRole('button', { name: '查看完整身份证号' }).isDisabled()).toBe(true)
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    // The 负责人 signs in, says why, and sees it.
    await signIn(app, '李建国', SUPERVISOR_PIN)
    drawer = await openVisitor()
    await settle(app)
    await app.screenshot('directory-visitor-masked')
    await drawer.getByRole('button', { name: '查看完整联系电话' }).click()
    const dialog = page.getByRole('dialog', { name: '查看完整联系电话：张桂芳' })
    await dialog.getByLabel('查看原因').press('Enter')
    await expect.poll(() => dialog.getByText('请填写查看原因').count()).toBe(1)
    await dialog.getByLabel('查看原因').fill('回访时号码打不通，核对号码')
    await dialog.getByLabel('查看原因').press('Enter')
    await expect.poll(() => dialog.getByText(PHONE, { exact: true }).count()).toBe(1)
    expect(await dialog.getByText(/本次查看已记入审计日志/).count()).toBe(1)
    // Only in the dialog: the drawer and the list behind it stay masked.
    expect(await page.getByText(PHONE).count()).toBe(1)
    expect(await drawer.getByText('138****5678').count()).toBe(1)
    await settle(app)
    await app.screenshot('directory-reveal')

    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity', 'entity_id', 'detail'])
      .where('action', '=', 'reveal')
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: supervisor.id, entity: 'visitor', entity_id: visitorId })
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toEqual({ field: 'phone', reason: '回访时号码打不通，核对号码' })
    expect(rows[0]?.detail).not.toContain(PHONE)

    // Closed, it is gone from the page.
    await dialog.getByRole('button', { name: '关 闭', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.content()).not.toContain(PHONE)
  })
})
