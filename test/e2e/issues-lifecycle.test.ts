import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { assignIssue } from '../../db/issues/actions'
import { listCategories, listDepartments, saveStaff } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { setStaffPin } from '../../db/staff/operators'
import { registerVisit } from '../../db/visits/register'
import { signIn } from '../support/office-screens'
import { openApp, type AppUnderTest } from '../support/browser'
import { pick as pickFilter, shown } from '../support/five-issues'
import { actorOf } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const NOW = '2026-11-10 09:00:00'
const LEADER_PIN = '8642'

/** The desk's people and today's open reception day; returns the open session's id. */
async function seedDay(ctx: LedgerContext): Promise<number> {
  const deps = await listDepartments(ctx.db)
  const air = deps.find((d) => d.name === '大气环境股')
  await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  const leader = await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
  // An extension's approver confirms with a PIN of their own.
  await setStaffPin({ ...ctx, actor: actorOf(leader) }, { staffId: leader.id, pin: LEADER_PIN })
  await saveStaff(ctx, { name: '赵刚', role: 'handler', departmentId: air?.id ?? null })
  const s = await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼群众接待室' })
  await openSession(ctx, s.id)
  return s.id
}

/** One accepted issue registered today, as the desk would have done. */
async function seedAcceptedIssue(ctx: LedgerContext, content: string, category = '大气'): Promise<number> {
  const sessionId = await seedDay(ctx)
  const categoryId = (await listCategories(ctx.db)).find((c) => c.name === category)?.id ?? 1
  const visit = await registerVisit(ctx, {
    sessionId,
    visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content, place: '城东' }],
  })
  const id = visit.matters[0]?.issueId
  if (!id) throw new Error('no issue')
  return id
}

async function pick(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option).first().click()
}

/** antd spaces out a two-character button label (交 办); find it either way. */
const twoChar = (name: string) => new RegExp(`^${[...name].join('\\s?')}$`)

/** The open action form inside the issue drawer. */
const actionCard = (drawer: Locator, title: string) =>
  drawer.locator('.ant-card').filter({ has: drawer.page().locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }) })

async function issueRow(app: AppUnderTest, id: number) {
  return app.ctx.db.selectFrom('issues').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function historyOf(app: AppUnderTest, id: number) {
  return app.ctx.db
    .selectFrom('issue_history')
    .select(['action', 'from_status', 'to_status', 'reason'])
    .where('issue_id', '=', id)
    .orderBy('id')
    .execute()
}

describe('问题台账 life cycle', () => {
  it('accepts an issue at the desk and takes it through handover, progress, extension, resolution, an unsatisfied callback, a second resolution, a satisfied callback and closing', async () => {
    app = await openApp({ now: NOW, seed: async (ctx) => void (await seedDay(ctx)) })
    const { page } = app

    // 受理 at the desk, by the clerk signed in.
    await signIn(app, '王晓丽')
    await page.getByLabel('来访人姓名').fill('张桂芳')
    await page.getByLabel('联系电话').fill('13812345678')
    await page.getByText('受理·交办').click()
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^大气/).click()
    await page.getByLabel('反映问题').fill('化工园区夜间有刺鼻气味')
    await page.getByLabel('问题地点').fill('城东工业园')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText(/已登记 张桂芳，受理问题 JD-2026-11-0001/).waitFor()
    const { id } = await app.ctx.db.selectFrom('issues').select('id').where('number', '=', 'JD-2026-11-0001').executeTakeFirstOrThrow()
    const dueAtAcceptance = (await issueRow(app, id)).due_date

    // The desk's issue tag opens the issue in the ledger.
    await page.getByText('JD-2026-11-0001 已受理').click()
    await expect.poll(() => page.url()).toContain(`#/issues?id=${id}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByText('化工园区夜间有刺鼻气味').first().waitFor()
    await drawer.getByText('138****5678').waitFor()

    // 交办: section, responsible person, leader; Enter in the note saves.
    await drawer.getByRole('button', { name: twoChar('交办') }).click()
    const assign = actionCard(drawer, '交办')
    await pick(page, assign, '承办股室', '大气环境股')
    await pick(page, assign, '责任人', '赵刚（大气环境股）')
    await pick(page, assign, '包案领导', '李建国（副局长）')
    await assign.getByLabel('交办意见').fill('请三个工作日内现场核查')
    await assign.getByLabel('交办意见').press('Enter')
    await page.getByText('JD-2026-11-0001 已交办').waitFor()
    await drawer.locator('.ant-drawer-title').getByText('已交办').waitFor()
    let row = await issueRow(app, id)
    const staff = await app.ctx.db.selectFrom('staff').select(['id', 'name']).execute()
    const staffId = (name: string) => staff.find((s) => s.name === name)?.id
    expect(row.status).toBe('assigned')
    expect(row.assignee_id).toBe(staffId('赵刚'))
    expect(row.leader_id).toBe(staffId('李建国'))

    // 记录进展.
    await drawer.getByRole('button', { name: '记录进展' }).click()
    const progress = actionCard(drawer, '记录进展')
    // The cursor starts in the first field.
    await expect.poll(() => progress.getByLabel('进展情况').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.type('已现场核查，企业废气收集设施破损')
    await page.keyboard.press('Enter')
    await page.getByText('JD-2026-11-0001 已记录进展').waitFor()
    expect((await issueRow(app, id)).status).toBe('in_progress')
    expect(
      await app.ctx.db.selectFrom('progress_notes').select(['kind', 'note_date', 'note']).where('issue_id', '=', id).execute(),
    ).toEqual([{ kind: 'progress', note_date: '2026-11-10', note: '已现场核查，企业废气收集设施破损' }])

    // 延期, approved by the leader.
    await drawer.getByRole('button', { name: twoChar('延期') }).click()
    const extend = actionCard(drawer, '延期')
    await extend.getByLabel('新的办结时限').fill('2026-12-31')
    await extend.getByLabel('新的办结时限').press('Tab')
    await pick(page, extend, '批准人', '李建国（副局长）')
    await extend.getByLabel('批准人 PIN').fill(LEADER_PIN)
    await extend.getByLabel('延期理由').fill('需委托第三方开展夜间监测')
    await app.screenshot('issues-drawer-extend')
    await extend.getByLabel('延期理由').press('Enter')
    await page.getByText('JD-2026-11-0001 已延期至 2026-12-31').waitFor()
    expect((await issueRow(app, id)).due_date).toBe('2026-12-31')
    expect(
      await app.ctx.db
        .selectFrom('extensions')
        .select(['old_due_date', 'new_due_date', 'approver_id', 'reason'])
        .where('issue_id', '=', id)
        .execute(),
    ).toEqual([
      { old_due_date: dueAtAcceptance, new_due_date: '2026-12-31', approver_id: staffId('李建国'), reason: '需委托第三方开展夜间监测' },
    ])

    // 办结.
    await drawer.getByRole('button', { name: twoChar('办结') }).click()
    await actionCard(drawer, '办结').getByLabel('办理结果').fill('企业已更换废气收集设施，复查合格')
    await actionCard(drawer, '办结').getByLabel('办理结果').press('Enter')
    await page.getByText('JD-2026-11-0001 已办结').waitFor()
    row = await issueRow(app, id)
    expect([row.status, row.resolved_date]).toEqual(['resolved', '2026-11-10'])

    // 回访 不满意: the reason is required, and saving it reopens the issue.
    await drawer.getByRole('button', { name: twoChar('回访') }).click()
    const call = actionCard(drawer, '回访')
    await call.getByText('不满意').click()
    await call.getByRole('button', { name: '保存回访' }).click()
    await call.getByText('回访不满意时请填写不满意的原因').waitFor()
    expect(await app.ctx.db.selectFrom('callbacks').select('id').execute()).toEqual([])
    await call.getByLabel('回访意见').fill('夜间仍能闻到气味')
    await call.getByLabel('回访意见').press('Enter')
    await page.getByText('JD-2026-11-0001 回访不满意，已转为重新办理').waitFor()
    await drawer.locator('.ant-drawer-title').getByText('重新办理').waitFor()
    row = await issueRow(app, id)
    expect([row.status, row.resolved_date]).toEqual(['reopened', null])

    // 办结 again.
    await drawer.getByRole('button', { name: twoChar('办结') }).click()
    await actionCard(drawer, '办结').getByLabel('办理结果').fill('已加装在线监测并夜间巡查，气味消除')
    await actionCard(drawer, '办结').getByLabel('办理结果').press('Enter')
    await page.getByText('JD-2026-11-0001 已办结').first().waitFor()
    await expect.poll(async () => (await issueRow(app!, id)).status).toBe('resolved')

    // 回访 满意, from the keyboard: arrows pick, Enter saves.
    await drawer.getByRole('button', { name: twoChar('回访') }).click()
    await expect.poll(() => page.locator('*:focus').getAttribute('type')).toBe('radio')
    await page.keyboard.press('Space')
    await page.keyboard.press('Enter')
    await page.getByText('JD-2026-11-0001 回访满意，可以销号').waitFor()
    expect(
      await app.ctx.db
        .selectFrom('callbacks')
        .select(['callback_date', 'method', 'satisfaction', 'comment'])
        .where('issue_id', '=', id)
        .orderBy('id')
        .execute(),
    ).toEqual([
      { callback_date: '2026-11-10', method: 'phone', satisfaction: 'unsatisfied', comment: '夜间仍能闻到气味' },
      { callback_date: '2026-11-10', method: 'phone', satisfaction: 'satisfied', comment: null },
    ])

    // 销号.
    await drawer.getByRole('button', { name: twoChar('销号') }).click()
    await actionCard(drawer, '销号').getByRole('button', { name: '确认销号' }).click()
    await page.getByText('JD-2026-11-0001 已销号').waitFor()
    await drawer.locator('.ant-drawer-title').getByText('已销号').waitFor()
    row = await issueRow(app, id)
    expect([row.status, row.closed_date]).toEqual(['closed', '2026-11-10'])
    expect((await historyOf(app, id)).map((h) => `${h.action}:${h.to_status}`)).toEqual([
      'accept:accepted',
      'assign:assigned',
      'progress:in_progress',
      'resolve:resolved',
      'reopen:reopened',
      'resolve:resolved',
      'close:closed',
    ])
    // No action is left on a closed issue; the timeline tells the whole story.
    expect(await drawer.getByRole('button', { name: /^(交\s?办|记录进展|延\s?期|办\s?结|回\s?访|销\s?号)$/ }).count()).toBe(0)
    for (const text of ['需委托第三方开展夜间监测', '夜间仍能闻到气味', '已现场核查，企业废气收集设施破损'])
      await drawer.getByText(text).first().waitFor()
    await drawer.getByText(/回访（2026-11-10，电话）：满意/).waitFor()
    await app.screenshot('issues-drawer-closed')

    // The ledger behind the drawer shows the new state.
    await page.keyboard.press('Escape')
    await page.locator('.issue-table tbody tr', { hasText: 'JD-2026-11-0001' }).getByText('已销号').waitFor()
  })

  it('transfers an accepted issue to another authority with where and why', async () => {
    let id = 0
    app = await openApp({ now: NOW, seed: async (ctx) => void (id = await seedAcceptedIssue(ctx, '小区饭店油烟扰民')) })
    const { page } = app
    await page.goto(`${app.bridge.url}#/issues?id=${id}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByRole('button', { name: twoChar('转办') }).click()
    const form = actionCard(drawer, '转办')
    // Both fields are required before anything is sent.
    await form.getByRole('button', { name: twoChar('转办') }).click()
    await form.getByText('请填写转办到哪个单位').waitFor()
    await form.getByText('请填写转办理由').waitFor()
    await form.getByLabel('转办单位').fill('县城市管理局')
    await form.getByLabel('转办理由').fill('属餐饮油烟，由城市管理部门负责')
    await form.getByLabel('转办理由').press('Enter')
    await page.getByText(/已转办至 县城市管理局/).waitFor()
    // The saved notice names the unit too: the reloaded facts are what show the transfer.
    await drawer.getByText('转办单位', { exact: true }).waitFor()
    const row = await issueRow(app, id)
    expect([row.status, row.transfer_to, row.reason]).toEqual(['transferred', '县城市管理局', '属餐饮油烟，由城市管理部门负责'])
    expect((await historyOf(app, id)).at(-1)).toEqual({
      action: 'transfer',
      from_status: 'accepted',
      to_status: 'transferred',
      reason: '属餐饮油烟，由城市管理部门负责',
    })
  })

  it('opens the handover sheet of an assigned issue for printing and comes back to it', async () => {
    let id = 0
    app = await openApp({
      now: NOW,
      seed: async (ctx) => {
        id = await seedAcceptedIssue(ctx, '化工园区夜间有刺鼻气味')
        const air = (await listDepartments(ctx.db)).find((d) => d.name === '大气环境股')
        await assignIssue(ctx, { issueId: id, departmentId: air?.id ?? 1 })
      },
    })
    const { page } = app
    await page.goto(`${app.bridge.url}#/issues?id=${id}`)
    await page.getByRole('dialog').getByRole('button', { name: '打印交办单' }).click()
    await expect.poll(() => page.url()).toContain(`#/print?kind=handover&issues=${id}`)
    await page.getByText('JD-2026-11-0001').first().waitFor()
    await page.getByRole('button', { name: '返回' }).click()
    await page.getByRole('dialog').getByText('化工园区夜间有刺鼻气味').first().waitFor()
  })

  it('refuses an accepted issue with the reason why', async () => {
    let id = 0
    app = await openApp({ now: NOW, seed: async (ctx) => void (id = await seedAcceptedIssue(ctx, '邻里装修纠纷', '其他')) })
    const { page } = app
    await page.goto(`${app.bridge.url}#/issues?id=${id}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByRole('button', { name: '不予受理' }).click()
    const form = actionCard(drawer, '不予受理')
    await form.getByLabel('不予受理的理由').fill('属民事纠纷，已告知通过人民调解解决')
    await app.screenshot('issues-drawer-reject')
    await form.getByLabel('不予受理的理由').press('Enter')
    await page.getByText(/JD-2026-11-0001 已不予受理/).waitFor()
    await drawer.getByText('不予受理理由').waitFor()
    const row = await issueRow(app, id)
    expect([row.status, row.reason]).toEqual(['rejected', '属民事纠纷，已告知通过人民调解解决'])
    expect((await historyOf(app, id)).at(-1)).toEqual({
      action: 'reject',
      from_status: 'accepted',
      to_status: 'rejected',
      reason: '属民事纠纷，已告知通过人民调解解决',
    })
  })

  it('goes back to the last page that still exists when an action empties the page shown', async () => {
    app = await openApp({
      now: NOW,
      seed: async (ctx) => {
        const sessionId = await seedDay(ctx)
        const categoryId = (await listCategories(ctx.db)).find((c) => c.name === '大气')?.id ?? 1
        for (let i = 1; i <= 21; i++) {
          await registerVisit(ctx, {
            sessionId,
            visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
            headcount: 1,
            matters: [{ type: 'issue', categoryId, content: `第${i}处油烟扰民`, place: '城东' }],
          })
        }
      },
    })
    const { page } = app
    await page.goto(`${app.bridge.url}#/issues`)
    await pickFilter(page, '状态', '已受理')
    await page.getByText('共 21 个问题').waitFor()
    await page.locator('.ant-pagination-item-2').click()
    await expect.poll(() => shown(page)).toHaveLength(1)
    const [last] = await shown(page)
    await page.locator('.issue-table tbody tr.ant-table-row').first().click()
    const drawer = page.getByRole('dialog')
    await drawer.getByRole('button', { name: twoChar('转办') }).click()
    const form = actionCard(drawer, '转办')
    await form.getByLabel('转办单位').fill('县城市管理局')
    await form.getByLabel('转办理由').fill('属餐饮油烟，由城市管理部门负责')
    await form.getByLabel('转办理由').press('Enter')
    await page.getByText(/已转办至 县城市管理局/).waitFor()
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    // Page 2 no longer exists under the filter: the clerk sees page 1's twenty, not an empty page.
    await page.getByText('共 20 个问题').waitFor()
    await expect.poll(() => shown(page)).toHaveLength(20)
    expect(await shown(page)).not.toContain(last)
    expect(await page.locator('.issue-table .ant-pagination-item-active').textContent()).toBe('1')
    expect(await page.locator('.issue-table .ant-pagination-item-2').count()).toBe(0)
  })
})
