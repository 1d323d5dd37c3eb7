import { afterEach, describe, expect, it } from 'vitest'
import { WorkCalendar } from '../../db/calendar/working-days'
import { listCategories, saveStaff, seedDefaults, setHolidayOverride } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import type { LedgerContext } from '../../db/core/context'
import { setStaffPin } from '../../db/staff/operators'
import { openApp, settle, type AppUnderTest } from '../support/browser'
import { actorOf, localOf } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const SUPERVISOR_PIN = '8642'

/** Time limits, holidays and settings are a 负责人's: one who chose their own PIN. */
async function seedSupervisor(ctx: LedgerContext): Promise<void> {
  const boss = await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
  await setStaffPin({ ...ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: SUPERVISOR_PIN })
}

const asSupervisor = { name: '李建国', pin: SUPERVISOR_PIN }

async function openSettings(): Promise<AppUnderTest> {
  const opened = await openApp({
    now: '2026-11-10 09:00:00',
    onDuty: asSupervisor,
    seed: async (ctx) => {
      await seedDefaults(ctx)
      await saveStaff(ctx, { name: '王晓丽', role: 'desk', phone: '13512345678' })
      await seedSupervisor(ctx)
    },
  })
  await opened.page.getByRole('menuitem', { name: '设置' }).click()
  return opened
}

describe('设置', () => {
  it('adds a section, a staff member in it and a category with its time limit, and the other screens see them at once', async () => {
    app = await openSettings()
    const { page, ctx } = app

    await page.getByLabel('新股室名称').fill('自然生态保护股')
    await page.getByLabel('新股室名称').press('Enter')
    await expect.poll(() => page.getByRole('row', { name: /自然生态保护股/ }).count()).toBe(1)
    // Focus is back in the box for the next one.
    expect(await page.getByLabel('新股室名称').inputValue()).toBe('')
    await settle(app)
    await app.screenshot('settings-departments')
    const section = await ctx.db.selectFrom('departments').selectAll().where('name', '=', '自然生态保护股').executeTakeFirstOrThrow()
    expect(section).toMatchObject({ active: 1, sort_order: 7 })

    await page.getByRole('tab', { name: '人员' }).click()
    await page.getByRole('button', { name: '新增人员' }).click()
    const dialog = page.getByRole('dialog', { name: '新增人员' })
    await dialog.getByLabel('姓名').fill('周敏')
    await dialog.getByLabel('所在股室').click()
    await page.getByTitle('自然生态保护股').click()
    await dialog.getByLabel('职务').fill('股长')
    await dialog.getByLabel('角色').click()
    await page.getByTitle('承办人员').click()
    await dialog.getByLabel('联系电话').fill('136-0000-1234')
    await settle(app)
    await app.screenshot('settings-staff-form')
    await dialog.getByLabel('联系电话').press('Enter')
    const row = page.getByRole('row', { name: /周敏/ })
    await expect.poll(() => row.getByText('136****1234').count()).toBe(1)
    expect(await row.getByText('自然生态保护股').count()).toBe(1)
    await settle(app)
    await app.screenshot('settings-staff')
    const person = await ctx.db.selectFrom('staff').selectAll().where('name', '=', '周敏').executeTakeFirstOrThrow()
    expect(person).toMatchObject({
      department_id: section.id,
      title: '股长',
      role: 'handler',
      is_leader: 0,
      phone: '13600001234',
      active: 1,
    })

    await page.getByRole('tab', { name: '问题类别' }).click()
    await page.getByLabel('新类别名称').fill('机动车尾气')
    await page.getByLabel('办结时限').fill('10')
    await page.getByLabel('新类别名称').press('Enter')
    await expect.poll(() => page.getByRole('row', { name: /机动车尾气.*10 个工作日/ }).count()).toBe(1)
    await settle(app)
    await app.screenshot('settings-categories')
    expect(
      await ctx.db
        .selectFrom('categories')
        .select(['time_limit_days', 'active'])
        .where('name', '=', '机动车尾气')
        .executeTakeFirstOrThrow(),
    ).toEqual({ time_limit_days: 10, active: 1 })

    // The header's 值班人员 picker reads the shared lists: the new person is there without a restart.
    await page.getByRole('combobox', { name: '值班人员' }).click()
    await expect.poll(() => page.getByTitle('周敏').count()).toBe(1)
    // Every change went into the audit log.
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', 'in', ['department', 'staff', 'category'])
      .where('action', '=', 'create')
      .orderBy('id')
      .execute()
    expect(audited.slice(-3)).toEqual([
      { action: 'create', entity: 'department' },
      { action: 'create', entity: 'staff' },
      { action: 'create', entity: 'category' },
    ])
  })

  it('takes next year’s holidays and make-up working day, and an issue accepted then is due later because of them', async () => {
    app = await openSettings()
    const { page, ctx } = app
    await page.getByRole('tab', { name: '节假日' }).click()

    // Typed, Tab to the next box, Enter saves.
    await page.getByLabel('日期', { exact: true }).fill('2027-10-01')
    await page.getByLabel('日期', { exact: true }).press('Tab')
    await page.getByLabel('至').fill('2027-10-07')
    await page.getByLabel('至').press('Tab')
    await page.getByLabel('名称', { exact: true }).fill('国庆节')
    await page.getByLabel('名称', { exact: true }).press('Enter')
    await expect.poll(() => page.getByRole('row', { name: /2027-10-07.*放假.*国庆节/ }).count()).toBe(1)

    await page.getByLabel('日期', { exact: true }).fill('2027-10-09')
    await page.getByLabel('日期', { exact: true }).press('Tab')
    await page.getByText('调休上班', { exact: true }).click()
    await page.getByLabel('名称', { exact: true }).fill('国庆节调休')
    await page.getByLabel('名称', { exact: true }).press('Enter')
    await expect.poll(() => page.getByRole('row', { name: /2027-10-09.*调休上班.*国庆节调休/ }).count()).toBe(1)
    await settle(app)
    await app.screenshot('settings-holidays')

    const rows = await ctx.db.selectFrom('holiday_overrides').select(['date', 'kind', 'name']).orderBy('date').execute()
    expect(rows).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday', name: '国庆节' })),
      { date: '2027-10-09', kind: 'workday', name: '国庆节调休' },
    ])

    // An issue of a 5-working-day category accepted on Thursday 30 September 2027.
    app.clock.set('2027-09-30 09:00:00')
    const session = await openSession(ctx, (await planSession(ctx, { date: '2027-09-30', kind: 'public', location: '局一楼接待室' })).id)
    const policy = (await listCategories(ctx.db)).find((c) => c.name === '政策咨询')
    expect(policy?.timeLimitDays).toBe(5)
    const visit = await registerVisit(ctx, {
      sessionId: session.id,
      visitor: { name: '张桂芳', kind: 'resident' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: policy?.id ?? 0, content: '询问农村生活污水处理补助政策' }],
    })
    const issue = await ctx.db
      .selectFrom('issues')
      .select('due_date')
      .where('id', '=', visit.matters[0]?.issueId ?? 0)
      .executeTakeFirstOrThrow()
    // Without the entries, chinese-days knows nothing of 2027: only weekends and the statutory
    // 1–3 October (暂定) would count.
    expect(new WorkCalendar([]).addWorkdays('2027-09-30', 5)).toBe('2027-10-08')
    // With them: 8 Oct, Saturday 9 Oct (调休上班), 11, 12, 13 Oct.
    expect(issue.due_date).toBe('2027-10-13')
  })

  it('removes a holiday entry after asking', async () => {
    app = await openApp({
      now: '2026-11-10 09:00:00',
      onDuty: asSupervisor,
      seed: async (ctx) => {
        await seedDefaults(ctx)
        await seedSupervisor(ctx)
        await setHolidayOverride(ctx, { date: '2027-01-01', kind: 'holiday', name: '元旦' })
        await setHolidayOverride(ctx, { date: '2027-02-20', kind: 'workday', name: '春节调休' })
      },
    })
    const { page, ctx } = app
    await page.getByRole('menuitem', { name: '设置' }).click()
    await page.getByRole('tab', { name: '节假日' }).click()
    await page.getByRole('button', { name: '删除 2027-02-20' }).click()
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /^删\s*除$/ })
      .click()
    await expect.poll(() => page.getByRole('row', { name: /2027-02-20/ }).count()).toBe(0)
    expect(await ctx.db.selectFrom('holiday_overrides').select('date').execute()).toEqual([{ date: '2027-01-01' }])
  })

  it('shows a duplicate category name beside its box and keeps what was typed', async () => {
    app = await openSettings()
    const { page, ctx } = app
    await page.getByRole('tab', { name: '问题类别' }).click()
    await page.getByLabel('新类别名称').fill('大气')
    await page.getByLabel('办结时限').fill('20')
    await page.getByLabel('新类别名称').press('Enter')
    await expect.poll(() => page.getByLabel('新类别名称').getAttribute('aria-invalid')).toBe('true')
    const help = await page.getByLabel('新类别名称').getAttribute('aria-describedby')
    expect(await page.locator(`[id="${help}"]`).innerText()).toBe('已有同名问题类别：大气')
    expect(await page.getByLabel('新类别名称').inputValue()).toBe('大气')
    expect(await page.getByLabel('办结时限').inputValue()).toBe('20')
    await settle(app)
    await app.screenshot('settings-refused')
    expect(await ctx.db.selectFrom('categories').select('time_limit_days').where('name', '=', '大气').execute()).toEqual([
      { time_limit_days: 15 },
    ])
  })

  it('saves the bureau name and the handover switch, and shows where the ledger file is', async () => {
    app = await openSettings()
    const { page, ctx } = app
    await page.getByRole('tab', { name: '单位与台账' }).click()
    await expect.poll(() => page.getByLabel(/单位名称/).inputValue()).toBe('生态环境局')
    await page.getByLabel(/单位名称/).fill('青山市生态环境局城东分局')
    await page.getByRole('switch', { name: /交办单显示来访人/ }).click()
    await page.getByLabel(/单位名称/).press('Enter')
    await expect.poll(() => page.getByText('已保存单位设置').count()).toBe(1)
    expect(await page.getByText(localOf(app.bridge.state.ledger).file).count()).toBeGreaterThan(0)
    expect(await page.getByText('--ledger=路径').count()).toBe(1)
    expect(await page.getByText('LEDGER_FILE=路径').count()).toBe(1)
    await settle(app)
    await app.screenshot('settings-ledger')
    const stored = await ctx.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', ['bureau_name', 'show_visitor_on_handover'])
      .orderBy('key')
      .execute()
    expect(stored).toEqual([
      { key: 'bureau_name', value: '青山市生态环境局城东分局' },
      { key: 'show_visitor_on_handover', value: '0' },
    ])
  })
})
