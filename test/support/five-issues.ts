import type { Page } from 'playwright-core'
import type { LedgerContext } from '../../db/core/context'
import { assignIssue, resolveIssue, transferIssue } from '../../db/issues/actions'
import { listCategories, listDepartments, saveStaff } from '../../db/reference/reference'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { generateDemoMonth } from '../../tools/demo'
import { openApp, type AppUnderTest } from './browser'
import type { TestClock } from './temp-ledger'

// 问题台账 over five issues of known states, months, categories and sections: what the ledger's
// screen tests filter, pick and page over (test/e2e/issues-ledger*.test.ts).

export const NOW = '2026-11-10 09:00:00'

export interface Seeded {
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

/**
 * The app at 问题台账 over the five issues. `opened` is told of the app as soon as it is open, so
 * that the caller's afterEach closes it (with its evidence) even if reaching the screen fails.
 */
export async function openFiveIssues(opened: (app: AppUnderTest) => void): Promise<{ app: AppUnderTest; s: Seeded }> {
  let seeded: Seeded | null = null
  const app = await openApp({
    now: NOW,
    seed: async (ctx, clock) => {
      seeded = await seedFive(ctx, clock)
    },
  })
  opened(app)
  await app.page.goto(`${app.bridge.url}#/issues`)
  await app.page.getByRole('heading', { name: '问题台账' }).waitFor()
  if (!seeded) throw new Error('not seeded')
  return { app, s: seeded }
}

/** The ledger numbers in the table as shown, top to bottom, once it has settled. */
export async function shown(page: Page): Promise<string[]> {
  await page.locator('.issue-table-loading').waitFor({ state: 'detached' })
  const texts = await page.locator('.issue-table tbody tr.ant-table-row td:first-child').allTextContents()
  return texts.map((t) => t.trim())
}

/** The antd drop-down now open. */
export const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)'

/** Picks an option in the antd select labelled `label` from the dropdown now open. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click()
  await page.locator(OPEN_DROPDOWN).getByTitle(option, { exact: true }).click()
}

/** The app over the demo ledger's `months` (tools/demo.ts), at the desk on NOW; the caller closes it. */
export function openDemoMonths(months: readonly string[]): Promise<AppUnderTest> {
  return openApp({
    now: NOW,
    seed: async (ctx) => {
      for (const month of months) await generateDemoMonth(ctx, month)
    },
  })
}
