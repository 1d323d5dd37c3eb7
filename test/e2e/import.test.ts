import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { saveStaff, seedDefaults } from '../../db/reference/reference'
import { openApp, type AppUnderTest } from '../support/browser'
import { writeMessyXlsx } from '../support/import-fixtures'
import { tempDir } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

describe('导入旧台账', () => {
  it('guesses the columns of an old Excel ledger, dry-runs it, and imports it in one batch', async () => {
    const file = await writeMessyXlsx(path.join(tempDir('import-e2e-'), '2023年台账.xlsx'))
    app = await openApp({
      now: '2026-11-10 09:00:00',
      importFile: file,
      seed: async (ctx) => {
        await seedDefaults(ctx)
        await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true })
      },
    })
    const { page } = app
    await page.getByLabel('值班人员').click()
    await page.getByTitle('李建国').click()
    // The office's first supervisor chooses a PIN of their own at this first sign-in.
    const first = page.getByRole('dialog', { name: '李建国 首次登录：设置本人的 PIN' })
    await first.getByLabel('新 PIN', { exact: true }).fill('8642')
    await first.getByLabel('再次输入新 PIN').fill('8642')
    await first.getByLabel('再次输入新 PIN').press('Enter')
    await first.waitFor({ state: 'hidden' })
    await page.goto(`${app.bridge.url}#/settings?tab=import`)
    await page.getByRole('button', { name: '选择文件' }).click()
    await page.getByText('2023年台账.xlsx').waitFor()
    await page.getByRole('button', { name: '试导入' }).click()
    // The tab's own text also says 无法读取: the dry run's answer is its warning.
    await page.getByText(/有 \d+ 行无法读取/).waitFor()
    await app.screenshot('settings-import-dry-run')
    // A dry run writes nothing.
    expect(await app.ctx.db.selectFrom('visits').select('id').execute()).toEqual([])
    await page.getByRole('checkbox', { name: '跳过无法读取的行' }).check()
    await page.getByRole('button', { name: /^import 导\s?入$/ }).click()
    await page
      .getByRole('dialog', { name: '确认导入' })
      .getByRole('button', { name: /导\s?入/ })
      .click()
    await page.getByText(/已导入（导入批次 1）/).waitFor()
    const visits = await app.ctx.db.selectFrom('visits').select(['visit_date']).where('voided_at', 'is', null).execute()
    expect(visits.length).toBeGreaterThan(3)
    expect(visits.every((v) => v.visit_date.startsWith('2023-0'))).toBe(true)
    const batch = await app.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', '%import%').execute()
    expect(batch.length).toBeGreaterThan(0)
  })
})
