import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { addProgress, assignIssue, extendIssue } from '../../db/issues/actions'
import { getStaff, listCategories, listDepartments, saveStaff } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, type AppUnderTest } from '../support/browser'
import { actorOf } from '../support/temp-ledger'

const LEADER_PIN = '8642'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

interface Seeded {
  issueId: number
  leaderId: number
}

/** An issue accepted on 11-02 and being worked on by 大气环境股, seen on 11-10. */
async function seedInProgress(ctx: LedgerContext): Promise<Seeded> {
  const deps = await listDepartments(ctx.db)
  const air = deps.find((d) => d.name === '大气环境股')
  if (!air) throw new Error('no department')
  // The desk clerk is on duty (the first desk clerk signs in as the page opens).
  await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  const leader = await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
  // An extension's approver confirms with a PIN of their own.
  await setStaffPin({ ...ctx, actor: actorOf(leader) }, { staffId: leader.id, pin: LEADER_PIN })
  const s = await planSession(ctx, { date: '2026-11-02', kind: 'public', location: '局一楼群众接待室' })
  await openSession(ctx, s.id)
  const categoryId = (await listCategories(ctx.db)).find((c) => c.name === '大气')?.id ?? 1
  const visit = await registerVisit(ctx, {
    sessionId: s.id,
    visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content: '化工园区夜间有刺鼻气味', place: '城东工业园' }],
  })
  const issueId = visit.matters[0]?.issueId
  if (!issueId) throw new Error('no issue')
  await assignIssue(ctx, { issueId, departmentId: air.id })
  await addProgress(ctx, { issueId, note: '已现场核查' })
  return { issueId, leaderId: leader.id }
}

async function openIssue(): Promise<{ app: AppUnderTest; s: Seeded; form: Locator; due: string }> {
  let seeded: Seeded | null = null
  const opened = await openApp({
    now: '2026-11-10 09:00:00',
    seed: async (ctx, clock) => {
      clock.set('2026-11-02 08:30:00')
      seeded = await seedInProgress(ctx)
      clock.set('2026-11-10 09:00:00')
    },
  })
  app = opened
  if (!seeded) throw new Error('not seeded')
  const s: Seeded = seeded
  const { page } = opened
  await page.goto(`${opened.bridge.url}#/issues?id=${s.issueId}`)
  const drawer = page.getByRole('dialog')
  await drawer.getByRole('button', { name: /^延\s?期$/ }).click()
  const form = drawer.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^延期$/ }) })
  const { due_date: due } = await opened.ctx.db
    .selectFrom('issues')
    .select('due_date')
    .where('id', '=', s.issueId)
    .executeTakeFirstOrThrow()
  return { app: opened, s, form, due }
}

async function fillExtension(page: Page, form: Locator, date: string, reason: string): Promise<void> {
  await form.getByLabel('新的办结时限').fill(date)
  await form.getByLabel('新的办结时限').press('Tab')
  await form.getByLabel('批准人').click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('李建国（副局长）').click()
  await form.getByLabel('批准人 PIN').fill(LEADER_PIN)
  await form.getByLabel('延期理由').fill(reason)
}

async function expectKept(form: Locator, date: string, reason: string): Promise<void> {
  expect(await form.getByLabel('新的办结时限').inputValue()).toBe(date)
  expect(await form.getByLabel('延期理由').inputValue()).toBe(reason)
  expect(await form.getByText('李建国（副局长）').count()).toBe(1)
}

describe('问题台账 when a save fails', () => {
  it('says the new deadline must be later than the current one and keeps what was typed', async () => {
    const { app, s, form, due } = await openIssue()
    const { page } = app
    await fillExtension(page, form, due, '需委托第三方监测')
    await form.getByLabel('延期理由').press('Enter')
    await form.getByText(`新的办结时限须晚于原时限 ${due}`).waitFor()
    await expectKept(form, due, '需委托第三方监测')
    expect(await app.ctx.db.selectFrom('extensions').select('id').execute()).toEqual([])
    const row = await app.ctx.db.selectFrom('issues').select('due_date').where('id', '=', s.issueId).executeTakeFirstOrThrow()
    expect(row.due_date).toBe(due)
  })

  it("shows the ledger's refusal beside the form, keeps what was typed and saves once corrected", async () => {
    const { app, s, form, due } = await openIssue()
    const { page } = app
    expect(due < '2026-12-10').toBe(true)
    await fillExtension(page, form, '2026-12-10', '需委托第三方监测')
    // Meanwhile a colleague extends the same issue further.
    await extendIssue(
      { ...app.ctx, actor: actorOf(await getStaff(app.ctx.db, s.leaderId)) },
      { issueId: s.issueId, newDueDate: '2026-12-21', reason: '节前无法完成监测' },
    )
    await form.getByLabel('延期理由').press('Enter')
    // The issue changed since the form was opened: told so, nothing lost, nothing written.
    await form.locator('.ant-alert-error').getByText('该问题已被他人修改，请刷新后重试').waitFor()
    await expectKept(form, '2026-12-10', '需委托第三方监测')
    // 刷新: the drawer now shows the deadline in force, and the ledger judges the form against it.
    await form
      .locator('.ant-alert-error')
      .getByRole('button', { name: /^刷\s?新$/ })
      .click()
    await page.getByRole('dialog').getByText('原办结时限：2026-12-21').waitFor()
    await expectKept(form, '2026-12-10', '需委托第三方监测')
    // Saved again, the date is now judged against it.
    await form.getByLabel('延期理由').press('Enter')
    await form.getByText('新的办结时限须晚于原时限 2026-12-21').first().waitFor()
    await expectKept(form, '2026-12-10', '需委托第三方监测')
    await app.screenshot('issues-refused')
    expect(await app.ctx.db.selectFrom('extensions').select('new_due_date').execute()).toEqual([{ new_due_date: '2026-12-21' }])

    await form.getByLabel('新的办结时限').fill('2026-12-25')
    await form.getByLabel('新的办结时限').press('Tab')
    await form.getByLabel('延期理由').press('Enter')
    await page.getByText(/已延期至 2026-12-25/).waitFor()
    expect(await app.ctx.db.selectFrom('extensions').select(['old_due_date', 'new_due_date', 'reason']).orderBy('id').execute()).toEqual([
      { old_due_date: due, new_due_date: '2026-12-21', reason: '节前无法完成监测' },
      { old_due_date: '2026-12-21', new_due_date: '2026-12-25', reason: '需委托第三方监测' },
    ])
  })
})
