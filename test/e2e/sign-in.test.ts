import { afterEach, describe, expect, it } from 'vitest'
import { verifyPin } from '../../db/staff/pin'
import type { AppUnderTest } from '../support/browser'
import { DESK_PIN, openSeeded, seedOffice, settle, signIn, SUPERVISOR_PIN, type Office } from '../support/office-screens'

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
