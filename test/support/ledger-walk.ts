// The walk through the screens at scale that test/e2e/scale.test.ts checks and `npm run bench`
// times against the full generated ledger: the same clicks and the same waits, so the numbers are
// for exactly what the test proves. Each step waits for the bridge's answer to the call the click
// caused, then for that answer's rows on screen; a step's time runs from the click to there.

import type { Locator, Page } from 'playwright-core'
import { z } from 'zod'
import { directoryListInput } from '../../electron/contract/calls/directory'
import { issueListInput } from '../../electron/contract/calls/issues'
import { partsOf, walkNow, watchPresses, type StepParts } from './step-parts'

const issuePage = z.object({
  ok: z.literal(true),
  data: z.object({
    rows: z.array(z.object({ id: z.number(), number: z.string() })),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  }),
})
const directoryPage = z.object({
  ok: z.literal(true),
  data: z.object({
    rows: z.array(z.object({ id: z.number(), name: z.string() })),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  }),
})

interface Answered<I, T> {
  input: I
  answer: T
}

/**
 * The next call the page makes with an input `wanted` accepts, and the bridge's answer to it.
 * Start waiting before the click that causes the call.
 */
async function nextCall<I, T>(
  page: Page,
  channel: string,
  input: z.ZodType<I>,
  wanted: (input: I) => boolean,
  answer: z.ZodType<T>,
): Promise<Answered<I, T>> {
  const response = await page.waitForResponse(
    (r) => {
      if (!r.url().endsWith(`/__api/${channel}`)) return false
      const parsed = input.safeParse(r.request().postDataJSON())
      return parsed.success && wanted(parsed.data)
    },
    { timeout: 30_000 },
  )
  const body: unknown = await response.json()
  return { input: input.parse(response.request().postDataJSON()), answer: answer.parse(body) }
}

/** The length of the longest array anywhere in a value: the most rows one answer across the bridge carried. */
export function longestList(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestList))
  if (value !== null && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestList))
  return 0
}

const ISSUE_ROWS = '.issue-table tbody tr.ant-table-row'

/** Waits until the ledger table shows exactly `numbers` (first and last in place) and has stopped loading. */
async function issueRowsShown(page: Page, numbers: readonly string[]): Promise<void> {
  const rows = page.locator(ISSUE_ROWS)
  const first = numbers[0]
  const last = numbers.at(-1)
  if (first === undefined || last === undefined) throw new Error('问题台账这一页没有问题')
  await rows.first().locator('td').first().getByText(first, { exact: true }).waitFor()
  await rows
    .nth(numbers.length - 1)
    .locator('td')
    .first()
    .getByText(last, { exact: true })
    .waitFor()
  await page.locator('.issue-table-loading').waitFor({ state: 'detached' })
}

async function shownNumbers(page: Page): Promise<string[]> {
  return (await page.locator(`${ISSUE_ROWS} td:first-child`).allTextContents()).map((t) => t.trim())
}

/**
 * A fresh start of the app: the desk screen, nothing else loaded, and settled (its calls answered
 * and drawn), so that a step's time is the step's own and not the desk's first render.
 */
async function startAtDesk(page: Page, url: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(url)
  await page.getByRole('menuitem', { name: '问题台账' }).waitFor()
  await page.waitForLoadState('networkidle')
  // Runs only once the page's main thread is free, after the next frame: the last answer is drawn.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))')
  await watchPresses(page)
}

/**
 * A fresh start of the app to the desk's list of the open reception day's visits, drawn. Only for
 * a ledger with a reception day open; `visits` is the number the list's title gives.
 */
export async function startDesk(page: Page, url: string): Promise<DeskStart> {
  await page.goto('about:blank')
  const started = walkNow()
  await page.goto(url)
  // The card's title reads 今日来访（0 批…） until the list has come; the items are drawn with it.
  const title = page.getByText(/^今日来访（[1-9]\d* 批/)
  await title.waitFor({ timeout: 60_000 })
  const ended = walkNow()
  const parts = await partsOf(page, started, ended, false)
  const visits = Number(/（(\d+) 批/.exec((await title.textContent()) ?? '')?.[1] ?? Number.NaN)
  const shown = await page.locator('.ant-card', { hasText: '今日来访' }).locator('.ant-list-item').count()
  return { ms: ended - started, parts, visits, shown }
}

export interface DeskStart {
  ms: number
  parts: StepParts
  visits: number
  shown: number
}

export interface LedgerWalk {
  /** Milliseconds from the click to its rows on screen. */
  ms: { open: number; filter: number; lastPage: number; openIssue: number }
  /** Where each step's time went (test/support/step-parts.ts). */
  parts: { open: StepParts; filter: StepParts; lastPage: StepParts; openIssue: StepParts }
  /** 共 N 个问题 before the filter. */
  total: number
  /** The numbers shown on the first page before the filter. */
  firstPage: string[]
  filtered: number
  categoryId: number
  /** The page number the pagination's last item carried. */
  lastPage: number
  /** The numbers shown on the last page, top to bottom. */
  lastPageNumbers: string[]
  /** The last row's number, which the drawer's title showed after the row was clicked. */
  opened: string
  /** The address after opening, `#/issues?id=N`. */
  url: string
}

/**
 * From a fresh start at the desk: 问题台账 from the menu, a category in the filter bar, the last
 * page from the pagination, the last issue on it in the drawer.
 */
export async function walkLedger(page: Page, url: string, category: string, atDesk?: () => Promise<void> | void): Promise<LedgerWalk> {
  await startAtDesk(page, url)
  await atDesk?.()

  let started = walkNow()
  // The screen's 已超期 / 即将到期 counts come in a call of their own (issue-due-counts).
  const opened = nextCall(page, 'issue-list', issueListInput, (i) => i.categoryId === undefined, issuePage)
  await page.getByRole('menuitem', { name: '问题台账' }).click()
  const all = (await opened).answer
  await issueRowsShown(
    page,
    all.data.rows.map((r) => r.number),
  )
  await page.getByText(`共 ${all.data.total} 个问题`).waitFor()
  let ended = walkNow()
  const open = ended - started
  const openParts = await partsOf(page, started, ended, true)
  const firstPage = await shownNumbers(page)

  // Timed from the choice in the open drop-down (opening it is the select's own animation).
  await page.getByLabel('类别', { exact: true }).click()
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(category, { exact: true })
  await option.waitFor()
  started = walkNow()
  const filterCall = nextCall(page, 'issue-list', issueListInput, (i) => i.categoryId !== undefined, issuePage)
  await option.click()
  const { input: filterInput, answer: filtered } = await filterCall
  await issueRowsShown(
    page,
    filtered.data.rows.map((r) => r.number),
  )
  await page.getByText(`共 ${filtered.data.total} 个问题`).waitFor()
  ended = walkNow()
  const filter = ended - started
  const filterParts = await partsOf(page, started, ended, true)

  const lastItem = page.locator('.issue-table .ant-pagination-item').last()
  const lastPage = Number(await lastItem.getAttribute('title'))
  started = walkNow()
  const lastCall = nextCall(page, 'issue-list', issueListInput, (i) => i.page === lastPage, issuePage)
  await lastItem.click()
  const last = (await lastCall).answer
  await issueRowsShown(
    page,
    last.data.rows.map((r) => r.number),
  )
  ended = walkNow()
  const lastPageMs = ended - started
  const lastPageParts = await partsOf(page, started, ended, true)
  const lastPageNumbers = await shownNumbers(page)

  const target = lastPageNumbers.at(-1)
  if (target === undefined) throw new Error('最后一页没有问题')
  started = walkNow()
  await page.locator(ISSUE_ROWS).last().click()
  await page.getByRole('dialog').locator('.ant-drawer-title').getByText(target, { exact: true }).waitFor()
  ended = walkNow()
  const openIssue = ended - started
  const openIssueParts = await partsOf(page, started, ended, true)

  return {
    ms: { open, filter, lastPage: lastPageMs, openIssue },
    parts: { open: openParts, filter: filterParts, lastPage: lastPageParts, openIssue: openIssueParts },
    total: all.data.total,
    firstPage,
    filtered: filtered.data.total,
    categoryId: filterInput.categoryId ?? 0,
    lastPage,
    lastPageNumbers,
    opened: target,
    url: page.url(),
  }
}

export interface DirectoryTabWalk {
  /** Milliseconds from the click to the first page's rows on screen. */
  ms: number
  parts: StepParts
  /** 共 N 家 / 共 N 人. */
  total: number
  pageSize: number
  /** The names on the first page, as the bridge sent them. */
  names: string[]
  /** How many rows the table shows. */
  shown: number
}

/** The tab panel on show (the others are aria-hidden, which getByRole leaves out). */
function activeTab(page: Page): Locator {
  return page.getByRole('tabpanel')
}

/** Waits until the active tab's table shows `names` first and last and has stopped loading. */
async function directoryRowsShown(page: Page, names: readonly string[]): Promise<void> {
  const rows = activeTab(page).locator('tbody tr.ant-table-row')
  const first = names[0]
  const last = names.at(-1)
  if (first === undefined || last === undefined) throw new Error('名录这一页是空的')
  await rows.first().locator('td').first().getByText(first, { exact: true }).waitFor()
  await rows
    .nth(names.length - 1)
    .locator('td')
    .first()
    .getByText(last, { exact: true })
    .waitFor()
  await activeTab(page).locator('.directory-table-loading').waitFor({ state: 'detached' })
}

/** From a fresh start at the desk: 企业与来访人 from the menu (the 企业 tab), then the 来访人 tab. */
export async function walkDirectory(page: Page, url: string): Promise<{ organizations: DirectoryTabWalk; visitors: DirectoryTabWalk }> {
  await startAtDesk(page, url)
  const tab = async (
    channel: 'organization-list' | 'visitor-list',
    click: () => Promise<void>,
    totalText: (n: number) => string,
  ): Promise<DirectoryTabWalk> => {
    const started = walkNow()
    const call = nextCall(page, channel, directoryListInput, (i) => i.page === 1 && (i.query ?? '') === '', directoryPage)
    await click()
    const { answer } = await call
    const names = answer.data.rows.map((r) => r.name)
    await directoryRowsShown(page, names)
    await page.getByText(totalText(answer.data.total), { exact: true }).waitFor()
    const ended = walkNow()
    const parts = await partsOf(page, started, ended, true)
    const shown = await activeTab(page).locator('tbody tr.ant-table-row').count()
    return { ms: ended - started, parts, total: answer.data.total, pageSize: answer.data.pageSize, names, shown }
  }
  const organizations = await tab(
    'organization-list',
    () => page.getByRole('menuitem', { name: '企业与来访人' }).click(),
    (n) => `共 ${n} 家`,
  )
  const visitors = await tab(
    'visitor-list',
    () => page.getByRole('tab', { name: '来访人' }).click(),
    (n) => `共 ${n} 人`,
  )
  return { organizations, visitors }
}
