import type { LedgerContext } from '../../db/core/context'
import { setStaffPin } from '../../db/staff/operators'
import { saveStaff, seedDefaults } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import type { Session, Staff, VisitSummary } from '../../shared/types'
import { registerVisit } from '../../db/visits/register'
import { openApp, type AppUnderTest } from './browser'
import type { Locator, Page } from 'playwright-core'
import { actorOf, type TestClock } from './temp-ledger'

// Shared by the screen tests of sign-in, backups, the audit log, reveal and voiding: an office with a desk
// clerk, a second clerk and a 负责人 who protects the name with a PIN, and a reception day open.

export const SUPERVISOR_PIN = '8642'
export const DESK_PIN = '1357'

export interface Office {
  desk: Staff
  other: Staff
  supervisor: Staff
  session: Session
}

export { actorOf } from './temp-ledger'

/** Acting as someone: the ledger records them as the one who registered, voided, … */
export function as(ctx: LedgerContext, s: Staff): LedgerContext {
  return { ...ctx, actor: actorOf(s) }
}

export async function seedOffice(ctx: LedgerContext, options: { deskPin?: boolean; openDay?: boolean } = {}): Promise<Office> {
  await seedDefaults(ctx)
  const desk = await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  const other = await saveStaff(ctx, { name: '赵磊', role: 'desk' })
  const supervisor = await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
  await setStaffPin(as(ctx, supervisor), { staffId: supervisor.id, pin: SUPERVISOR_PIN })
  if (options.deskPin) await setStaffPin(as(ctx, desk), { staffId: desk.id, pin: DESK_PIN })
  const planned = await planSession(ctx, {
    date: '2026-11-10',
    kind: 'public',
    location: '局一楼接待室',
    hostLeaderId: supervisor.id,
    staffIds: [desk.id],
  })
  const session = options.openDay === false ? planned : await openSession(ctx, planned.id)
  return { desk, other, supervisor: { ...supervisor, hasPin: true }, session }
}

/** Opens the app on a ledger seeded by `seed` (through db functions), and hands back what it made. */
export async function openSeeded<T>(
  seed: (ctx: LedgerContext, clock: TestClock) => Promise<T>,
  now = '2026-11-10 09:00:00',
): Promise<{ app: AppUnderTest; seeded: T }> {
  const box: { value?: T } = {}
  // Nobody on duty: these tests sign in through the header as the desk would.
  const app = await openApp({
    now,
    onDuty: null,
    seed: async (ctx, clock) => {
      box.value = await seed(ctx, clock)
    },
  })
  if (box.value === undefined) {
    await app.close()
    throw new Error('the ledger was not seeded')
  }
  return { app, seeded: box.value }
}

/** A resident's visit registered by `by`: a consultation, or an accepted issue when `issue` is given. */
export async function residentVisit(
  ctx: LedgerContext,
  by: Staff,
  sessionId: number,
  name: string,
  options: { phone?: string; idNumber?: string; issue?: string; headcount?: number } = {},
): Promise<VisitSummary> {
  return registerVisit(as(ctx, by), {
    sessionId,
    visitor: { name, phone: options.phone ?? null, idNumber: options.idNumber ?? null, kind: 'resident' },
    headcount: options.headcount ?? 1,
    matters: options.issue
      ? [{ type: 'issue', categoryId: 1, content: options.issue, place: '城东工业园' }]
      : [{ type: 'consultation', categoryId: 1, content: '小区旁饭店油烟扰民向哪里反映', answer: '属餐饮油烟，已告知向城市管理部门反映' }],
  })
}

/** `name` in the header's 值班人员 list while it is open. */
export function operatorOption(page: Page, name: string): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name })
}

/** Opens the header's 值班人员 box and picks `name`, as a clerk would: once (the desk's form leaves an open drop-down alone). */
async function pickOperator(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: '值班人员' }).click()
  await operatorOption(page, name).click()
}

/** Waits until the header names `name` as the one signed in. */
export async function signedInShown(page: Page, name: string): Promise<void> {
  await page.locator('header').getByText(name).filter({ visible: true }).first().waitFor()
}

/** Picks someone in the header's 值班人员 box, typing their PIN when asked. */
export async function signIn(app: AppUnderTest, name: string, pin?: string): Promise<void> {
  const { page } = app
  await pickOperator(page, name)
  if (pin !== undefined) {
    const dialog = page.getByRole('dialog', { name: `${name} 登录` })
    await dialog.getByLabel('PIN 码').fill(pin)
    await dialog.getByLabel('PIN 码').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
  }
  await signedInShown(page, name)
}

/** The first supervisor of an office picks themselves and, asked, chooses their own PIN. */
export async function signInChoosingPin(app: AppUnderTest, name: string, pin: string): Promise<void> {
  const { page } = app
  await pickOperator(page, name)
  const dialog = page.getByRole('dialog', { name: `${name} 首次登录：设置本人的 PIN` })
  await dialog.getByLabel('新 PIN', { exact: true }).fill(pin)
  await dialog.getByLabel('再次输入新 PIN').fill(pin)
  await dialog.getByLabel('再次输入新 PIN').press('Enter')
  await dialog.waitFor({ state: 'hidden' })
  await signedInShown(page, name)
}

export { settle } from './browser'

/** Page elements that overflow the 1366×768 window sideways (a screen that does not fit). */
export async function overflowsSideways(app: AppUnderTest): Promise<boolean> {
  return app.page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1')
}
