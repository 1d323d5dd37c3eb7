import { WorkCalendar } from '../../db/calendar/working-days'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { generateDemoMonth } from '../../tools/demo'
import { assignIssue, resolveIssue, transferIssue } from '../../db/issues/actions'
import { listCategories, listDepartments, saveStaff } from '../../db/reference/reference'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, type AppUnderTest } from '../support/browser'
import type { TestClock } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const NOW = '2026-11-10 09:00:00'

interface Seeded {
  /** Ledger numbers by the letter the tests call them. */
  a: string
  b: string
  c: string
  d: string
  e: string
  ids: Record<'a' | 'b' | 'c' | 'd' | 'e', number>
}

/** Registers one issue at a reception day on `date`; the day is closed again afterwards. */
async function issueOn(
  ctx: LedgerContext,
  clock: TestClock,
  date: string,
  v: { name: string; phone: string; org?: string; category: string; content: string; place: string },
): Promise<{ id: number; number: string }> {
  clock.set(`${date} 08:30:00`)
  const categories = await listCategories(ctx.db)
  const categoryId = categories.find((c) => c.name === v.category)?.id
  if (categoryId === undefined) throw new Error(`no category ${v.category}`)
  const s = await planSession(ctx, { date, kind: v.org ? 'enterprise' : 'public', location: '局一楼接待室' })
  await openSession(ctx, s.id)
  const visit = await registerVisit(ctx, {
    sessionId: s.id,
    visitor: { name: v.name, phone: v.phone, kind: v.org ? 'enterprise' : 'resident' },
    organization: v.org ? { name: v.org } : null,
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content: v.content, place: v.place }],
  })
  await closeSession(ctx, s.id)
  const m = visit.matters[0]
  if (!m?.issueId || !m.issueNumber) throw new Error('no issue registered')
  return { id: m.issueId, number: m.issueNumber }
}

/**
 * Five issues whose states the filters tell apart, seen from 2026-11-10 (三个工作日内 = up to 11-13):
 * A 大气 accepted 10-12 (15 working days → early November): assigned to 大气环境股, overdue.
 * B 政策咨询 accepted 11-05 (5 → 11-12): due soon.   C 噪声 accepted 11-05 (10 → 11-19): on time.
 * D 排污许可 of 青山化工 accepted 10-13: resolved.    E 水 accepted 11-06: transferred.
 */
async function seedFive(ctx: LedgerContext, clock: TestClock): Promise<Seeded> {
  const deps = await listDepartments(ctx.db)
  const dep = (name: string) => {
    const d = deps.find((x) => x.name === name)
    if (!d) throw new Error(`no department ${name}`)
    return d.id
  }
  await saveStaff(ctx, { name: '赵刚', role: 'handler', departmentId: dep('大气环境股') })
  const a = await issueOn(ctx, clock, '2026-10-12', {
    name: '张桂芳',
    phone: '13812345678',
    category: '大气',
    content: '化工园区夜间有刺鼻气味',
    place: '城东工业园',
  })
  const d = await issueOn(ctx, clock, '2026-10-13', {
    name: '陈志强',
    phone: '13912345678',
    org: '青山化工有限公司',
    category: '排污许可',
    content: '排污许可证延续办理进度',
    place: '青山化工厂区',
  })
  const b = await issueOn(ctx, clock, '2026-11-05', {
    name: '周敏',
    phone: '13712345678',
    category: '政策咨询',
    content: '小微企业环评豁免政策',
    place: '城南',
  })
  const c = await issueOn(ctx, clock, '2026-11-05', {
    name: '刘洋',
    phone: '13612345678',
    category: '噪声',
    content: '搅拌站夜间作业噪声扰民',
    place: '河滨路搅拌站',
  })
  const e = await issueOn(ctx, clock, '2026-11-06', {
    name: '吴强',
    phone: '13512345678',
    category: '水',
    content: '小区化粪池外溢',
    place: '幸福小区',
  })
  clock.set('2026-11-06 10:00:00')
  await assignIssue(ctx, { issueId: a.id, departmentId: dep('大气环境股') })
  await assignIssue(ctx, { issueId: d.id, departmentId: dep('环境影响评价与排放管理股') })
  await resolveIssue(ctx, { issueId: d.id, result: '已指导企业提交延续申请，许可证已核发' })
  await transferIssue(ctx, { issueId: e.id, to: '县住房和城乡建设局', reason: '属物业管理范围' })
  await assignIssue(ctx, { issueId: c.id, departmentId: dep('生态环境保护综合行政执法大队') })
  clock.set(NOW)
  return { a: a.number, b: b.number, c: c.number, d: d.number, e: e.number, ids: { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id } }
}

async function openLedger(): Promise<{ app: AppUnderTest; s: Seeded }> {
  let seeded: Seeded | null = null
  const opened = await openApp({
    now: NOW,
    seed: async (ctx, clock) => {
      seeded = await seedFive(ctx, clock)
    },
  })
  app = opened
  await opened.page.goto(`${opened.bridge.url}#/issues`)
  await opened.page.getByRole('heading', { name: '问题台账' }).waitFor()
  if (!seeded) throw new Error('not seeded')
  return { app: opened, s: seeded }
}

/** The ledger numbers in the table as shown, top to bottom, once it has settled. */
async function shown(page: Page): Promise<string[]> {
  await page.locator('.issue-table .ant-spin-spinning').waitFor({ state: 'detached' })
  const texts = await page.locator('.issue-table tbody tr.ant-table-row td:first-child').allTextContents()
  return texts.map((t) => t.trim())
}

/** Picks an option in the antd select labelled `label` from the dropdown now open. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click()
}

async function clearFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: '清除筛选' }).click()
}

describe('问题台账 filters', () => {
  it('shows only the issues in the chosen statuses', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    expect(await shown(page)).toHaveLength(5)
    await pick(page, '状态', '已办结')
    await page.getByRole('heading', { name: '问题台账' }).click()
    await expect.poll(() => shown(page)).toEqual([s.d])
    await pick(page, '状态', '已转办')
    await page.getByRole('heading', { name: '问题台账' }).click()
    await expect.poll(async () => new Set(await shown(page))).toEqual(new Set([s.d, s.e]))
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' })
    await app.screenshot('issues-filtered')
    await clearFilters(page)
    await expect.poll(async () => (await shown(page)).length).toBe(5)
  })

  it('shows only the issues of the chosen category', async () => {
    const { app, s } = await openLedger()
    await pick(app.page, '类别', '噪声')
    await expect.poll(() => shown(app.page)).toEqual([s.c])
  })

  it('shows only the issues handed to the chosen section', async () => {
    const { app, s } = await openLedger()
    await pick(app.page, '承办股室', '大气环境股')
    await expect.poll(() => shown(app.page)).toEqual([s.a])
    await app.page.getByText('大气环境股').nth(1).waitFor()
  })

  it('tells overdue, due within three working days and on time apart', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    await pick(page, '时限状态', '已超期')
    await expect.poll(() => shown(page)).toEqual([s.a])
    await pick(page, '时限状态', '3个工作日内到期')
    await expect.poll(() => shown(page)).toEqual([s.b])
    await pick(page, '时限状态', '未到期')
    await expect.poll(() => shown(page)).toEqual([s.c])
  })

  it('shows only the issues accepted in the chosen month', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    await page.getByLabel('受理月份').click()
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').getByText('10月', { exact: true }).click()
    await expect.poll(async () => new Set(await shown(page))).toEqual(new Set([s.a, s.d]))
  })

  it('finds issues by text in their content or by the enterprise that raised them', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    await page.getByLabel('搜索问题', { exact: true }).fill('搅拌站')
    await expect.poll(() => shown(page)).toEqual([s.c])
    await page.getByLabel('搜索问题', { exact: true }).fill('青山化工')
    await page.getByLabel('搜索问题', { exact: true }).press('Enter')
    await expect.poll(() => shown(page)).toEqual([s.d])
  })
})

/** The focused element as "TAG aria-label", to tell the plain box from the real picker's input. */
function focusedControl(page: Page): Promise<string> {
  return page.evaluate<string>("`${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label')}`")
}

const openDropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)'

describe('问题台账 filter pickers', () => {
  it('draws a filter as a plain box until it is used, and a click on it opens the real drop-down whose choice filters the table', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    const box = page.getByRole('combobox', { name: '类别', exact: true })
    expect(await box.evaluate((e) => e.tagName)).toBe('DIV')
    expect(await box.getAttribute('class')).toContain('ant-select')
    for (const label of ['状态', '类别', '承办股室', '时限状态', '办理程序', '受理月份']) {
      const named = page.locator(`[aria-label="${label}"]`)
      expect(await named.count()).toBe(1)
      expect(await named.evaluate((e) => `${e.tagName} ${e.getAttribute('role')} ${e.getAttribute('tabindex')}`)).toBe('DIV combobox 0')
    }
    await box.click()
    await page.locator(openDropdown).getByTitle('噪声', { exact: true }).waitFor()
    expect(await focusedControl(page)).toBe('INPUT 类别')
    await page.locator(openDropdown).getByTitle('噪声', { exact: true }).click()
    await expect.poll(() => shown(page)).toEqual([s.c])
    // The others are still boxes: only the one used was mounted.
    expect(await page.getByRole('combobox', { name: '时限状态', exact: true }).evaluate((e) => e.tagName)).toBe('DIV')
  })

  it('opens a filter from the keyboard: Tab onto its box, then ArrowDown or Enter', async () => {
    const { app } = await openLedger()
    const { page } = app
    await page.getByLabel('搜索问题', { exact: true }).focus()
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedControl(page)).toBe('INPUT 状态')
    await page.keyboard.press('ArrowDown')
    await page.locator(openDropdown).getByTitle('已办结', { exact: true }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByLabel('状态', { exact: true }).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedControl(page)).toBe('INPUT 类别')
    expect(await page.getByLabel('类别', { exact: true }).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('Enter')
    await page.locator(openDropdown).getByTitle('噪声', { exact: true }).waitFor()
    expect(await page.getByLabel('类别', { exact: true }).getAttribute('aria-expanded')).toBe('true')
  })
})

describe('问题台账 deadlines', () => {
  it('marks an issue past its working-day deadline in red, saying by how many working days', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    const row = page.locator('.issue-table tbody tr.ant-table-row', { hasText: s.a })
    const due = await app.ctx.db.selectFrom('issues').select('due_date').where('id', '=', s.ids.a).executeTakeFirstOrThrow()
    const late = new WorkCalendar([]).workdaysBetween(due.due_date, '2026-11-10')
    expect(late).toBeGreaterThan(0)
    await row.getByText(`超期 ${late} 工作日`, { exact: true }).waitFor()
    expect(await row.getAttribute('class')).toContain('issue-row-overdue')
    const background = await row
      .locator('td')
      .nth(2)
      .evaluate((td) => td.ownerDocument.defaultView?.getComputedStyle(td).backgroundColor)
    expect(background).toBe('rgb(255, 241, 240)')
    const bar = await row
      .locator('td')
      .first()
      .evaluate((td) => td.ownerDocument.defaultView?.getComputedStyle(td).boxShadow)
    expect(bar).toContain('rgb(245, 34, 45)')
    // The due-soon issue is orange, the on-time and finished ones are plain.
    await page.locator('.issue-table tbody tr.issue-row-due-soon', { hasText: s.b }).getByText('即将到期').waitFor()
    for (const n of [s.c, s.d, s.e]) {
      const cls = await page.locator('.issue-table tbody tr.ant-table-row', { hasText: n }).getAttribute('class')
      expect(cls).not.toMatch(/overdue|due-soon/)
    }
    const a = await app.ctx.db.selectFrom('issues').select(['due_date', 'status']).where('id', '=', s.ids.a).executeTakeFirstOrThrow()
    expect(a.status).toBe('assigned')
    expect(a.due_date < '2026-11-10').toBe(true)
    await app.screenshot('issues-overdue')
  })
})

describe('问题台账 overdue count', () => {
  it('lists exactly the overdue issues when the desk clicks the overdue count', async () => {
    app = await openApp({
      now: NOW,
      seed: async (ctx) => {
        for (const month of ['2026-08', '2026-09', '2026-10']) await generateDemoMonth(ctx, month)
      },
    })
    const { page } = app
    const overdue = await app.ctx.db
      .selectFrom('issues')
      .select('number')
      .where('status', 'in', ['accepted', 'assigned', 'in_progress', 'reopened'])
      .where('due_date', '<', '2026-11-10')
      .orderBy('accepted_date', 'desc')
      .execute()
    expect(overdue.length).toBeGreaterThan(0)
    await page.goto(`${app.bridge.url}#/issues`)
    await page.getByRole('button', { name: `已超期 ${overdue.length} 个` }).click()
    await expect.poll(async () => new Set(await shown(page))).toEqual(new Set(overdue.map((r) => r.number)))
    expect(await page.locator('.issue-table tbody tr.issue-row-overdue').count()).toBe(overdue.length)
    expect(
      await page
        .locator('.issue-table tbody tr.issue-row-overdue')
        .getByText(/^超期 \d+ 工作日$/)
        .count(),
    ).toBe(overdue.length)
    await app.screenshot('issues-ledger-overdue')
  })
})

describe('问题台账 opening an issue', () => {
  it('opens the issue named in the address, as the desk links to it', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    await page.goto(`${app.bridge.url}#/issues?id=${s.ids.c}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByText(s.c).waitFor()
    await drawer.getByText('搅拌站夜间作业噪声扰民').waitFor()
    await drawer.getByText('136****5678').waitFor()
    expect(await drawer.getByText('13612345678').count()).toBe(0)
  })

  it('opens an issue from the keyboard with Enter on its row', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    await page.locator('.issue-table tbody tr.ant-table-row', { hasText: s.b }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').getByText('小微企业环评豁免政策').first().waitFor()
    expect(page.url()).toContain(`#/issues?id=${s.ids.b}`)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.url()).toMatch(/#\/issues$/)
  })
})

describe('问题台账 issue detail', () => {
  it("shows an issue's facts, the actions its state allows and its whole timeline", async () => {
    app = await openApp({ now: NOW, seed: async (ctx) => void (await generateDemoMonth(ctx, '2026-10')) })
    const { page } = app
    const reopened = await app.ctx.db
      .selectFrom('issues')
      .select(['id', 'number'])
      .where('status', '=', 'reopened')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await page.goto(`${app.bridge.url}#/issues?id=${reopened.id}`)
    const drawer = page.getByRole('dialog')
    await drawer.locator('.ant-drawer-title').getByText(reopened.number).waitFor()
    await drawer.locator('.ant-drawer-title').getByText('重新办理').waitFor()
    // A reopened issue is worked on again: no callback or closing until it is resolved anew. Its section
    // has not yet signed for the handover; 转办 and 不予受理 of an issue in hand are a supervisor's.
    const buttons = (await drawer.locator('.ant-drawer-body > .ant-space button').allTextContents()).map((t) => t.replace(/\s/g, ''))
    expect(buttons).toEqual(['重新交办', '记录进展', '督办', '延期', '办结', '签收', '退回'])
    for (const title of [
      /^受理$/,
      /^交办（已受理 → 已交办）$/,
      /^办理进展（/,
      /^办结（办理中 → 已办结）$/,
      /^回访（.*）：不满意$/,
      /^回访不满意，重新办理/,
    ]) {
      await drawer.locator('.ant-timeline').getByText(title).first().waitFor()
    }
    await drawer.locator('.ant-timeline').getByText('反映问题仍未彻底解决').first().waitFor()
    await drawer
      .locator('.ant-timeline')
      .getByText(/· 王晓丽$/)
      .first()
      .waitFor()
    await app.screenshot('issues-drawer')
    await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await app.screenshot('issues-drawer-timeline')
  })
})

describe('问题台账 paging', () => {
  it('loads one page from the ledger at a time and sorts on the server', async () => {
    app = await openApp({
      now: NOW,
      seed: async (ctx) => {
        for (const month of ['2026-07', '2026-08', '2026-09', '2026-10']) await generateDemoMonth(ctx, month)
      },
    })
    const { page } = app
    const numbers = (await app.ctx.db.selectFrom('issues').select('number').orderBy('number').execute()).map((r) => r.number)
    const total = numbers.length
    expect(total).toBeGreaterThan(20)
    const calls: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/__api/issue-list')) calls.push(r.postData() ?? '')
    })
    await page.goto(`${app.bridge.url}#/issues`)
    await page.getByText(`共 ${total} 个问题`).waitFor()
    expect(await shown(page)).toHaveLength(20)
    expect(calls.some((c) => c.includes('"pageSize":20') && c.includes('"page":1'))).toBe(true)
    expect(calls.every((c) => !c.includes('"pageSize":500'))).toBe(true)
    // The main columns fit a 1366×768 window: no horizontal scrolling.
    const fits = await page.locator('.issue-table .ant-table-content').evaluate((el) => el.scrollWidth <= el.clientWidth)
    expect(fits).toBe(true)
    await app.screenshot('issues-ledger')

    // Oldest number first when sorted by 编号 ascending.
    await page.locator('.issue-table th', { hasText: '编号' }).click()
    await expect.poll(() => shown(page)).toEqual(numbers.slice(0, 20))
    await page.locator('.ant-pagination-item-2').click()
    await expect.poll(() => shown(page)).toEqual(numbers.slice(20, 40))
    expect(calls.some((c) => c.includes('"sort":"number"') && c.includes('"order":"asc"') && c.includes('"page":2'))).toBe(true)

    // 受理日期 sorts newest first, and a second click turns it to oldest first (never "unsorted").
    const accepted = (await app.ctx.db.selectFrom('issues').select('number').orderBy('accepted_date').orderBy('id').execute()).map(
      (r) => r.number,
    )
    await page.locator('.issue-table th', { hasText: '受理日期' }).click()
    await expect.poll(async () => (await shown(page))[0]).toBe(accepted.at(-1))
    await page.locator('.issue-table th', { hasText: '受理日期' }).click()
    await expect.poll(() => shown(page)).toEqual(accepted.slice(0, 20))
    await page.locator('.issue-table th', { hasText: '受理日期' }).click()
    await expect.poll(async () => (await shown(page))[0]).toBe(accepted.at(-1))
  })

  it('shows more issues a page once the desk picks 50 条/页 in the plain box under the table', async () => {
    app = await openApp({
      now: NOW,
      seed: async (ctx) => {
        for (const month of ['2026-07', '2026-08', '2026-09', '2026-10']) await generateDemoMonth(ctx, month)
      },
    })
    const { page } = app
    const total = (await app.ctx.db.selectFrom('issues').select('id').execute()).length
    expect(total).toBeGreaterThan(20)
    await page.goto(`${app.bridge.url}#/issues`)
    await page.getByText(`共 ${total} 个问题`).waitFor()
    const box = page.getByRole('combobox', { name: '页码', exact: true })
    expect(await box.evaluate((e) => `${e.tagName} ${e.textContent}`)).toBe('DIV 20 条/页')
    await box.click()
    await page.locator(openDropdown).getByTitle('50 条/页', { exact: true }).click()
    await expect.poll(async () => (await shown(page)).length).toBe(Math.min(total, 50))
    expect(await page.getByRole('combobox', { name: '页码', exact: true }).evaluate((e) => e.tagName)).toBe('INPUT')
  })
})
