import { afterEach, describe, expect, it } from 'vitest'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import type { AppUnderTest } from '../support/browser'
import {
  openSeeded,
  overflowsSideways,
  residentVisit,
  seedOffice,
  settle,
  signIn,
  SUPERVISOR_PIN,
  type Office,
} from '../support/office-screens'
import { localOf } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

/** An office whose ledger has history: a visit a week ago and one this morning. */
async function openOffice(): Promise<{ app: AppUnderTest; office: Office }> {
  const { app: opened, seeded } = await openSeeded(async (ctx, clock) => {
    clock.set('2026-11-03 08:30:00')
    const office = await seedOffice(ctx, { openDay: false })
    const lastWeek = await openSession(
      ctx,
      (await planSession(ctx, { date: '2026-11-03', kind: 'enterprise', location: '政务服务中心' })).id,
    )
    await residentVisit(ctx, office.desk, lastWeek.id, '孙丽')
    await closeSession(ctx, lastWeek.id)
    clock.set('2026-11-10 08:30:00')
    const session = await openSession(ctx, office.session.id)
    clock.set('2026-11-10 08:40:00')
    await residentVisit(ctx, office.desk, session.id, '张桂芳', { issue: '化工园区夜间有刺鼻气味' })
    return { ...office, session }
  })
  return { app: opened, office: seeded }
}

async function openAuditTab(a: AppUnderTest): Promise<void> {
  await a.page.getByRole('menuitem', { name: '设置' }).click()
  await a.page.getByRole('tab', { name: '审计日志' }).click()
}

describe('设置 → 审计日志', () => {
  it('shows a supervisor the latest actions first with who did them, filters by date and action, and verifies the chain as intact', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { desk, supervisor } = opened.office
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await openAuditTab(app)

    const total = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await expect.poll(() => page.getByText(`共 ${Number(total.n)} 条`).count()).toBe(1)
    // Newest first: the supervisor's own sign-in, the PIN check counted just before it, then the
    // visit registered this morning by the clerk.
    const rows = page.getByRole('tabpanel', { name: '审计日志' }).locator('.ant-table-tbody tr.ant-table-row')
    await expect.poll(() => rows.first().innerText()).toMatch(/李建国\s+登录\s+人员 #\d+\s+登录 人员/)
    expect(await rows.nth(1).innerText()).toMatch(/未登录\s+核对 PIN\s+人员 #\d+/)
    expect(await rows.nth(2).innerText()).toMatch(/2026-11-10 08:40:\d\d\s+王晓丽\s+登记\s+来访登记 #2/)

    await page.getByRole('button', { name: '校验审计链' }).click()
    await expect.poll(() => page.getByText(`审计链完整：共 ${Number(total.n)} 条记录，逐条校验无误，未被改动。`).count()).toBe(1)
    await settle(app)
    expect(await overflowsSideways(app)).toBe(false)
    await app.screenshot('settings-audit')

    // Only this morning.
    await page.getByPlaceholder('开始日期').click()
    await page.getByPlaceholder('开始日期').fill('2026-11-10')
    await page.getByPlaceholder('开始日期').press('Enter')
    await page.getByPlaceholder('结束日期').fill('2026-11-10')
    await page.getByPlaceholder('结束日期').press('Enter')
    const today = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '>=', '2026-11-10')
      .executeTakeFirstOrThrow()
    expect(Number(today.n)).toBeLessThan(Number(total.n))
    await expect.poll(() => page.getByText(`共 ${Number(today.n)} 条`).count()).toBe(1)

    // And of those, only the registrations.
    await page.getByRole('combobox', { name: '操作' }).click()
    await page.keyboard.type('登记')
    await page.locator('.ant-select-item-option[title="登记"]').click()
    await expect.poll(() => page.getByText('共 1 条').count()).toBe(1)
    expect(await rows.first().innerText()).toMatch(/王晓丽\s+登记\s+来访登记 #2/)
    const registered = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'register')
      .where('at', '>=', '2026-11-10')
      .execute()
    expect(registered).toEqual([{ actor_id: desk.id, entity_id: 2 }])

    // Looking at the log is not itself a write: nothing was added by reading and verifying.
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(total.n))
    expect(app.bridge.state.operator.id).toBe(supervisor.id)
  })

  it('tells a desk clerk that the audit log needs a 负责人 to sign in, and shows none of it', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page } = app
    await signIn(app, '王晓丽')
    await openAuditTab(app)
    await page.getByText('审计日志须由负责人登录后查看').waitFor()
    expect(await page.getByRole('tabpanel', { name: '审计日志' }).locator('.ant-table').count()).toBe(0)
    expect(await page.getByRole('button', { name: '校验审计链' }).count()).toBe(0)
    await settle(app)
    await app.screenshot('settings-audit-desk')
  })

  it('shows from which row the audit chain was tampered with when the file was edited outside the app', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page } = app
    // Someone edits the file with a SQLite tool, getting round the append-only trigger.
    localOf(app.bridge.state.ledger).sqlite.exec("drop trigger audit_log_no_update; update audit_log set actor_name = '他人' where id = 5")
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await openAuditTab(app)
    await page.getByRole('button', { name: '校验审计链' }).click()
    await expect.poll(() => page.getByText(/审计链自第 5 条起被篡改（共 \d+ 条）/).count()).toBe(1)
    await settle(app)
    await app.screenshot('settings-audit-tampered')
  })
})
