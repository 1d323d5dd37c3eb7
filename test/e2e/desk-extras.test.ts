import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { systemActor, type LedgerContext } from '../../db/core/context'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { saveAnswerTemplate } from '../../db/reference/answers'
import { listCategories, listDepartments, saveStaff, seedDefaults, updateSettings } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, settle, type AppOptions, type AppUnderTest } from '../support/browser'
import { signIn } from '../support/office-screens'
import { generateDemoMonth } from '../../tools/demo'
import { actorOf, type TestClock } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

interface Office {
  sessionId: number
  categoryId: (name: string) => number
}

/** Categories, a clerk (王晓丽) acting, a supervisor, and today's 服务群众接待日 open. */
async function office(ctx: LedgerContext, clock: TestClock, today = '2026-11-10'): Promise<Office> {
  await seedDefaults(ctx)
  const clerk = await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true })
  ctx.actor = actorOf(clerk)
  clock.set(`${today} 08:30:00`)
  const s = await planSession(ctx, { date: today, kind: 'public', location: '局一楼群众接待室', staffIds: [clerk.id] })
  await openSession(ctx, s.id)
  const categories = await listCategories(ctx.db)
  return { sessionId: s.id, categoryId: (name) => categories.find((c) => c.name === name)?.id ?? 1 }
}

async function deskWith(seed: (ctx: LedgerContext, o: Office, clock: TestClock) => Promise<void>, more: Partial<AppOptions> = {}) {
  app = await openApp({
    now: '2026-11-10 10:00:00',
    ...more,
    seed: async (ctx, clock) => {
      const o = await office(ctx, clock)
      await seed(ctx, o, clock)
      clock.set('2026-11-10 10:00:00')
    },
  })
  return app
}

const issueVisit = (o: Office, name: string, content: string, phone = '13812345678') => ({
  sessionId: o.sessionId,
  visitor: { name, phone, kind: 'resident' as const },
  headcount: 1,
  matters: [{ type: 'issue' as const, categoryId: o.categoryId('大气'), content, place: '城东工业园' }],
})

const focusedLabel = (page: Page) =>
  page.evaluate<string | null>("document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent ?? null")

describe('更正 at the desk', () => {
  it('corrects an answer with a reason and shows the old text, the reason and who in the visit’s history', async () => {
    const a = await deskWith(async (ctx, o) => {
      await registerVisit(ctx, {
        sessionId: o.sessionId,
        visitor: { name: '张桂芳', kind: 'resident' },
        headcount: 1,
        matters: [{ type: 'consultation', categoryId: o.categoryId('大气'), content: '油烟扰民向哪里反映', answer: '已告知向城管反映' }],
      })
    })
    const { page } = a
    await signIn(a, '王晓丽')
    await page.getByRole('button', { name: '更正 张桂芳 的来访登记' }).click()
    const dialog = page.getByRole('dialog', { name: /更正来访登记：张桂芳/ })
    await dialog.getByLabel('答复内容').fill('已告知向城市管理部门反映，电话12319')
    await dialog.getByLabel('更正原因').fill('补全答复的电话')
    await dialog.getByRole('button', { name: /保\s?存/ }).click()
    await page.getByText('已更正 张桂芳 的来访登记').waitFor()
    await page.getByRole('button', { name: '已更正 1 次' }).click()
    const history = page.locator('.ant-popover')
    await history.getByText('更正答复内容').waitFor()
    await history.getByText('已告知向城管反映').waitFor()
    await history.getByText('补全答复的电话').waitFor()
    await history.getByText(/王晓丽/).waitFor()
    await settle(a)
    await a.screenshot('desk-correction-history')
    const rows = await a.ctx.db.selectFrom('corrections').select(['field', 'old_value', 'new_value', 'reason', 'actor_name']).execute()
    expect(rows).toEqual([
      {
        field: 'answer',
        old_value: '已告知向城管反映',
        new_value: '已告知向城市管理部门反映，电话12319',
        reason: '补全答复的电话',
        actor_name: '王晓丽',
      },
    ])
  })

  it('corrects an issue’s description from its drawer and puts the correction in 办理经过', async () => {
    const a = await deskWith(async (ctx, o) => void (await registerVisit(ctx, issueVisit(o, '刘洋', '夜间有异味'))))
    const { page } = a
    await signIn(a, '王晓丽')
    await page.goto(`${a.bridge.url}#/issues`)
    await page.getByText('JD-2026-11-0001').first().click()
    await page.getByRole('button', { name: /更\s?正$/ }).click()
    const dialog = page.getByRole('dialog', { name: '更正问题：JD-2026-11-0001' })
    await dialog.getByLabel('反映问题').fill('化工园区夜间有刺鼻异味')
    await dialog.getByLabel('更正原因').fill('来访人补充说明')
    await dialog.getByRole('button', { name: /保\s?存/ }).click()
    const drawer = page.locator('.ant-drawer-open')
    await drawer.getByText('更正内容').waitFor()
    await drawer.getByText('原为：夜间有异味').waitFor()
    await drawer.getByText('化工园区夜间有刺鼻异味').first().waitFor()
    await settle(a)
    await a.screenshot('issue-correction-timeline')
  })
})

describe('回访 by phone', () => {
  it('gives the clerk making the call the number in the callback dialog, audited as 回访 with the issue number', async () => {
    let issueNumber = ''
    const a = await deskWith(async (ctx, o, clock) => {
      const v = await registerVisit(ctx, issueVisit(o, '周敏', '河道有黑臭水体', '13912345678'))
      const m = v.matters[0]
      if (!m?.issueId || !m.issueNumber) throw new Error('no issue')
      issueNumber = m.issueNumber
      await assignIssue(ctx, { issueId: m.issueId, departmentId: (await listDepartments(ctx.db))[2]?.id ?? 1 })
      clock.set('2026-11-10 09:30:00')
      await resolveIssue(ctx, { issueId: m.issueId, result: '已清淤并封堵排污口' })
    })
    const { page } = a
    await signIn(a, '王晓丽')
    await page.goto(`${a.bridge.url}#/callbacks`)
    await page
      .getByRole('button', { name: /回\s?访/ })
      .first()
      .click()
    const dialog = page.getByRole('dialog', { name: `回访 ${issueNumber}` })
    await dialog.getByText('139****5678').waitFor()
    await dialog.getByRole('button', { name: '显示号码拨打' }).click()
    await dialog.getByLabel('回访电话').getByText('13912345678').waitFor()
    await settle(a)
    await a.screenshot('callback-number-shown')
    const audit = await a.ctx.db
      .selectFrom('audit_log')
      .select(['actor_name', 'detail'])
      .where('action', '=', 'reveal')
      .executeTakeFirstOrThrow()
    expect(audit.actor_name).toBe('王晓丽')
    expect(JSON.parse(audit.detail)).toEqual({ field: 'phone', reason: '回访', issueNumber })
    await dialog.getByText('满意', { exact: true }).click()
    await dialog.getByRole('button', { name: '保存回访' }).click()
    await page.getByText(`${issueNumber} 回访满意，可以销号`).waitFor()
    // Shown for that dialog only: the number is gone from the page once it closes.
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.getByText('13912345678').count()).toBe(0)
  })
})

describe('常用答复 at the desk', () => {
  it('offers the category’s answers the most used first on ↓ in 答复内容, picked with Enter and then edited', async () => {
    const a = await deskWith(async (ctx, o) => {
      const permit = o.categoryId('排污许可')
      await saveAnswerTemplate(ctx, { categoryId: permit, text: '已告知可网上办理' })
      const common = await saveAnswerTemplate(ctx, { categoryId: permit, text: '已告知延续申请须提前30日提交，并发放材料清单' })
      for (let i = 0; i < 2; i++) {
        await registerVisit(ctx, {
          sessionId: o.sessionId,
          visitor: { name: `来访人${i}`, kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'consultation', categoryId: permit, content: '延续', answer: common.text, answerTemplateId: common.id }],
        })
      }
    })
    const { page } = a
    await signIn(a, '王晓丽')
    const k = page.keyboard
    await page.getByLabel('来访人姓名').fill('黄磊')
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^排污许可/).click()
    await page.getByLabel('咨询内容').fill('排污许可证快到期了怎么办')
    await page.getByLabel(/^答复内容/).focus()
    await k.press('ArrowDown')
    const first = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first()
    await expect.poll(() => first.innerText()).toContain('已告知延续申请须提前30日提交')
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().waitFor()
    await settle(a)
    await a.screenshot('desk-saved-answers')
    await k.press('Enter')
    await expect.poll(() => page.getByLabel(/^答复内容/).inputValue()).toBe('已告知延续申请须提前30日提交，并发放材料清单')
    await k.press('End')
    await k.type('；已加企业微信')
    await k.press('Control+Enter')
    await page.getByText('已登记 黄磊').waitFor()
    const used = await a.ctx.db.selectFrom('answer_templates').select(['text', 'use_count']).orderBy('use_count', 'desc').execute()
    expect(used[0]).toEqual({ text: '已告知延续申请须提前30日提交，并发放材料清单', use_count: 3 })
    const saved = await a.ctx.db.selectFrom('matters').select('answer').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(saved.answer).toBe('已告知延续申请须提前30日提交，并发放材料清单；已加企业微信')
  })
})

describe('the cursor at the desk', () => {
  it('goes into the new matter after 添加受理问题, and past the stored phone after Alt+1 picks a returning visitor', async () => {
    const a = await deskWith(async (ctx, o) => void (await registerVisit(ctx, issueVisit(o, '张桂芳', '化工园区夜间有刺鼻气味'))))
    const { page } = a
    await page.getByRole('button', { name: /添加受理问题/ }).click()
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement?.closest('[data-matter]')?.getAttribute('data-matter') ?? null"))
      .toBe('1')
    await page.getByLabel('联系电话').fill('1381234')
    await page.getByText(/Alt\+1　张桂芳/).waitFor()
    await page.keyboard.press('Alt+1')
    // Name and phone are taken care of: the cursor moves on to the first box still empty.
    await expect.poll(() => focusedLabel(page)).toBe('问题类别')
  })
})

describe('Enter with 设置 keeping the older behaviour', () => {
  it('saves from any field on Enter when 登记表中 Enter 键 is set to 保存', async () => {
    const a = await deskWith(async (ctx) => void (await updateSettings({ ...ctx, actor: systemActor }, { enterMovesToNextField: false })))
    const { page } = a
    await signIn(a, '王晓丽')
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^大气/).click()
    await page.getByLabel('咨询内容').fill('油烟扰民向哪里反映')
    await page.getByLabel(/^答复内容/).fill('已告知向城管反映')
    await page.getByLabel('来访人姓名').fill('朱红')
    // Enter in the first box saves the whole form, as before.
    await page.getByLabel('来访人姓名').press('Enter')
    await page.getByText('已登记 朱红').waitFor()
  })
})

describe('the header search', () => {
  it('takes the cursor on Ctrl+K, groups what it finds, and opens an issue on Enter', async () => {
    const a = await deskWith(async (ctx, o) => void (await registerVisit(ctx, issueVisit(o, '马军', '搅拌站夜间作业噪声扰民'))))
    const { page } = a
    await page.keyboard.press('Control+k')
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null"))
      .toBe('搜索问题、来访人、企业')
    await page.keyboard.type('搅拌站')
    await page.locator('.ant-select-item-group', { hasText: '问题（1）' }).waitFor()
    await settle(a)
    await a.screenshot('header-search')
    await page.keyboard.press('Enter')
    await page.locator('.ant-drawer-title', { hasText: 'JD-2026-11-0001' }).waitFor()
    expect(await page.evaluate<string>('location.hash')).toBe('#/issues?id=1')
  })
})

describe('受理回执', () => {
  it('prints the issue number, what was accepted, the deadline, whom to call and a signature line, with the phone masked', async () => {
    const a = await deskWith(async (ctx, o) => void (await registerVisit(ctx, issueVisit(o, '郭静', '小河沟出现黑臭水体'))))
    const { page } = a
    await page.getByRole('button', { name: '打印 郭静 的受理回执' }).click()
    const paper = page.locator('.paper.receipt')
    await paper.getByText('受理回执').waitFor()
    const text = await paper.innerText()
    expect(text).toContain('JD-2026-11-0001')
    expect(text).toContain('小河沟出现黑臭水体')
    expect(text).toContain('2026-12-01 前（15 个工作日）')
    expect(text).toContain('首问责任人 王晓丽')
    expect(text).toContain('来访人签名')
    expect(text).toContain('138****5678')
    expect(text).not.toContain('13812345678')
    await a.screenshot('receipt')
  })
})

describe('today’s list', () => {
  it('keeps 作废 on the card however long a matter is, and opens an issue tag from the keyboard', async () => {
    const a = await deskWith(async (ctx, o) => {
      await registerVisit(ctx, issueVisit(o, '孙丽', `工业园区${'夜间排放刺鼻气体，周边居民无法开窗，'.repeat(12)}`))
    })
    const { page } = a
    const card = page.locator('.ant-card', { hasText: '今日来访' })
    const edge = await card.boundingBox()
    const voidButton = await card.getByRole('button', { name: '作废 孙丽 的来访登记' }).boundingBox()
    expect(edge && voidButton && voidButton.x + voidButton.width <= edge.x + edge.width).toBe(true)
    await a.screenshot('desk-long-matter')
    await card.getByRole('button', { name: '打开问题 JD-2026-11-0001' }).focus()
    await page.keyboard.press('Enter')
    await page.locator('.ant-drawer-title', { hasText: 'JD-2026-11-0001' }).waitFor()
  })
})

describe('the desk at Windows scaling', () => {
  for (const [percent, viewport, scale] of [
    [125, { width: 1093, height: 614 }, 1.25],
    [150, { width: 911, height: 512 }, 1.5],
  ] as const) {
    it(`keeps 保存登记 on screen at ${percent} % on a 1366×768 display, with two matters open`, async () => {
      const a = await deskWith(async () => undefined, { viewport, deviceScaleFactor: scale })
      const { page } = a
      await page.getByRole('button', { name: /添加受理问题/ }).click()
      await page.getByLabel('来访人姓名').fill('谢芳')
      const save = page.getByRole('button', { name: '保存登记' })
      const box = await save.boundingBox()
      expect(box).not.toBeNull()
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport.height)
      // Not only inside the window: nothing covers it.
      const onTop = await page.evaluate<boolean>(
        `(() => { const b = document.elementFromPoint(${(box?.x ?? 0) + 10}, ${(box?.y ?? 0) + 5}); return !!b && !!b.closest('button') && b.closest('button').textContent.includes('保存登记') })()`,
      )
      expect(onTop).toBe(true)
      await settle(a)
      await a.screenshot(`desk-${percent}-percent`)
    })
  }
})

describe('the first run', () => {
  it('shows the checklist on a new office’s desk, each step from the ledger, and the same list in 设置 → 开始使用', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: async (ctx) => void (await seedDefaults(ctx)) })
    const { page } = app
    const card = page.locator('.ant-card', { hasText: '开始使用：还有几步设置' })
    await card.getByText('单位名称').waitFor()
    await card.getByText('问题类别与股室').waitFor()
    await settle(app)
    await app.screenshot('desk-first-run')
    await card.getByRole('button', { name: '已核对' }).click()
    await expect.poll(() => card.getByRole('button', { name: '已核对' }).count()).toBe(0)
    expect(
      await app.ctx.db.selectFrom('settings').select('value').where('key', '=', 'setup_reference_reviewed').executeTakeFirst(),
    ).toEqual({
      value: '1',
    })
    await card.getByRole('button', { name: '去设置' }).click()
    await expect.poll(() => page.evaluate<string>('location.hash')).toBe('#/settings?tab=ledger')
    await page.getByRole('tab', { name: '开始使用' }).click()
    await page.getByRole('tabpanel').getByText('负责人 PIN', { exact: true }).waitFor()
  })
})

describe('the monthly print', () => {
  it('puts 其中按类型 under 举办接待日 and the callbacks’ 不满意 in a warning colour', async () => {
    app = await openApp({ now: '2026-11-25 10:00:00', seed: async (ctx) => void (await generateDemoMonth(ctx, '2026-10')) })
    const { page } = app
    await page.goto(`${app.bridge.url}#/print?kind=monthly&month=2026-10`)
    const rows = page.locator('.paper table.data').first().locator('tr th')
    await rows.first().waitFor()
    const labels = (await rows.allTextContents()).map((t) => t.trim())
    expect(labels[0]).toBe('举办接待日（场）')
    expect(labels[1]).toBe('其中按类型')
    const unsatisfied = page.locator('[data-figure="unsatisfied"]')
    expect(await unsatisfied.innerText()).toMatch(/^不满意 [1-9]\d*$/)
    expect(await unsatisfied.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color)).toBe('rgb(212, 56, 13)')
    await app.screenshot('monthly-print')
  })
})
