import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readLedgerChoice, savedPassword } from '../../electron/handlers/ledger-choice'
import { openApp, type AppUnderTest } from '../support/browser'
import { createServerDatabase, dropServerDatabase, type ServerDatabase } from '../support/engine-ledger'
import { testPcSealer } from '../support/keys'
import { seedOffice, signIn, SUPERVISOR_PIN } from '../support/office-screens'
import { PG_DESK, PG_TEMPLATE } from '../support/pg-server'
import { tempDir } from '../support/temp-ledger'

// 设置 → 台账 as a supervisor uses it at a desk PC that still has the local file: switched to the
// bureau's server from the keyboard, 测试连接 against a real server, 保存 for the next start.

let app: AppUnderTest | null = null
let database: ServerDatabase | null = null
let dir: string | null = null

afterEach(async (t) => {
  await app?.close(t.task)
  app = null
  if (database) await dropServerDatabase(database.name)
  database = null
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
  dir = null
})

describe('设置 → 台账', () => {
  it('switches this PC to a server from the keyboard: 测试连接 says 连接成功, 保存 keeps it sealed for the next start', async () => {
    database = await createServerDatabase(PG_TEMPLATE)
    const server = new URL(database.deskUrl)
    dir = tempDir('ledger-choice-screen-')
    const choiceFile = path.join(dir, 'ledger-choice.json')
    app = await openApp({
      onDuty: null,
      seedLedger: async (ctx) => {
        await seedOffice(ctx)
      },
      ledgerChoice: { file: choiceFile, sealer: testPcSealer(), overridden: false },
    })
    const { page } = app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await page.goto(`${app.bridge.url}#/settings?tab=place`)
    await page.getByText('启动时打开的台账').waitFor()
    expect(await page.getByText('本机文件（默认）').count()).toBe(1)

    // From the keyboard: the radio group, then every box in turn.
    await page.getByRole('radio', { name: '本机文件（默认）' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByRole('radio', { name: '台账服务器' }).isChecked()).toBe(true)
    // The server's boxes come in a render after the radio: Tab only once they are there, and each
    // Tab is seen to land in the box it should, so a slow machine cannot shift what goes where.
    await page.getByLabel('服务器地址').waitFor()
    const tabInto = async (label: string, text: string, replace: boolean) => {
      await page.keyboard.press('Tab')
      await expect.poll(() => page.getByLabel(label, { exact: true }).evaluate((box) => box === box.ownerDocument.activeElement)).toBe(true)
      if (replace) await page.keyboard.press('Control+A')
      await page.keyboard.type(text)
    }
    await tabInto('服务器地址', server.hostname, false)
    await tabInto('端口', server.port, true)
    await tabInto('数据库', server.pathname.slice(1), true)
    await tabInto('用户名', PG_DESK.user, false)
    await tabInto('密码', PG_DESK.password, false)
    // The test server speaks no TLS: 关闭, and the screen warns.
    await page.getByRole('radio', { name: '要求并校验证书（推荐）' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.getByText(/不校验证书时，连接虽加密/).waitFor()
    await page.keyboard.press('ArrowRight')
    await page.getByText(/关闭 TLS 后，来访人姓名、电话等个人信息和密码以明文经过网络/).waitFor()

    await page.getByRole('button', { name: '测试连接' }).focus()
    await page.keyboard.press('Enter')
    // Whatever the test answers is read back, so a refusal fails with its own words, not a timeout.
    const answer = page.getByRole('status', { name: '测试连接的结果' }).locator('.ant-alert')
    await answer.waitFor({ timeout: 30_000 })
    expect(await answer.innerText()).toMatch(/^连接成功：台账服务器 127\.0\.0\.1:\d+\/ledger_\d+_\d+ 上的台账可由本机打开。$/)
    await app.screenshot('settings-ledger-choice-tested')

    await page.getByRole('button', { name: '保存' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('已保存。重新启动程序后生效，本次仍使用上面的台账。').waitFor()
    await app.screenshot('settings-ledger-choice-saved')
    const saved = readLedgerChoice(choiceFile)
    expect(saved).toMatchObject({ kind: 'server', host: server.hostname, port: Number(server.port), user: PG_DESK.user, tls: 'off' })
    if (saved.kind !== 'server') throw new Error('not saved as a server')
    expect(savedPassword(saved, testPcSealer())).toBe(PG_DESK.password)
    expect(fs.readFileSync(choiceFile, 'utf8')).not.toContain(PG_DESK.password)
    // This run keeps its ledger: the running one is still the local file.
    expect(await page.getByText('本次使用的台账').count()).toBe(1)
    expect(await page.locator('.ant-descriptions-item-label').filter({ hasText: '本机文件' }).count()).toBe(1)
  })

  it('shows a desk clerk the choice but not 保存', async () => {
    dir = tempDir('ledger-choice-screen-')
    app = await openApp({
      onDuty: null,
      seedLedger: async (ctx) => {
        await seedOffice(ctx)
      },
      ledgerChoice: { file: path.join(dir, 'ledger-choice.json'), sealer: testPcSealer(), overridden: false },
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await page.goto(`${app.bridge.url}#/settings?tab=place`)
    await page.getByText('更改台账位置须由负责人本人输入 PIN 登录后保存。').waitFor()
    expect(await page.getByRole('button', { name: '保存' }).isDisabled()).toBe(true)
  })
})
