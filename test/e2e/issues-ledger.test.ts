import { WorkCalendar } from '../../db/calendar/working-days'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppUnderTest } from '../support/browser'
import { backgroundOf } from '../support/computed-style'
import { OPEN_DROPDOWN, openDemoMonths, openFiveIssues, pick, shown } from '../support/five-issues'
import { holdAnswers, spinnerSeen, watchSpinner } from '../support/spinner-watch'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

function openLedger() {
  return openFiveIssues((opened) => (app = opened))
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
    await page.locator(OPEN_DROPDOWN).waitFor({ state: 'hidden' })
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

describe('问题台账 while a page is on its way', () => {
  /** Back to 问题台账 from the desk, its first page held back until released. */
  async function reopenHeld() {
    const opened = await openLedger()
    const { page } = opened.app
    await page.getByRole('menuitem', { name: '今日接待' }).click()
    const { release } = await holdAnswers(page, 'issue-list')
    await watchSpinner(page, '.issue-table')
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    return { ...opened, release }
  }

  it('draws the screen without a spinner or an empty-ledger text while its first page is on its way', async () => {
    const { app, s, release } = await reopenHeld()
    await app.page.locator('.issue-table').waitFor()
    expect((await spinnerSeen(app.page)).firstDraw).toBe(false)
    expect(await app.page.getByText('台账中还没有受理的问题').count()).toBe(0)
    release()
    await expect.poll(async () => new Set(await shown(app.page))).toEqual(new Set([s.a, s.b, s.c, s.d, s.e]))
  })

  it('shows the spinner once the answer keeps the clerk waiting, and takes it down with the rows', async () => {
    const { app, s, release } = await reopenHeld()
    await app.page.locator('.issue-table .ant-spin-spinning').waitFor()
    expect(await app.page.getByText('台账中还没有受理的问题').count()).toBe(0)
    release()
    await expect.poll(async () => (await shown(app.page)).length).toBe(5)
    expect(await shown(app.page)).toContain(s.a)
    expect((await spinnerSeen(app.page)).ever).toBe(true)
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
    expect(await backgroundOf(row.locator('td').nth(2))).toBe('rgb(255, 241, 240)')
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

  it("tints a row under the pointer with antd's hover colour, over the overdue red", async () => {
    const { app, s } = await openLedger()
    const { page } = app
    const cell = page.locator('.issue-table tbody tr.issue-row-overdue', { hasText: s.a }).locator('td').nth(2)
    const background = () => backgroundOf(cell)
    await expect.poll(background).toBe('rgb(255, 241, 240)')
    await cell.hover()
    await expect.poll(background).toBe('rgb(250, 250, 250)')
    await page.getByRole('heading', { name: '问题台账' }).hover()
    await expect.poll(background).toBe('rgb(255, 241, 240)')
  })
})

describe('问题台账 overdue count', () => {
  it('lists exactly the overdue issues when the desk clicks the overdue count', async () => {
    app = await openDemoMonths(['2026-08', '2026-09', '2026-10'])
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
    app = await openDemoMonths(['2026-10'])
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
    app = await openDemoMonths(['2026-07', '2026-08', '2026-09', '2026-10'])
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

  it('sorts from the keyboard with Enter on a column header, which says how it is sorted', async () => {
    const { app, s } = await openLedger()
    const { page } = app
    const numbers = (await app.ctx.db.selectFrom('issues').select('number').orderBy('number').execute()).map((r) => r.number)
    const header = (name: string) => page.getByRole('columnheader', { name, exact: true })
    expect(await header('受理日期').getAttribute('aria-sort')).toBe('descending')
    expect(await header('编号').getAttribute('aria-sort')).toBeNull()
    await header('编号').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => shown(page)).toEqual(numbers)
    expect(await header('编号').getAttribute('aria-sort')).toBe('ascending')
    expect(await header('受理日期').getAttribute('aria-sort')).toBeNull()
    await page.keyboard.press('Enter')
    await expect.poll(() => shown(page)).toEqual([...numbers].reverse())
    expect(await header('编号').getAttribute('aria-sort')).toBe('descending')
    // The sorted column's cells carry antd's sorted-column shade; the others none.
    await page.getByRole('heading', { name: '问题台账' }).hover()
    const onTime = page.locator('.issue-table tbody tr.ant-table-row', { hasText: s.c })
    const shade = (n: number) => backgroundOf(onTime.locator('td').nth(n))
    await expect.poll(() => shade(0)).toBe('rgb(250, 250, 250)')
    expect(await shade(2)).not.toBe('rgb(250, 250, 250)')
  })
})
