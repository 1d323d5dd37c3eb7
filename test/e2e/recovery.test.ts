import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow } from '../../db/backup/backup'
import { restoreFromBackup } from '../../db/backup/restore'
import { systemActor } from '../../db/core/context'
import type { AppUnderTest } from '../support/browser'
import { otherPcKeys } from '../support/keys'
import { openSeeded, seedOffice, signIn, SUPERVISOR_PIN } from '../support/office-screens'
import { printToPdf } from '../support/pdf'
import { localOf, tempDir } from '../support/temp-ledger'

// 设置 → 加密与恢复口令 as the desk and a supervisor use it: the passphrase typed twice, the A4
// recovery sheet printed from it, and a backup then opened on another PC with what the sheet says.

let app: AppUnderTest | null = null
const dirs: string[] = []
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const PASSPHRASE = '会议室东墙的绿萝每周浇两次水'

async function openRecoveryTab(a: AppUnderTest): Promise<void> {
  await a.page.getByRole('menuitem', { name: '设置' }).click()
  await a.page.getByRole('tab', { name: '加密与恢复口令' }).click()
}

describe('设置 → 加密与恢复口令', () => {
  it('tells the desk the ledger is encrypted and that only a supervisor sets the passphrase', async () => {
    const opened = await openSeeded((ctx) => seedOffice(ctx))
    app = opened.app
    await signIn(app, '王晓丽')
    await openRecoveryTab(app)
    await expect.poll(() => app?.page.getByText('已加密（SQLCipher 4 格式）').count()).toBe(1)
    await expect.poll(() => app?.page.getByText(/尚未设置恢复口令：换电脑/).count()).toBe(1)
    await expect.poll(() => app?.page.getByText('恢复口令须由负责人本人输入 PIN 登录后设置或更改。').count()).toBe(1)
    expect(await app.page.getByLabel('恢复口令', { exact: true }).count()).toBe(0)
  })

  it('a supervisor sets it and prints the sheet, whose passphrase opens a backup on another PC', async () => {
    const opened = await openSeeded((ctx) => seedOffice(ctx))
    app = opened.app
    const { page } = app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await openRecoveryTab(app)
    await page.getByLabel('恢复口令', { exact: true }).fill('太短')
    await page.getByLabel('再输入一次').fill('太短')
    await page.getByRole('button', { name: '设置并打印恢复口令单' }).click()
    await expect.poll(() => page.getByText(/恢复口令至少 12 个字符/).count()).toBe(1)

    await page.getByLabel('恢复口令', { exact: true }).fill(PASSPHRASE)
    await page.getByLabel('再输入一次').fill(PASSPHRASE)
    await page.getByRole('button', { name: '设置并打印恢复口令单' }).click()
    await expect.poll(() => page.getByRole('heading', { name: '台账恢复口令单' }).count()).toBe(1)
    // Paper only: a PDF would leave the passphrase in a file.
    expect(await page.getByRole('button', { name: '存为 PDF' }).count()).toBe(0)
    const pdf = await printToPdf(page, 'recovery-sheet')
    expect(pdf.pages).toBe(1)
    const text = pdf.text.replace(/\s+/g, '')
    expect(text).toContain(PASSPHRASE)
    expect(text).toContain('李建国')

    // What the sheet says is all another PC needs, with the backup and its manifest.
    const made = await backupNow(localOf(app.bridge.state.ledger), new Date(2026, 10, 10, 12))
    const elsewhere = tempDir('other-pc-')
    dirs.push(elsewhere)
    const { ledger } = await restoreFromBackup({
      current: null,
      file: path.join(elsewhere, 'ledger.sqlite'),
      backupFile: made.file,
      now: () => new Date(2026, 10, 11, 9),
      actor: { ...systemActor, name: '命令行' },
      keys: otherPcKeys(PASSPHRASE),
    })
    expect(await ledger.db.selectFrom('staff').select('name').where('name', '=', '李建国').execute()).toHaveLength(1)
    await ledger.close()
  })
})
