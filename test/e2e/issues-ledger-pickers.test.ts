import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppUnderTest } from '../support/browser'
import { OPEN_DROPDOWN, openDemoMonths, openFiveIssues, shown } from '../support/five-issues'

// 问题台账's pickers drawn as plain boxes until used (renderer/components/LazyPicker.tsx,
// LazySizeChanger.tsx): the mouse and the keyboard reach the real picker as before.

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

function openLedger() {
  return openFiveIssues((opened) => (app = opened))
}

/** The focused element as "TAG aria-label", to tell the plain box from the real picker's input. */
function focusedControl(page: Page): Promise<string> {
  return page.evaluate<string>("`${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label')}`")
}

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
    await page.locator(OPEN_DROPDOWN).getByTitle('噪声', { exact: true }).waitFor()
    expect(await focusedControl(page)).toBe('INPUT 类别')
    await page.locator(OPEN_DROPDOWN).getByTitle('噪声', { exact: true }).click()
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
    await page.locator(OPEN_DROPDOWN).getByTitle('已办结', { exact: true }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByLabel('状态', { exact: true }).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedControl(page)).toBe('INPUT 类别')
    expect(await page.getByLabel('类别', { exact: true }).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('Enter')
    await page.locator(OPEN_DROPDOWN).getByTitle('噪声', { exact: true }).waitFor()
    expect(await page.getByLabel('类别', { exact: true }).getAttribute('aria-expanded')).toBe('true')
  })
})

describe('问题台账 page size picker', () => {
  it('shows more issues a page once the desk picks 50 条/页 in the plain box under the table', async () => {
    app = await openDemoMonths(['2026-07', '2026-08', '2026-09', '2026-10'])
    const { page } = app
    const total = (await app.ctx.db.selectFrom('issues').select('id').execute()).length
    expect(total).toBeGreaterThan(20)
    await page.goto(`${app.bridge.url}#/issues`)
    await page.getByText(`共 ${total} 个问题`).waitFor()
    const box = page.getByRole('combobox', { name: '页码', exact: true })
    expect(await box.evaluate((e) => `${e.tagName} ${e.textContent}`)).toBe('DIV 20 条/页')
    await box.click()
    await page.locator(OPEN_DROPDOWN).getByTitle('50 条/页', { exact: true }).click()
    await expect.poll(async () => (await shown(page)).length).toBe(Math.min(total, 50))
    expect(await page.getByRole('combobox', { name: '页码', exact: true }).evaluate((e) => e.tagName)).toBe('INPUT')
  })
})
