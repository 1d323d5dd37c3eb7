import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { listCategories, saveStaff, seedDefaults } from '../../db/reference/reference'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, settle, type AppUnderTest } from '../support/browser'
import type { TestClock } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

/** antd spaces out a two-character button label ("开 始"); match it either way. */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`)

async function categoryId(ctx: LedgerContext, name: string): Promise<number> {
  const c = (await listCategories(ctx.db)).find((x) => x.name === name)
  if (!c) throw new Error(`no category ${name}`)
  return c.id
}

/** A month as the office lives it: an enterprise day already held, a leaders' day planned. */
async function seedMonth(ctx: LedgerContext, clock: TestClock): Promise<void> {
  await seedDefaults(ctx)
  const desk = await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  const leader = await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
  await saveStaff(ctx, { name: '赵刚', role: 'handler' })
  clock.set('2026-11-04 08:30:00')
  const held = await planSession(ctx, {
    date: '2026-11-04',
    kind: 'enterprise',
    location: '政务服务中心生态环境窗口',
    hostLeaderId: leader.id,
    staffIds: [desk.id],
  })
  await openSession(ctx, held.id)
  await registerVisit(ctx, {
    sessionId: held.id,
    visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
    organization: { name: '青山化工有限公司', creditCode: '91350100M000100Y43' },
    headcount: 2,
    matters: [
      {
        type: 'consultation',
        categoryId: await categoryId(ctx, '排污许可'),
        content: '排污许可证延续需要哪些材料',
        answer: '已发放材料清单',
      },
    ],
  })
  await closeSession(ctx, held.id)
  await planSession(ctx, { date: '2026-11-25', kind: 'leader', location: '局三楼会议室', hostLeaderId: leader.id, note: '局长接待日' })
  clock.set('2026-11-10 09:00:00')
}

describe('接待日', () => {
  it('plans a reception day from the form, opens it, closes it and shows its figures and visits', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: seedMonth })
    const { page } = app
    await page.getByRole('menuitem', { name: '接待日' }).click()
    await page.getByRole('button', { name: '计划接待日' }).click()

    const dialog = page.getByRole('dialog', { name: '计划接待日' })
    await dialog.getByText('服务群众', { exact: true }).click()
    await dialog.getByLabel('接待领导').click()
    await page.getByTitle('李建国（副局长）').click()
    await dialog.getByLabel('当日值班人员').click()
    // The header's 值班人员 box shows 王晓丽 too (she is signed in): pick from the open list.
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    await open.getByTitle('王晓丽').click()
    await open.getByTitle('赵刚').click()
    await dialog.getByLabel('接待地点').fill('局一楼群众接待室')
    await dialog.getByLabel('接待地点').press('Enter')

    const row = page.getByRole('row', { name: /局一楼群众接待室/ })
    await expect.poll(() => row.getByText('计划中').count()).toBe(1)
    const planned = await app.ctx.db.selectFrom('sessions').selectAll().where('location', '=', '局一楼群众接待室').executeTakeFirstOrThrow()
    expect(planned).toMatchObject({ date: '2026-11-10', kind: 'public', title: '2026年11月10日服务群众接待日', status: 'planned' })
    const onDuty = await app.ctx.db
      .selectFrom('session_staff')
      .innerJoin('staff', 'staff.id', 'session_staff.staff_id')
      .select('staff.name')
      .where('session_id', '=', planned.id)
      .orderBy('staff.name')
      .execute()
    expect(onDuty.map((s) => s.name).sort()).toEqual(['王晓丽', '赵刚'].sort())

    await row.getByRole('button', { name: label('开始') }).click()
    await expect.poll(() => row.getByText('进行中').count()).toBe(1)
    expect((await app.ctx.db.selectFrom('sessions').select('status').where('id', '=', planned.id).executeTakeFirstOrThrow()).status).toBe(
      'open',
    )

    // The day's visitors are registered at the desk meanwhile.
    await registerVisit(app.ctx, {
      sessionId: planned.id,
      visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
      headcount: 3,
      matters: [
        {
          type: 'consultation',
          categoryId: await categoryId(app.ctx, '噪声'),
          content: '小区旁工地夜间施工',
          answer: '已告知夜间施工须办理许可，可拨打12369举报',
        },
      ],
    })
    await registerVisit(app.ctx, {
      sessionId: planned.id,
      visitor: { name: '刘明', kind: 'resident' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: await categoryId(app.ctx, '水'), content: '村口河道有黑臭水体', place: '城南村' }],
    })

    await row.getByRole('button', { name: label('结束') }).click()
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: label('结束') })
      .click()
    await expect.poll(() => row.getByText('已结束').count()).toBe(1)
    await expect.poll(() => row.getByText('2 批 4 人次 · 受理 1').count()).toBe(1)
    await settle(app)
    await app.screenshot('sessions')

    await row.getByRole('button', { name: label('查看') }).click()
    const drawer = page.getByRole('dialog', { name: /2026年11月10日服务群众接待日/ })
    await expect.poll(() => drawer.getByText('本次接待情况').count()).toBe(1)
    const figures = await drawer.locator('.ant-statistic').allInnerTexts()
    expect(figures.map((t) => t.replace(/\s+/g, ''))).toEqual(['来访2批', '接待4人次', '当场答复咨询1项', '受理问题1个'])
    await expect.poll(() => drawer.getByRole('row', { name: /张桂芳/ }).count()).toBe(1)
    await expect.poll(() => drawer.getByRole('row', { name: /刘明.*JD-2026-11-0001/ }).count()).toBe(1)
    await settle(app)
    await app.screenshot('sessions-detail')

    const closed = await app.ctx.db
      .selectFrom('sessions')
      .select(['status', 'opened_at', 'closed_at'])
      .where('id', '=', planned.id)
      .executeTakeFirstOrThrow()
    expect(closed.status).toBe('closed')
    expect(closed.opened_at).not.toBeNull()
    expect(closed.closed_at).not.toBeNull()
    const audited = await app.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'session')
      .where('entity_id', '=', planned.id)
      .orderBy('id')
      .execute()
    expect(audited.map((a) => a.action)).toEqual(['plan', 'open', 'close'])
  })

  it('shows the month as a calendar with each day by kind, and plans a day clicked on it', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: seedMonth })
    const { page } = app
    await page.getByRole('menuitem', { name: '接待日' }).click()
    await page.getByText('月历', { exact: true }).click()
    await expect.poll(() => page.getByLabel('服务企业接待日 2026-11-04').count()).toBe(1)
    await expect.poll(() => page.getByLabel('领导接待日 2026-11-25').count()).toBe(1)
    await settle(app)
    await app.screenshot('sessions-calendar')

    await page.getByTitle('2026-11-18').click()
    const dialog = page.getByRole('dialog', { name: '计划接待日' })
    await dialog.getByLabel('接待地点').fill('城东工业园')
    await dialog.getByLabel('名称（可不填）').fill('城东工业园上门服务')
    await dialog.getByText('上门服务', { exact: true }).click()
    await dialog.getByRole('button', { name: '保存计划' }).click()
    await expect.poll(() => page.getByLabel('上门服务 2026-11-18').count()).toBe(1)
    expect(
      await app.ctx.db.selectFrom('sessions').select(['date', 'kind', 'title', 'status']).where('location', '=', '城东工业园').execute(),
    ).toEqual([{ date: '2026-11-18', kind: 'field', title: '城东工业园上门服务', status: 'planned' }])
  })

  it('keeps what was typed and shows the refusal in the form when the day was closed meanwhile', async () => {
    let todayId = 0
    app = await openApp({
      now: '2026-11-10 09:00:00',
      seed: async (ctx, clock) => {
        await seedMonth(ctx, clock)
        const s = await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼接待室' })
        todayId = (await openSession(ctx, s.id)).id
      },
    })
    const { page } = app
    await page.getByRole('menuitem', { name: '接待日' }).click()
    await page
      .getByRole('row', { name: /局一楼接待室/ })
      .getByRole('button', { name: label('修改') })
      .click()
    const dialog = page.getByRole('dialog', { name: /修改接待日/ })
    await dialog.getByLabel('接待地点').fill('政务服务中心二楼')
    await dialog.getByLabel('备注').fill('与住建局联合接待')
    // Someone at another desk ends the day before this form is saved.
    await closeSession(app.ctx, todayId)
    await dialog.getByLabel('接待地点').press('Enter')
    // Told the day changed; 刷新 reads it again, and the ledger then says why it cannot take the change.
    await dialog.getByRole('alert').getByText('该接待日已被他人修改，请刷新后重试').waitFor()
    expect(await dialog.getByLabel('接待地点').inputValue()).toBe('政务服务中心二楼')
    await dialog
      .getByRole('alert')
      .getByRole('button', { name: /^刷\s?新$/ })
      .click()
    await page.getByText('已读取最新记录，您填写的内容仍保留：请核对后再保存').waitFor()
    await dialog.getByLabel('接待地点').press('Enter')
    await expect.poll(() => dialog.getByRole('alert').allInnerTexts()).toContain('已结束的接待日不能再修改')
    expect(await dialog.getByLabel('接待地点').inputValue()).toBe('政务服务中心二楼')
    expect(await dialog.getByLabel('备注').inputValue()).toBe('与住建局联合接待')
    await settle(app)
    await app.screenshot('sessions-refused')
    expect(
      await app.ctx.db.selectFrom('sessions').select(['location', 'note']).where('id', '=', todayId).executeTakeFirstOrThrow(),
    ).toEqual({ location: '局一楼接待室', note: null })
  })
})
