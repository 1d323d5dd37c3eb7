import { afterEach, describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures/month'
import { planSession } from '../../db/sessions/sessions'
import type { Session, VisitSummary } from '../../shared/types'
import type { AppUnderTest } from '../support/browser'
import { openSeeded, residentVisit, seedOffice, settle, signIn, SUPERVISOR_PIN, type Office } from '../support/office-screens'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

interface Seeded {
  office: Office
  /** 张桂芳, 2 people, an accepted issue — registered by the desk clerk 王晓丽. */
  own: VisitSummary
  /** 陈志强, a consultation — registered by 赵磊. */
  others: VisitSummary
  planned: Session
}

async function openOffice(): Promise<{ app: AppUnderTest; seeded: Seeded }> {
  return openSeeded(async (ctx): Promise<Seeded> => {
    const office = await seedOffice(ctx)
    const own = await residentVisit(ctx, office.desk, office.session.id, '张桂芳', { issue: '化工园区夜间有刺鼻气味', headcount: 2 })
    const others = await residentVisit(ctx, office.other, office.session.id, '陈志强')
    const planned = await planSession(ctx, { date: '2026-11-20', kind: 'enterprise', location: '政务服务中心生态环境窗口' })
    return { office, own, others, planned }
  })
}

async function openSessionDrawer(a: AppUnderTest, title: RegExp) {
  await a.page.getByRole('menuitem', { name: '接待日' }).click()
  await a.page
    .getByRole('row', { name: title })
    .getByRole('button', { name: /^查\s?看$/ })
    .click()
  const drawer = a.page.getByRole('dialog', { name: title })
  await drawer.getByText('作废此接待日').waitFor()
  return drawer
}

describe('作废', () => {
  it('voids a visit with a reason: it leaves today’s list, the day’s figures and the month’s summary, and stays in the ledger with its reason', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { own, office } = opened.seeded
    await signIn(app, '王晓丽')
    await expect.poll(() => page.getByText('今日来访（2 批，3 人次）').count()).toBe(1)
    const issueNumber = own.matters[0]?.issueNumber ?? ''

    await page.getByRole('button', { name: '作废 张桂芳 的来访登记' }).click()
    const dialog = page.getByRole('dialog', { name: /^作废来访登记：张桂芳/ })
    await dialog.getByText(new RegExp(`及其受理的问题 ${issueNumber}`)).waitFor()
    await dialog.getByLabel('作废原因').fill('重复登记，同一来访已由窗口登记')
    await settle(app)
    await app.screenshot('today-void-visit')
    await dialog.getByLabel('作废原因').press('Enter')
    await dialog.waitFor({ state: 'hidden' })

    await expect.poll(() => page.getByText('今日来访（1 批，1 人次）').count()).toBe(1)
    await expect.poll(() => page.getByText(/已接待\s*1\s*批\s*1\s*人次，受理\s*0\s*个问题/).count()).toBe(1)
    expect(await page.getByRole('button', { name: '作废 张桂芳 的来访登记' }).count()).toBe(0)
    expect(await page.getByText(`已作废 张桂芳 的来访登记，问题 ${issueNumber} 随之作废（编号保留不再使用）`).count()).toBe(1)
    await settle(app)
    await app.screenshot('today-after-void')

    // Still in the file, with its reason; out of every figure.
    const row = await ctx.db.selectFrom('visits').select(['voided_at', 'void_reason']).where('id', '=', own.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ voided_at: expect.stringMatching(/^2026-11-10 /), void_reason: '重复登记，同一来访已由窗口登记' })
    const summary = await monthlySummary(ctx.db, '2026-11', '2026-11-10')
    expect(summary).toMatchObject({ visits: 1, personTimes: 1, issuesRegistered: 0, issuesAccepted: 0, consultations: 1 })
    expect(
      await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('entity', '=', 'visit')
        .where('action', '=', 'void')
        .execute(),
    ).toEqual([{ action: 'void', actor_id: office.desk.id }])

    await page.getByRole('menuitem', { name: '统计' }).click()
    const personTimes = page.locator('.ant-statistic').filter({ hasText: '接待人次' }).locator('.ant-statistic-content-value')
    await expect.poll(() => personTimes.innerText()).toBe('1')
    expect(
      await page.locator('.ant-statistic').filter({ hasText: '本月受理（个）' }).locator('.ant-statistic-content-value').innerText(),
    ).toBe('0')
  })

  it('refuses a desk clerk voiding a visit someone else registered, and says why', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { others } = opened.seeded
    await signIn(app, '王晓丽')
    await page.getByRole('button', { name: '作废 陈志强 的来访登记' }).click()
    const dialog = page.getByRole('dialog', { name: /^作废来访登记：陈志强/ })
    await dialog.getByLabel('作废原因').fill('登记错了')
    await dialog.getByLabel('作废原因').press('Enter')
    await expect
      .poll(() => dialog.getByText('前台工作人员只能作废本人当天登记、问题尚未交办的来访；其他情况请负责人作废').count())
      .toBeGreaterThan(0)
    // The reason typed is kept for whoever may do it.
    expect(await dialog.getByLabel('作废原因').inputValue()).toBe('登记错了')
    await settle(app)
    await app.screenshot('today-void-refused')
    expect(
      (await ctx.db.selectFrom('visits').select('voided_at').where('id', '=', others.id).executeTakeFirstOrThrow()).voided_at,
    ).toBeNull()
    expect(await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'void').execute()).toEqual([])
    // The typed reason is not thrown away by Esc alone: 放弃 closes.
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /^放\s?弃$/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.getByText('今日来访（2 批，3 人次）').count()).toBe(1)
  })

  it('lets whoever is on duty void a reception day still 计划中 from its drawer, and it leaves the month’s list', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { planned } = opened.seeded
    await signIn(app, '王晓丽')
    const drawer = await openSessionDrawer(app, /2026年11月20日服务企业接待日/)
    await drawer.getByRole('button', { name: '作废此接待日' }).click()
    const dialog = page.getByRole('dialog', { name: /^作废接待日：2026年11月20日服务企业接待日/ })
    await dialog.getByLabel('作废原因').fill('计划重复，与 11 月 21 日合并举行')
    await dialog.getByLabel('作废原因').press('Enter')
    // The reason dialog bears the day's title too: let it go before waiting on the drawer.
    await dialog.waitFor({ state: 'hidden' })
    await drawer.waitFor({ state: 'hidden' })
    await expect.poll(() => page.getByRole('row', { name: /2026年11月20日服务企业接待日/ }).count()).toBe(0)
    expect(await page.getByRole('row', { name: /2026年11月10日服务群众接待日/ }).count()).toBe(1)
    expect(
      await ctx.db.selectFrom('sessions').select(['voided_at', 'void_reason']).where('id', '=', planned.id).executeTakeFirstOrThrow(),
    ).toEqual({
      voided_at: expect.stringMatching(/^2026-11-10 /),
      void_reason: '计划重复，与 11 月 21 日合并举行',
    })
  })

  it('refuses a desk clerk voiding a reception day already held, and says only a 负责人 may', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { office } = opened.seeded
    await signIn(app, '王晓丽')
    const drawer = await openSessionDrawer(app, /2026年11月10日服务群众接待日/)
    await drawer.getByRole('button', { name: '作废此接待日' }).click()
    const dialog = page.getByRole('dialog', { name: /^作废接待日：/ })
    await dialog.getByLabel('作废原因').fill('登记错了')
    await dialog.getByLabel('作废原因').press('Enter')
    await expect.poll(() => dialog.getByText(/只有负责人可以作废已举行的接待日/).count()).toBeGreaterThan(0)
    await settle(app)
    await app.screenshot('session-void-refused')
    expect(
      (await ctx.db.selectFrom('sessions').select('voided_at').where('id', '=', office.session.id).executeTakeFirstOrThrow()).voided_at,
    ).toBeNull()
  })

  it('lets a supervisor void someone’s visit from the reception day’s drawer, and the day’s figures drop at once', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { others, office } = opened.seeded
    await signIn(app, '李建国', SUPERVISOR_PIN)
    const drawer = await openSessionDrawer(app, /2026年11月10日服务群众接待日/)
    const people = drawer
      .locator('.ant-statistic')
      .filter({ hasText: '接待' })
      .filter({ hasText: '人次' })
      .locator('.ant-statistic-content-value')
    await expect.poll(() => people.innerText()).toBe('3')
    await settle(app)
    await app.screenshot('session-drawer-void')
    await drawer.getByRole('button', { name: '作废 陈志强 的来访登记' }).click()
    const dialog = page.getByRole('dialog', { name: /^作废来访登记：陈志强/ })
    await dialog.getByLabel('作废原因').fill('来访人登记在了错误的接待日')
    await dialog.getByLabel('作废原因').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => people.innerText()).toBe('2')
    // The rows come from a call of their own, answered after or before the count's: waited for as
    // the new answer (the other visit's row still there), not as a moment with no rows at all.
    const rowsOf = async (name: RegExp) => drawer.getByRole('row', { name }).count()
    await expect.poll(async () => [await rowsOf(/陈志强/), await rowsOf(/张桂芳/)]).toEqual([0, 1])
    const row = await ctx.db.selectFrom('visits').select(['voided_at', 'void_reason']).where('id', '=', others.id).executeTakeFirstOrThrow()
    expect(row.void_reason).toBe('来访人登记在了错误的接待日')
    expect(await ctx.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'void').execute()).toEqual([
      { actor_id: office.supervisor.id, entity_id: others.id },
    ])
  })
})
