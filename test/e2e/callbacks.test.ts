import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { addProgress, assignIssue, recordCallback, resolveIssue } from '../../db/issues/actions'
import { listCategories, listDepartments } from '../../db/reference/reference'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, type AppUnderTest } from '../support/browser'
import type { TestClock } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

type Key = 'a' | 'b' | 'c' | 'd' | 'e'
interface Seeded {
  number: Record<Key, string>
  id: Record<Key, number>
}

const RESULT_A = '经核查属实，已责令企业更换废气收集设施，复查合格'

/**
 * Seen from 2026-11-10: A resolved 11-03, C resolved 11-05, B resolved 11-06, all waiting for a
 * call; D still being worked on; E resolved and called back 满意, waiting for 销号.
 */
async function seedCallbacks(ctx: LedgerContext, clock: TestClock): Promise<Seeded> {
  clock.set('2026-10-26 08:30:00')
  const categories = await listCategories(ctx.db)
  const cat = (name: string) => categories.find((c) => c.name === name)?.id ?? 1
  const deps = await listDepartments(ctx.db)
  const s = await planSession(ctx, { date: '2026-10-26', kind: 'public', location: '局一楼群众接待室' })
  await openSession(ctx, s.id)
  const people: Record<Key, { name: string; phone: string; org?: string; category: string; content: string }> = {
    a: { name: '张桂芳', phone: '13812345678', category: '大气', content: '化工园区夜间有刺鼻气味' },
    b: { name: '刘洋', phone: '13612345678', category: '噪声', content: '搅拌站夜间作业噪声扰民' },
    c: { name: '陈志强', phone: '13912345678', org: '青山化工有限公司', category: '排污许可', content: '排污许可证延续办理进度' },
    d: { name: '周敏', phone: '13712345678', category: '水', content: '河道有黑臭水体' },
    e: { name: '吴强', phone: '13512345678', category: '固废/危废', content: '路边倾倒不明工业废渣' },
  }
  const register = async (key: Key): Promise<{ id: number; number: string }> => {
    const p = people[key]
    const v = await registerVisit(ctx, {
      sessionId: s.id,
      visitor: { name: p.name, phone: p.phone, kind: p.org ? 'enterprise' : 'resident' },
      organization: p.org ? { name: p.org } : null,
      headcount: 1,
      matters: [{ type: 'issue', categoryId: cat(p.category), content: p.content, place: '城东' }],
    })
    const m = v.matters[0]
    if (!m?.issueId || !m.issueNumber) throw new Error('no issue')
    await assignIssue(ctx, { issueId: m.issueId, departmentId: deps[2]?.id ?? 1 })
    await addProgress(ctx, { issueId: m.issueId, note: '已现场核查' })
    return { id: m.issueId, number: m.issueNumber }
  }
  const [a, b, c, d, e] = [await register('a'), await register('b'), await register('c'), await register('d'), await register('e')]
  const number = { a: a.number, b: b.number, c: c.number, d: d.number, e: e.number }
  const id = { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id }
  await closeSession(ctx, s.id)
  const resolveOn = async (key: Key, date: string, result: string) => {
    clock.set(`${date} 15:00:00`)
    await resolveIssue(ctx, { issueId: id[key], result })
  }
  await resolveOn('a', '2026-11-03', RESULT_A)
  await resolveOn('e', '2026-11-04', '已清运废渣并对倾倒者立案查处')
  await resolveOn('b', '2026-11-06', '已责令搅拌站夜间停止作业')
  await resolveOn('c', '2026-11-05', '已指导企业提交延续申请，许可证已核发')
  clock.set('2026-11-06 16:00:00')
  await recordCallback(ctx, { issueId: id.e, method: 'phone', satisfaction: 'satisfied' })
  clock.set('2026-11-10 09:00:00')
  return { number, id }
}

async function openCallbacks(): Promise<{ app: AppUnderTest; s: Seeded }> {
  let seeded: Seeded | null = null
  const opened = await openApp({ now: '2026-11-10 09:00:00', seed: async (ctx, clock) => void (seeded = await seedCallbacks(ctx, clock)) })
  app = opened
  if (!seeded) throw new Error('not seeded')
  await opened.page.goto(`${opened.bridge.url}#/callbacks`)
  await opened.page.getByText('待回访（3 个，办结最早的在前）').waitFor()
  return { app: opened, s: seeded }
}

/** The table inside the card titled `title`. */
const tableIn = (page: Page, title: RegExp) =>
  page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) })

async function numbersIn(page: Page, title: RegExp): Promise<string[]> {
  const texts = await tableIn(page, title).locator('tbody tr.ant-table-row td:first-child').allTextContents()
  return texts.map((t) => t.trim())
}

async function statusOf(app: AppUnderTest, id: number): Promise<string> {
  return (await app.ctx.db.selectFrom('issues').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
}

describe('回访', () => {
  it('lists resolved issues waiting for a call, oldest first, with the masked phone and the result', async () => {
    const { app, s } = await openCallbacks()
    const { page } = app
    expect(await numbersIn(page, /^待回访/)).toEqual([s.number.a, s.number.c, s.number.b])
    const rowA = tableIn(page, /^待回访/).locator('tbody tr', { hasText: s.number.a })
    await rowA.getByText('138****5678').waitFor()
    await rowA.getByText(RESULT_A).waitFor()
    await rowA.getByText('2026-11-03').waitFor()
    await rowA.getByText('7 天').waitFor()
    await tableIn(page, /^待回访/)
      .locator('tbody tr', { hasText: s.number.c })
      .getByText('陈志强（青山化工有限公司）')
      .waitFor()
    // Full numbers never reach the screen.
    expect(await page.getByText('13812345678').count()).toBe(0)
    // The one called back 满意 waits for 销号 instead.
    expect(await numbersIn(page, /^已回访满意、待销号/)).toEqual([s.number.e])
    await app.screenshot('callbacks')
  })

  it('records an unsatisfied call in one step, asks why, and reopens the issue', async () => {
    const { app, s } = await openCallbacks()
    const { page } = app
    await tableIn(page, /^待回访/)
      .locator('tbody tr', { hasText: s.number.a })
      .getByRole('button', { name: /回\s?访/ })
      .click()
    const modal = page.getByRole('dialog')
    await modal.getByText(`回访 ${s.number.a}`).waitFor()
    await modal.getByText('138****5678').waitFor()
    // The dialog is up and its form ready once the cursor sits on the first choice.
    await expect.poll(() => page.locator('*:focus').getAttribute('type')).toBe('radio')
    await modal.getByText('不满意').click()
    await expect.poll(() => modal.getByRole('radio', { name: '不满意' }).isChecked()).toBe(true)
    await modal.getByRole('button', { name: '保存回访' }).click()
    await modal.getByText('回访不满意时请填写不满意的原因').waitFor()
    await modal.getByLabel('回访意见').fill('夜间仍能闻到气味')
    await app.screenshot('callbacks-modal')
    await modal.getByLabel('回访意见').press('Enter')
    await page.getByText(`${s.number.a} 回访不满意，已转为重新办理`).waitFor()
    await expect.poll(() => numbersIn(page, /^待回访/)).toEqual([s.number.c, s.number.b])
    expect(await statusOf(app, s.id.a)).toBe('reopened')
    expect(
      await app.ctx.db
        .selectFrom('callbacks')
        .select(['callback_date', 'method', 'satisfaction', 'comment'])
        .where('issue_id', '=', s.id.a)
        .execute(),
    ).toEqual([{ callback_date: '2026-11-10', method: 'phone', satisfaction: 'unsatisfied', comment: '夜间仍能闻到气味' }])
  })

  it('records a satisfied call from the keyboard and then closes the issue with 销号', async () => {
    const { app, s } = await openCallbacks()
    const { page } = app
    await tableIn(page, /^待回访/)
      .locator('tbody tr', { hasText: s.number.b })
      .getByRole('button', { name: /回\s?访/ })
      .click()
    // The cursor starts on 满意; Space picks it and Enter saves.
    await expect.poll(() => page.locator('*:focus').getAttribute('type')).toBe('radio')
    await page.keyboard.press('Space')
    await page.keyboard.press('Enter')
    await page.getByText(`${s.number.b} 回访满意，可以销号`).waitFor()
    await expect.poll(() => numbersIn(page, /^待回访/)).toEqual([s.number.a, s.number.c])
    await expect.poll(() => numbersIn(page, /^已回访满意、待销号/)).toEqual([s.number.e, s.number.b])
    expect(await statusOf(app, s.id.b)).toBe('resolved')

    const toClose = tableIn(page, /^已回访满意、待销号/).locator('tbody tr', { hasText: s.number.b })
    await toClose.getByText('满意').waitFor()
    await toClose.getByRole('button', { name: /销\s?号/ }).click()
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /销\s?号/ })
      .click()
    await page.getByText(`${s.number.b} 已销号`).waitFor()
    await expect.poll(() => numbersIn(page, /^已回访满意、待销号/)).toEqual([s.number.e])
    const row = await app.ctx.db.selectFrom('issues').select(['status', 'closed_date']).where('id', '=', s.id.b).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'closed', closed_date: '2026-11-10' })
    expect(await app.ctx.db.selectFrom('callbacks').select(['method', 'satisfaction']).where('issue_id', '=', s.id.b).execute()).toEqual([
      { method: 'phone', satisfaction: 'satisfied' },
    ])
  })
})

describe('回访 with a long queue', () => {
  it('pages the queue in the ledger: one page per answer, no call per row, and the last page after a call empties it', async () => {
    const calls: string[] = []
    app = await openApp({
      now: '2026-11-30 09:00:00',
      onCall: (channel) => calls.push(channel),
      seed: async (ctx, clock) => {
        clock.set('2026-11-02 08:30:00')
        const deps = await listDepartments(ctx.db)
        const s = await planSession(ctx, { date: '2026-11-02', kind: 'public', location: '局一楼群众接待室' })
        await openSession(ctx, s.id)
        for (let n = 1; n <= 11; n++) {
          clock.set('2026-11-02 09:00:00')
          const v = await registerVisit(ctx, {
            sessionId: s.id,
            visitor: { name: `来访人${n}`, phone: `1381234${String(n).padStart(4, '0')}`, kind: 'resident' },
            headcount: 1,
            matters: [{ type: 'issue', categoryId: 1, content: `第${n}个问题`, place: '城东' }],
          })
          const issueId = v.matters[0]?.issueId ?? 0
          await assignIssue(ctx, { issueId, departmentId: deps[1]?.id ?? 1 })
          clock.set(`2026-11-${String(5 + n).padStart(2, '0')} 15:00:00`)
          await resolveIssue(ctx, { issueId, result: `第${n}个问题已办结` })
        }
        clock.set('2026-11-30 09:00:00')
      },
    })
    const { page } = app
    await page.goto(`${app.bridge.url}#/callbacks`)
    await page.getByText('待回访（11 个，办结最早的在前）').waitFor()
    expect(await numbersIn(page, /^待回访/)).toHaveLength(10)
    await tableIn(page, /^待回访/)
      .getByText('共 11 个')
      .waitFor()
    await tableIn(page, /^待回访/)
      .locator('.ant-pagination-item-2')
      .click()
    await expect.poll(() => numbersIn(page, /^待回访/)).toEqual(['JD-2026-11-0011'])
    await tableIn(page, /^待回访/)
      .getByText('第11个问题已办结')
      .waitFor()
    // The screen asked for pages, never for the issues one by one.
    expect(calls.filter((c) => c === 'issue-get' || c === 'issue-list')).toEqual([])

    await tableIn(page, /^待回访/)
      .getByRole('button', { name: /回\s?访/ })
      .click()
    await expect.poll(() => page.locator('*:focus').getAttribute('type')).toBe('radio')
    await page.keyboard.press('Space')
    await page.keyboard.press('Enter')
    await page.getByText('JD-2026-11-0011 回访满意，可以销号').waitFor()
    // Page 2 is gone; the queue shows its first (and only) page again.
    await page.getByText('待回访（10 个，办结最早的在前）').waitFor()
    await expect.poll(() => numbersIn(page, /^待回访/)).toHaveLength(10)
    await expect.poll(() => numbersIn(page, /^已回访满意、待销号/)).toEqual(['JD-2026-11-0011'])
  })
})
