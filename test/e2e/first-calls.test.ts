import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { saveStaff, seedDefaults } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { listOrganizations, listVisitors } from '../../db/directory/list'
import { listIssues } from '../../db/issues/queries'
import { issueListInput } from '../../electron/contract/calls/issues'
import { generateDemoMonth } from '../../tools/demo'
import { openApp, type AppUnderTest } from '../support/browser'
import type { TestClock } from '../support/temp-ledger'

// The screens' first calls start on the click (renderer/lib/prefetch.ts): each must still be asked
// once, and what the screen shows must be what the ledger answers to the screen's own call.

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const NOW = '2026-11-10 09:00:00'

async function seed(ctx: LedgerContext, clock: TestClock): Promise<void> {
  await seedDefaults(ctx)
  await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  await generateDemoMonth(ctx, '2026-10')
  clock.set('2026-11-10 08:30:00')
  const day = await openSession(ctx, (await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼接待室' })).id)
  clock.set(NOW)
  await registerVisit(ctx, {
    sessionId: day.id,
    visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'consultation', categoryId: 1, content: '小区旁饭店油烟扰民向哪里反映', answer: '已告知向城市管理部门反映' }],
  })
}

interface Call {
  channel: string
  input: unknown
}

async function openCounting(): Promise<{ app: AppUnderTest; calls: Call[] }> {
  const calls: Call[] = []
  const opened = await openApp({ now: NOW, seed: seed, onCall: (channel, input) => calls.push({ channel, input }) })
  return { app: opened, calls }
}

const named = (calls: readonly Call[], channel: string) => calls.filter((c) => c.channel === channel)

function countsByChannel(calls: readonly Call[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of calls) out[c.channel] = (out[c.channel] ?? 0) + 1
  return out
}

describe('the calls a screen starts on the click that opens it', () => {
  it('asks for each of the desk’s start-up answers once when the window opens', async () => {
    const opened = await openCounting()
    app = opened.app
    await app.page.getByText(/^今日来访（1 批/).waitFor()
    await app.page.waitForLoadState('networkidle')
    const counts = countsByChannel(opened.calls.filter((c) => c.channel !== 'operator-select'))
    expect(Object.values(counts).every((n) => n === 1)).toBe(true)
    expect(Object.keys(counts)).toEqual(
      expect.arrayContaining(['app-info', 'category-list', 'session-current', 'session-left-open', 'visit-list', 'appointment-list']),
    )
  })

  it('shows 问题台账’s first page as the ledger answers the screen’s own call, asked once', async () => {
    const opened = await openCounting()
    app = opened.app
    await app.page.getByText(/^今日来访（1 批/).waitFor()
    await app.page.waitForLoadState('networkidle')
    const before = opened.calls.length
    await app.page.getByRole('menuitem', { name: '问题台账' }).click()
    const rows = app.page.locator('.issue-table tbody tr.ant-table-row')
    await rows.first().waitFor()
    await app.page.locator('.issue-table-loading').waitFor({ state: 'detached' })
    await app.page.waitForLoadState('networkidle')
    const screenCalls = opened.calls.slice(before)
    const pages = named(screenCalls, 'issue-list')
    expect(pages).toHaveLength(1)
    // The two due counts, in one call asked once.
    expect(named(screenCalls, 'issue-due-counts')).toHaveLength(1)
    const own = await listIssues(app.bridge.state.ledger.db, issueListInput.parse(pages[0]?.input), '2026-11-10')
    const shown = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim())
    expect(own.rows.length).toBeGreaterThan(1)
    expect(shown).toEqual(own.rows.map((r) => r.number))
    await app.page.getByText(`共 ${own.total} 个问题`).waitFor()
  })

  it('opens an issue from the list with one issue-get and no new page of the list', async () => {
    const opened = await openCounting()
    app = opened.app
    await app.page.getByRole('menuitem', { name: '问题台账' }).click()
    const rows = app.page.locator('.issue-table tbody tr.ant-table-row')
    await rows.nth(1).waitFor()
    await app.page.waitForLoadState('networkidle')
    const number = (await rows.nth(1).locator('td').first().textContent())?.trim() ?? ''
    const before = opened.calls.length
    await rows.nth(1).click()
    await app.page.getByRole('dialog').locator('.ant-drawer-title').getByText(number, { exact: true }).waitFor()
    await app.page.waitForLoadState('networkidle')
    expect(countsByChannel(opened.calls.slice(before))).toEqual({ 'issue-get': 1 })
  })

  it('shows each 企业与来访人 tab’s first page as the ledger answers it, each asked once, and a tab shown again asks nothing', async () => {
    const opened = await openCounting()
    app = opened.app
    await app.page.getByText(/^今日来访（1 批/).waitFor()
    await app.page.waitForLoadState('networkidle')
    const before = opened.calls.length
    const tab = app.page.getByRole('tabpanel')
    await app.page.getByRole('menuitem', { name: '企业与来访人' }).click()
    const organizations = await listOrganizations(app.bridge.state.ledger.db, { query: '', page: 1, pageSize: 10 })
    await app.page.getByText(`共 ${organizations.total} 家`, { exact: true }).waitFor()
    expect((await tab.locator('tbody tr.ant-table-row td:first-child').allTextContents()).map((t) => t.trim())).toEqual(
      organizations.rows.map((r) => r.name),
    )
    await app.page.getByRole('tab', { name: '来访人' }).click()
    const visitors = await listVisitors(app.bridge.state.ledger.db, { query: '', page: 1, pageSize: 10 })
    await app.page.getByText(`共 ${visitors.total} 人`, { exact: true }).waitFor()
    expect((await tab.locator('tbody tr.ant-table-row td:first-child').allTextContents()).map((t) => t.trim())).toEqual(
      visitors.rows.map((r) => r.name),
    )
    await app.page.getByRole('tab', { name: '企业' }).click()
    await app.page.getByText(`共 ${organizations.total} 家`, { exact: true }).waitFor()
    await app.page.waitForLoadState('networkidle')
    expect(countsByChannel(opened.calls.slice(before))).toEqual({ 'organization-list': 1, 'visitor-list': 1 })
  })
})
