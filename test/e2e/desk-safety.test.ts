import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { saveStaff, seedDefaults } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, settle, type AppUnderTest } from '../support/browser'
import { signIn } from '../support/office-screens'
import type { TestClock } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

/** The office with one clerk and a supervisor, and a 服务群众接待日 opened on `day`; the clock is then back at `now`. */
async function officeWithDay(ctx: LedgerContext, clock: TestClock, day: string, now = `${day} 09:00:00`): Promise<number> {
  await seedDefaults(ctx)
  const clerk = await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true })
  clock.set(`${day} 08:30:00`)
  const s = await planSession(ctx, { date: day, kind: 'public', location: '局一楼群众接待室', staffIds: [clerk.id] })
  await openSession(ctx, s.id)
  clock.set(now)
  return s.id
}

async function fillConsultation(a: AppUnderTest, name: string): Promise<void> {
  const { page } = a
  await page.getByLabel('来访人姓名').fill(name)
  await page.getByLabel('联系电话').fill('13812345678')
  await page.getByLabel('问题类别').click()
  await page.getByTitle(/^大气/).click()
  await page.getByLabel('咨询内容').fill('小区旁饭店油烟扰民向哪里反映')
  await page.getByLabel('答复内容').fill('属餐饮油烟，已告知向城市管理部门反映')
}

/** The question a dialog with typed text asks before it closes. */
const asking = (page: Page) => page.locator('.ant-modal-confirm-title', { hasText: '放弃已填写的内容？' })

const visits = (a: AppUnderTest) =>
  a.ctx.db.selectFrom('visits').select(['id', 'visit_date', 'session_id', 'channel', 'submission_token']).orderBy('id').execute()

describe('今日接待 the morning after a day was left open', () => {
  it('names the day left open, and 结束并开始今日接待 closes it and files the next walk-in under today', async () => {
    let leftOpen = 0
    app = await openApp({
      now: '2026-12-03 09:00:00',
      seed: async (ctx, clock) => {
        leftOpen = await officeWithDay(ctx, clock, '2026-12-02')
        await registerVisit(ctx, {
          sessionId: leftOpen,
          visitor: { name: '张桂芳', kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'consultation', categoryId: 1, content: '油烟扰民', answer: '已告知' }],
        })
        clock.set('2026-12-03 09:00:00')
      },
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByText('进行中的接待日是12月2日（2026年12月2日服务群众接待日）').waitFor()
    // No form to type into a day that is not today's.
    expect(await page.getByLabel('来访人姓名').count()).toBe(0)
    await settle(app)
    await app.screenshot('desk-left-open')
    await page.getByRole('button', { name: '结束并开始今日接待' }).click()
    await page.getByText('2026年12月3日服务群众接待日').first().waitFor()
    await fillConsultation(app, '刘洋')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('已登记 刘洋').waitFor()
    const sessions = await app.ctx.db.selectFrom('sessions').select(['id', 'date', 'status', 'location']).orderBy('id').execute()
    expect(sessions).toEqual([
      { id: leftOpen, date: '2026-12-02', status: 'closed', location: '局一楼群众接待室' },
      { id: expect.any(Number), date: '2026-12-03', status: 'open', location: '局一楼群众接待室' },
    ])
    const saved = await visits(app)
    expect(saved.map((v) => [v.visit_date, v.session_id])).toEqual([
      ['2026-12-02', leftOpen],
      ['2026-12-03', sessions[1]?.id],
    ])
  })

  it('offers to register the walk-in outside a reception day, dated today', async () => {
    app = await openApp({
      now: '2026-12-24 10:00:00',
      seed: async (ctx, clock) => void (await officeWithDay(ctx, clock, '2026-12-02', '2026-12-24 10:00:00')),
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByRole('button', { name: '登记为非接待日来访' }).click()
    await expect.poll(() => page.locator('.ant-radio-button-wrapper-checked').first().innerText()).toBe('非接待日来访')
    await page.getByLabel('反映人').fill('周敏')
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^水/).click()
    await page.getByLabel('咨询内容').fill('河道清淤归哪个部门管')
    await page.getByLabel('答复内容').fill('已告知属水利部门职责')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('已登记 周敏').waitFor()
    expect((await visits(app)).map((v) => [v.visit_date, v.session_id, v.channel])).toEqual([['2026-12-24', null, 'walk_in']])
  })
})

describe('今日接待 with a day left open and today’s planned', () => {
  it('closes the day left open and opens the one planned for today rather than starting another', async () => {
    let planned = 0
    app = await openApp({
      now: '2026-12-03 09:00:00',
      seed: async (ctx, clock) => {
        await officeWithDay(ctx, clock, '2026-12-02', '2026-12-03 08:00:00')
        planned = (await planSession(ctx, { date: '2026-12-03', kind: 'enterprise', location: '政务服务中心生态环境窗口' })).id
        clock.set('2026-12-03 09:00:00')
      },
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByRole('button', { name: '结束并开始今日接待' }).click()
    await page.getByText('2026年12月3日服务企业接待日').first().waitFor()
    const sessions = await app.ctx.db.selectFrom('sessions').select(['id', 'date', 'status']).orderBy('id').execute()
    expect(sessions.map((s) => [s.date, s.status])).toEqual([
      ['2026-12-02', 'closed'],
      ['2026-12-03', 'open'],
    ])
    expect(sessions[1]?.id).toBe(planned)
  })
})

describe('今日接待 open past midnight', () => {
  it('refuses the save into yesterday, keeps what was typed, and saves it into the day started next', async () => {
    app = await openApp({
      now: '2026-11-30 23:50:00',
      seed: async (ctx, clock) => void (await officeWithDay(ctx, clock, '2026-11-30', '2026-11-30 23:50:00')),
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await fillConsultation(app, '马军')
    await app.setTime('2026-12-01 00:10:00')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('进行中的接待日是11月30日').first().waitFor()
    expect(await visits(app)).toEqual([])
    await page.getByRole('button', { name: '结束并开始今日接待' }).click()
    // The form comes back with the draft of what was typed before midnight.
    await expect.poll(() => page.getByLabel('来访人姓名').inputValue()).toBe('马军')
    expect(await page.getByLabel('答复内容').inputValue()).toBe('属餐饮油烟，已告知向城市管理部门反映')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('已登记 马军').waitFor()
    expect((await visits(app)).map((v) => v.visit_date)).toEqual(['2026-12-01'])
  })
})

describe('今日接待 keeps typed work', () => {
  it('brings a half-filled registration back after going to another screen, a reload and a restart', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: async (ctx, clock) => void (await officeWithDay(ctx, clock, '2026-11-10')) })
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByLabel('来访人姓名').fill('孙丽')
    await page.getByLabel('联系电话').fill('13612345678')
    await page.getByLabel('咨询内容').fill('排污许可证延续需要哪些材料')
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    await page.getByRole('menuitem', { name: '今日接待' }).click()
    await expect.poll(() => page.getByLabel('来访人姓名').inputValue()).toBe('孙丽')
    await page.reload()
    await expect.poll(() => page.getByLabel('咨询内容').inputValue()).toBe('排污许可证延续需要哪些材料')
    expect(await page.getByLabel('联系电话').inputValue()).toBe('13612345678')
    await page.getByText(/已恢复 .* 未保存的登记内容/).waitFor()
    await settle(app)
    await app.screenshot('desk-draft-restored')
    // A restart: the window closed and a new one opened on the same profile.
    const again = await app.context.newPage()
    await page.close()
    await again.goto(app.bridge.url)
    await expect.poll(() => again.getByLabel('来访人姓名').inputValue()).toBe('孙丽')
    app.page = again
    await again.getByLabel('问题类别').click()
    await again.getByTitle(/^排污许可/).click()
    await again.getByLabel('答复内容').fill('已发放材料清单')
    await again.getByRole('button', { name: '保存登记' }).click()
    await again.getByText('已登记 孙丽').waitFor()
    // Saved, the draft is gone: a reload starts an empty form.
    await again.reload()
    await again.getByLabel('来访人姓名').waitFor()
    expect(await again.getByLabel('来访人姓名').inputValue()).toBe('')
    expect(await visits(app)).toHaveLength(1)
  })

  it('resends the same submission after a reload in the middle of a save, and the ledger keeps one visit', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: async (ctx, clock) => void (await officeWithDay(ctx, clock, '2026-11-10')) })
    const { page } = app
    await signIn(app, '王晓丽')
    await fillConsultation(app, '郭静')
    // The ledger takes the save, but the window reloads before the answer arrives.
    let reached = false
    await page.route('**/__api/visit-register', async (route) => {
      await route.fetch()
      reached = true
      await route.abort()
    })
    await page.getByRole('button', { name: '保存登记' }).click()
    await expect.poll(() => reached).toBe(true)
    await page.unroute('**/__api/visit-register')
    await page.reload()
    await expect.poll(() => page.getByLabel('来访人姓名').inputValue()).toBe('郭静')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('已登记 郭静').waitFor()
    const saved = await visits(app)
    expect(saved).toHaveLength(1)
    expect(saved[0]?.submission_token).toMatch(/^f-[0-9a-f]{32}$/)
  })
})

describe('今日接待 drafts left alone', () => {
  it('drops a draft nobody touched for 14 days instead of bringing it back', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: async (ctx, clock) => void (await officeWithDay(ctx, clock, '2026-11-10')) })
    const { page } = app
    await page.getByLabel('来访人姓名').fill('吴强')
    await expect.poll(() => page.evaluate<number>('localStorage.length')).toBeGreaterThan(0)
    // The same draft, as if last changed 15 days ago.
    await page.evaluate(`(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)
        if (!k.endsWith('|desk:registration')) continue
        const d = JSON.parse(localStorage.getItem(k))
        d.savedAt = '2026-10-26 09:00:00'
        localStorage.setItem(k, JSON.stringify(d))
      }
    })()`)
    await page.reload()
    await page.getByLabel('来访人姓名').waitFor()
    expect(await page.getByLabel('来访人姓名').inputValue()).toBe('')
    expect(await page.getByText(/已恢复/).count()).toBe(0)
  })
})

describe('今日接待 with two Enters at once', () => {
  it('saves one visit and says so once', async () => {
    const sent: unknown[] = []
    app = await openApp({
      now: '2026-11-10 09:00:00',
      onCall: (channel, input) => {
        if (channel === 'visit-register') sent.push(input)
      },
      seed: async (ctx, clock) => void (await officeWithDay(ctx, clock, '2026-11-10')),
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await fillConsultation(app, '胡斌')
    await page.getByLabel('答复内容').focus()
    // Both presses land before the first save is answered.
    await page.evaluate(`(() => {
      const el = document.activeElement
      for (let i = 0; i < 2; i++) el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
    })()`)
    await page.getByText('已登记 胡斌').waitFor()
    expect(await page.getByText('已登记 胡斌').count()).toBe(1)
    await settle(app)
    expect(await visits(app)).toHaveLength(1)
    const tokens = new Set(sent.map((i) => (i !== null && typeof i === 'object' ? Reflect.get(i, 'submissionToken') : null)))
    expect(tokens.size).toBe(1)
  })
})

describe('dialogs with typed text', () => {
  it('asks before Esc closes the 作废 dialog, keeps the reason on 继续填写, and clears it on 放弃', async () => {
    app = await openApp({
      now: '2026-11-10 09:00:00',
      seed: async (ctx, clock) => {
        const s = await officeWithDay(ctx, clock, '2026-11-10')
        await registerVisit(ctx, {
          sessionId: s,
          visitor: { name: '谢芳', kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'consultation', categoryId: 1, content: '油烟扰民', answer: '已告知' }],
        })
      },
    })
    const { page } = app
    await page.getByRole('button', { name: '作废 谢芳 的来访登记' }).click()
    const dialog = page.getByRole('dialog', { name: /作废来访登记：谢芳/ })
    await dialog.getByLabel('作废原因').fill('重复登记')
    await page.keyboard.press('Escape')
    await asking(page).waitFor()
    await settle(app)
    await app.screenshot('dialog-esc-asks')
    // Esc again answers 继续填写: the dialog and its text stay.
    await page.keyboard.press('Escape')
    await asking(page).waitFor({ state: 'hidden' })
    expect(await dialog.getByLabel('作废原因').inputValue()).toBe('重复登记')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /^放\s?弃$/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('button', { name: '作废 谢芳 的来访登记' }).click()
    expect(
      await page
        .getByRole('dialog', { name: /作废来访登记/ })
        .getByLabel('作废原因')
        .inputValue(),
    ).toBe('')
  })

  it('keeps the 计划接待日 dialog’s typed text as a draft through a reload, and asks before Esc discards it', async () => {
    app = await openApp({ now: '2026-11-10 09:00:00', seed: async (ctx) => void (await seedDefaults(ctx)) })
    const { page } = app
    await page.getByRole('menuitem', { name: '接待日' }).click()
    await page
      .getByRole('button', { name: /计划接待日/ })
      .first()
      .click()
    const dialog = page.getByRole('dialog', { name: '计划接待日' })
    await dialog.getByLabel('接待地点').fill('政务服务中心三楼')
    await dialog.getByLabel('备注').fill('联合住建局共同接待')
    await page.reload()
    await page
      .getByRole('button', { name: /计划接待日/ })
      .first()
      .click()
    await expect.poll(() => dialog.getByLabel('备注').inputValue()).toBe('联合住建局共同接待')
    await page.keyboard.press('Escape')
    await asking(page).waitFor()
    await page.getByRole('button', { name: '继续填写' }).click()
    expect(await dialog.getByLabel('接待地点').inputValue()).toBe('政务服务中心三楼')
  })

  it('asks before Esc closes the issue drawer over a 交办 with typed text', async () => {
    app = await openApp({
      now: '2026-11-10 09:00:00',
      seed: async (ctx, clock) => {
        const s = await officeWithDay(ctx, clock, '2026-11-10')
        await registerVisit(ctx, {
          sessionId: s,
          visitor: { name: '徐明', kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'issue', categoryId: 1, content: '化工园区夜间有刺鼻气味', place: '城东工业园' }],
        })
      },
    })
    const { page } = app
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    await page.getByText('JD-2026-11-0001').first().click()
    await page.getByRole('button', { name: /^交\s?办$/ }).click()
    await page.getByLabel('交办意见').fill('请三日内现场核查')
    await page.keyboard.press('Escape')
    await asking(page).waitFor()
    await page.getByRole('button', { name: '继续填写' }).click()
    expect(await page.getByLabel('交办意见').inputValue()).toBe('请三日内现场核查')
    expect(await page.locator('.ant-drawer-open').count()).toBe(1)
  })
})
