import { afterEach, describe, expect, it } from 'vitest'
import { saveStaff, seedDefaults } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import { verifyPin } from '../../db/staff/pin'
import { openApp, type AppUnderTest } from '../support/browser'
import {
  as,
  DESK_PIN,
  openSeeded,
  operatorOption,
  seedOffice,
  settle,
  signedInShown,
  signIn,
  SUPERVISOR_PIN,
  type Office,
} from '../support/office-screens'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

async function openOffice(options: { deskPin?: boolean } = {}): Promise<{ app: AppUnderTest; office: Office }> {
  const { app: opened, seeded } = await openSeeded((ctx) => seedOffice(ctx, options))
  return { app: opened, office: seeded }
}

describe('值班人员 PIN', () => {
  it('refuses a wrong PIN with a message and an audit row, then signs in with the right one and shows the name in the header', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { supervisor } = opened.office

    await page.getByRole('combobox', { name: '值班人员' }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: '李建国' }).click()
    const dialog = page.getByRole('dialog', { name: '李建国 登录' })
    await dialog.getByLabel('PIN 码').fill('0000')
    await dialog.getByLabel('PIN 码').press('Enter')
    await expect.poll(() => dialog.getByText('“李建国”的 PIN 不正确').count()).toBe(1)
    await settle(app)
    await app.screenshot('reliability-pin-wrong')
    // Refused, and the attempt is on record for a supervisor to see.
    expect(app.bridge.state.operator.id).toBeNull()
    const failed = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_id'])
      .where('action', '=', 'sign_in_failed')
      .execute()
    expect(failed).toEqual([{ action: 'sign_in_failed', entity_id: supervisor.id, actor_id: null }])

    await dialog.getByLabel('PIN 码').fill(SUPERVISOR_PIN)
    await dialog.getByLabel('PIN 码').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('header').getByText('李建国（PIN）').filter({ visible: true }).count()).toBe(1)
    expect(app.bridge.state.operator).toMatchObject({ id: supervisor.id, name: '李建国', role: 'supervisor' })
    const signedIn = await ctx.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'sign_in').execute()
    expect(signedIn).toEqual([{ actor_id: supervisor.id, entity_id: supervisor.id }])
    await settle(app)
    await app.screenshot('reliability-pin-signed-in')
  })

  it('lets a desk clerk set their own PIN in 设置 → 人员 (typed twice), which is stored hashed and then asked for at sign-in', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const { desk } = opened.office
    await signIn(app, '王晓丽')
    await page.getByRole('menuitem', { name: '设置' }).click()
    await page.getByRole('tab', { name: '人员' }).click()
    await page
      .getByRole('row', { name: /王晓丽/ })
      .getByRole('button', { name: '设置 PIN' })
      .click()
    const dialog = page.getByRole('dialog', { name: '设置 PIN：王晓丽' })
    // Focus starts in the first box; a mismatch is caught before anything is sent.
    const firstId = await dialog.getByLabel('新 PIN', { exact: true }).getAttribute('id')
    expect(firstId).toBeTruthy()
    await expect.poll(() => page.evaluate<string>("document.activeElement?.id ?? ''")).toBe(firstId)
    await page.keyboard.type('2468')
    await page.keyboard.press('Tab')
    await page.keyboard.type('2469')
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.getByText('两次输入的 PIN 不一致').count()).toBe(1)
    await dialog.getByLabel('再次输入新 PIN').fill('2468')
    await settle(app)
    await app.screenshot('settings-staff-pin')
    await dialog.getByLabel('再次输入新 PIN').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /王晓丽/ })
          .getByText('已设')
          .count(),
      )
      .toBe(1)
    await settle(app)
    await app.screenshot('settings-staff-with-pins')

    const row = await ctx.db.selectFrom('staff').select('pin_hash').where('id', '=', desk.id).executeTakeFirstOrThrow()
    expect(row.pin_hash).toMatch(/^scrypt\$/)
    expect(row.pin_hash).not.toContain('2468')
    expect(await verifyPin('2468', row.pin_hash ?? '')).toBe(true)
    expect(
      await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'entity_id'])
        .where('action', '=', 'set_pin')
        .where('entity_id', '=', desk.id)
        .execute(),
    ).toEqual([{ action: 'set_pin', actor_id: desk.id, entity_id: desk.id }])

    // Signing in again now asks for it.
    await page.getByRole('combobox', { name: '值班人员' }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: '赵磊' }).click()
    await signIn(app, '王晓丽', '2468')
    expect(app.bridge.state.operator.id).toBe(desk.id)
  })

  it('asks a desk clerk for their current PIN before clearing it', async () => {
    const opened = await openOffice({ deskPin: true })
    app = opened.app
    const { page, ctx } = app
    const { desk } = opened.office
    await signIn(app, '王晓丽', DESK_PIN)
    await page.getByRole('menuitem', { name: '设置' }).click()
    await page.getByRole('tab', { name: '人员' }).click()
    await page
      .getByRole('row', { name: /王晓丽/ })
      .getByRole('button', { name: '清除 PIN' })
      .click()
    const dialog = page.getByRole('dialog', { name: '清除 PIN：王晓丽' })
    await dialog.getByLabel('原 PIN').fill('9999')
    await dialog.getByLabel('原 PIN').press('Enter')
    await expect.poll(() => dialog.getByText('原 PIN 不正确').count()).toBeGreaterThan(0)
    expect(
      (await ctx.db.selectFrom('staff').select('pin_hash').where('id', '=', desk.id).executeTakeFirstOrThrow()).pin_hash,
    ).not.toBeNull()

    await dialog.getByLabel('原 PIN').fill(DESK_PIN)
    await dialog.getByLabel('原 PIN').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /王晓丽/ })
          .getByText('未设')
          .count(),
      )
      .toBe(1)
    expect((await ctx.db.selectFrom('staff').select('pin_hash').where('id', '=', desk.id).executeTakeFirstOrThrow()).pin_hash).toBeNull()
    expect(await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'clear_pin').execute()).toHaveLength(1)
  })
})

describe('负责人 sign in with a PIN of their own', () => {
  it('asks the first supervisor of a new office to choose a PIN at their first sign-in, in Chinese', async () => {
    app = await openApp({
      onDuty: null,
      seed: async (ctx) => {
        await seedDefaults(ctx)
        await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
        await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true })
      },
    })
    const { page, ctx } = app
    await page.getByRole('combobox', { name: '值班人员' }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: '李建国' }).click()
    const dialog = page.getByRole('dialog', { name: '李建国 首次登录：设置本人的 PIN' })
    await dialog.getByText(/只给输入本人 PIN\s*登录的负责人/).waitFor()
    await dialog.getByLabel('新 PIN', { exact: true }).fill('2580')
    await dialog.getByLabel('再次输入新 PIN').fill('2581')
    await dialog.getByLabel('再次输入新 PIN').press('Enter')
    await expect.poll(() => dialog.getByText('两次输入的新 PIN 不一致').count()).toBe(1)
    expect(app.bridge.state.operator.id).toBeNull()
    await dialog.getByLabel('再次输入新 PIN').fill('2580')
    await settle(app)
    await app.screenshot('sign-in-first-supervisor-pin')
    await dialog.getByLabel('再次输入新 PIN').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('header').getByText('李建国').filter({ visible: true }).first().waitFor()
    expect(app.bridge.state.operator).toMatchObject({ name: '李建国', role: 'supervisor', ownPin: true })
    const row = await ctx.db.selectFrom('staff').select(['pin_hash', 'pin_initial']).where('name', '=', '李建国').executeTakeFirstOrThrow()
    expect(await verifyPin('2580', row.pin_hash ?? '')).toBe(true)
    expect(row.pin_initial).toBe(0)
  })

  it('refuses a supervisor without a PIN once the office has one, and says who must give them one', async () => {
    const opened = await openSeeded(async (ctx) => {
      const office = await seedOffice(ctx)
      await saveStaff(as(ctx, office.supervisor), { name: '陈红梅', role: 'supervisor' })
      return office
    })
    app = opened.app
    const { page } = app
    await page.getByRole('combobox', { name: '值班人员' }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: '陈红梅' }).click()
    await page.getByText(/“陈红梅”是负责人，但还没有 PIN：请已登录的负责人在“设置 → 人员”中为其设置初始 PIN/).waitFor()
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(app.bridge.state.operator.id).toBeNull()
  })

  it('lets a supervisor given an initial PIN sign in once with it, choosing their own', async () => {
    const opened = await openSeeded(async (ctx) => {
      const office = await seedOffice(ctx)
      const deputy = await saveStaff(as(ctx, office.supervisor), { name: '陈红梅', role: 'supervisor' })
      await setStaffPin(as(ctx, office.supervisor), { staffId: deputy.id, pin: '4444' })
      return office
    })
    app = opened.app
    const { page, ctx } = app
    await page.getByRole('combobox', { name: '值班人员' }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: '陈红梅' }).click()
    const dialog = page.getByRole('dialog', { name: '陈红梅 登录：改为本人的 PIN' })
    await dialog.getByText(/你的 PIN 是负责人设置的初始 PIN/).waitFor()
    await dialog.getByLabel('初始 PIN').fill('4444')
    await dialog.getByLabel('新 PIN', { exact: true }).fill('4444')
    await dialog.getByLabel('再次输入新 PIN').fill('4444')
    await dialog.getByLabel('再次输入新 PIN').press('Enter')
    await expect.poll(() => dialog.getByText('新 PIN 不能与初始 PIN 相同').count()).toBe(1)
    await dialog.getByLabel('新 PIN', { exact: true }).fill('8080')
    await dialog.getByLabel('再次输入新 PIN').fill('8080')
    await settle(app)
    await app.screenshot('sign-in-replace-initial-pin')
    await dialog.getByLabel('再次输入新 PIN').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('header').getByText('陈红梅').filter({ visible: true }).first().waitFor()
    const row = await ctx.db.selectFrom('staff').select(['pin_hash', 'pin_initial']).where('name', '=', '陈红梅').executeTakeFirstOrThrow()
    expect(await verifyPin('8080', row.pin_hash ?? '')).toBe(true)
    expect(row.pin_initial).toBe(0)
  })

  it('signs a supervisor out after 10 idle minutes: the next click is refused with why, and the header asks who is on duty', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, clock } = app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    clock.set('2026-11-10 09:20:00')
    await page.getByRole('menuitem', { name: '设置' }).click()
    await page.getByRole('tab', { name: '审计日志' }).click()
    await page
      .getByText(/负责人“李建国”已超过 10 分钟未操作，已自动退出登录/)
      .first()
      .waitFor()
    await expect.poll(() => page.locator('header').getByText('请选择本人').count()).toBe(1)
    expect(app.bridge.state.operator.id).toBeNull()
  })
})

describe('a new ledger', () => {
  it('says to add people first and how signing in works, and takes the first person from nobody', async () => {
    app = await openApp({ onDuty: null, seed: async (ctx) => seedDefaults(ctx) })
    const { page, ctx } = app
    const notice = page.getByRole('alert').filter({ hasText: '首次使用：请先添加人员' })
    await notice.getByText(/第一位负责人首次登录时须设置本人的 PIN/).waitFor()
    await settle(app)
    await app.screenshot('first-run-notice')
    await notice.getByRole('button', { name: '去添加人员' }).click()
    await page.getByRole('button', { name: '新增人员' }).click()
    const dialog = page.getByRole('dialog', { name: '新增人员' })
    await dialog.getByLabel('姓名').fill('李建国')
    await dialog.getByLabel('角色').click()
    await page.locator('.ant-select-item-option').filter({ hasText: '负责人' }).click()
    await dialog.getByText(/本人首次在右上角选择自己时，须先设置自己的 PIN/).waitFor()
    await dialog.getByRole('button', { name: /保\s?存/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => notice.count()).toBe(0)
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity', '=', 'staff').execute()
    expect(audit).toEqual([{ action: 'create', actor_name: '首次使用（尚无人员）' }])
  })
})

/**
 * The open day answers late (a slow disk at start), so the clerk already has 值班人员 open when the
 * desk's form appears under it: the list must stay open. Answers the option to pick.
 */
async function openOperatorsBeforeTheDay(opened: AppUnderTest, formBox: string) {
  const { page } = opened
  let release = (): void => undefined
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route('**/__api/session-current', async (route) => {
    await held
    await route.continue()
  })
  await page.reload()
  await page.getByRole('combobox', { name: '值班人员' }).click()
  const option = operatorOption(page, '王晓丽')
  await option.waitFor()
  release()
  await page.getByLabel(formBox, { exact: true }).waitFor()
  await settle(opened)
  return option
}

describe('值班人员 while the desk is still loading', () => {
  it('keeps the 值班人员 drop-down open when the desk’s form appears under it, and puts the cursor in 来访人姓名 once someone is picked', async () => {
    app = (await openOffice()).app
    const { page } = app
    const option = await openOperatorsBeforeTheDay(app, '来访人姓名')
    expect(await option.isVisible()).toBe(true)

    await option.click()
    await signedInShown(page, '王晓丽')
    const nameId = await page.getByLabel('来访人姓名').getAttribute('id')
    expect(nameId).toBeTruthy()
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(nameId)
  })

  it('keeps the 值班人员 drop-down open when the form for starting today’s reception appears under it', async () => {
    const { app: opened } = await openSeeded((ctx) => seedOffice(ctx, { openDay: false }))
    app = opened
    const option = await openOperatorsBeforeTheDay(app, '地点')
    expect(await option.isVisible()).toBe(true)
    await option.click()
    await signedInShown(app.page, '王晓丽')
    expect(app.bridge.state.operator.name).toBe('王晓丽')
  })

  it('puts the cursor in 地点 when the form for starting today’s reception appears and nothing is open', async () => {
    const { app: opened } = await openSeeded((ctx) => seedOffice(ctx, { openDay: false }))
    app = opened
    const location = app.page.getByLabel('地点', { exact: true })
    await location.waitFor()
    const id = await location.getAttribute('id')
    expect(id).toBeTruthy()
    await expect.poll(() => app?.page.evaluate('document.activeElement?.id')).toBe(id)
  })
})
