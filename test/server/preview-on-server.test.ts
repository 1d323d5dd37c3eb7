import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { saveStaff, seedDefaults } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { openApp, type AppUnderTest } from '../support/browser'
import { createServerDatabase, dropServerDatabase, type ServerDatabase } from '../support/engine-ledger'
import { residentVisit, seedOffice, signIn, SUPERVISOR_PIN } from '../support/office-screens'
import { TINY_PNG } from '../support/attachments'
import { sha256Of } from '../../db/attachments/store'
import { sql } from 'kysely'
import { otherPcKeys } from '../support/keys'
import { openLedger } from '../../db/core/open'
import { PG_DESK, PG_TEMPLATE } from '../support/pg-server'

// The browser preview on a server ledger: the same screens over the same handlers, the ledger a
// PostgreSQL database the desk reaches with its desk role, as every desk PC's app does.

const COPY_PASSPHRASE = '副本口令：白日依山尽，黄河入海流'

let app: AppUnderTest | null = null
let database: ServerDatabase | null = null

afterEach(async (t) => {
  await app?.close(t.task)
  app = null
  if (database) await dropServerDatabase(database.name)
  database = null
})

describe('the preview on a server ledger', () => {
  it('registers a walk-in from the keyboard and shows the issue in 问题台账, stored on the server', async () => {
    database = await createServerDatabase(PG_TEMPLATE)
    app = await openApp({
      server: database.deskUrl,
      now: '2026-11-10 09:00:00',
      onDuty: null,
      seedLedger: async (ctx) => {
        await seedDefaults(ctx)
        await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
        const s = await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼接待室' })
        await openSession(ctx, s.id)
      },
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await expect.poll(() => page.getByText(/台账服务器：127\.0\.0\.1:\d+\/ledger_/).count()).toBe(1)
    await page.getByLabel('来访人姓名').fill('周敏')
    await page.keyboard.press('Enter')
    await page.keyboard.type('13712345678')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowRight') // 受理·交办
    await page.keyboard.press('Enter')
    await page.keyboard.type('水')
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.ant-select-open').count()).toBe(0)
    await page.keyboard.press('Enter')
    await page.keyboard.type('小河沟黑臭')
    await page.keyboard.press('Enter')
    await page.keyboard.type('西岭村')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter') // 被反映企业 left empty: saves
    await page.getByText('已登记 周敏').first().waitFor()
    const stored = await app.ctx.db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .select(['i.number', 'm.content'])
      .execute()
    expect(stored).toEqual([{ number: 'JD-2026-11-0001', content: '小河沟黑臭' }])
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    await page.getByRole('heading', { name: '问题台账' }).waitFor()
    // The save's toast also names JD-2026-11-0001, so the row is looked for in the ledger's table.
    const row = page.locator('.issue-table tr.issue-row', { hasText: 'JD-2026-11-0001' })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.innerText()).toContain('小河沟黑臭')
    await app.screenshot('server-issues-ledger')
  })

  it('adds a photo to an issue in its case file, kept on the server, and opens it again as the same bytes', async () => {
    database = await createServerDatabase(PG_TEMPLATE)
    app = await openApp({
      server: database.deskUrl,
      now: '2026-11-10 09:00:00',
      seedLedger: async (ctx) => {
        const office = await seedOffice(ctx)
        await residentVisit(ctx, office.desk, office.session.id, '周大妈', { issue: '化工厂夜间排放刺鼻废气' })
      },
    })
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    await page.getByText('JD-2026-11-0001').first().click()
    const drawer = page.getByRole('dialog')
    await drawer.getByText('办理经过').waitFor()
    await drawer.getByTestId('attachment-file').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: TINY_PNG })
    await drawer.getByText('已添加附件：现场照片.png').waitFor()
    await app.screenshot('server-attachment-added')
    const { rows } = await sql<{ sha256: string; size: number }>`select sha256, size from attachment_contents`.execute(app.ctx.db)
    expect(rows).toEqual([{ sha256: sha256Of(TINY_PNG), size: TINY_PNG.length }])
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: '打开' }).click()])
    expect(download.suggestedFilename()).toBe('现场照片.png')
    expect(fs.readFileSync(await download.path())).toEqual(TINY_PNG)
  })
})

describe('设置 on a server ledger', () => {
  it('explains backups and keys are the server’s, and 立即备份 keeps a local copy that opens with its passphrase', async () => {
    database = await createServerDatabase(PG_TEMPLATE)
    app = await openApp({ server: database.deskUrl, onDuty: null, seedLedger: async (ctx) => void (await seedOffice(ctx)) })
    const { page } = app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await page.goto(`${app.bridge.url}#/settings?tab=recovery`)
    await page.getByText('台账服务器上的台账没有本机密钥与恢复口令').waitFor()
    await page.getByRole('tab', { name: '备份与恢复' }).click()
    await page.getByText(/服务器上的台账由 IT 人员在服务器上定期备份（pg_dump）/).waitFor()
    expect(await page.getByText('选择备份文件夹…').count()).toBe(0)
    await page.getByLabel('副本的恢复口令').fill(COPY_PASSPHRASE)
    await page.getByLabel('再输入一次').fill(COPY_PASSPHRASE)
    await page.getByLabel('再输入一次').press('Enter')
    await page.getByText('本地副本已保存并校验').waitFor()
    await app.screenshot('server-backup-copy')
    const file = await page.locator('.ant-alert-success .ant-typography').first().innerText()
    expect(path.basename(file)).toBe('台账服务器副本-2026-11-10.sqlite')
    const copy = await openLedger(file, { keys: otherPcKeys(COPY_PASSPHRASE), readonly: true })
    try {
      const staff = await copy.db.selectFrom('staff').select('name').orderBy('id').execute()
      expect(staff.map((s) => s.name)).toEqual(['王晓丽', '赵磊', '李建国'])
    } finally {
      await copy.close()
    }
  })
})

describe('npm run dev:web with --pg', () => {
  it('serves the screens on the server ledger, naming the server without ever printing the password', async () => {
    database = await createServerDatabase(PG_TEMPLATE)
    const script = path.resolve(import.meta.dirname, '../bridge/preview.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0'], {
      env: { ...process.env, LEDGER_PG: database.deskUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')))
    try {
      await expect.poll(() => out, { timeout: 30_000 }).toMatch(/按 Ctrl\+C 结束/)
      expect(out).toMatch(/台账服务器：127\.0\.0\.1:\d+\/ledger_\d+_\d+/)
      expect(out).not.toContain(PG_DESK.password)
      const url = /浏览器预览已启动：(\S+)/.exec(out)?.[1] ?? ''
      const page = await (await fetch(url)).text()
      const token = /name="ledger-bridge-token" content="([0-9a-f]+)"/.exec(page)?.[1] ?? ''
      const answer: unknown = await (
        await fetch(`${url}__api/app-info`, {
          method: 'POST',
          headers: { origin: url.replace(/\/$/, ''), 'content-type': 'application/json', 'x-ledger-bridge-token': token },
          body: '{}',
        })
      ).json()
      expect(answer).toMatchObject({ ok: true, data: { engine: 'pg' } })
      expect(JSON.stringify(answer)).not.toContain(PG_DESK.password)
    } finally {
      child.kill('SIGINT')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  })

  it('refuses --ledger beside LEDGER_PG, in Chinese', async () => {
    const script = path.resolve(import.meta.dirname, '../bridge/preview.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--ledger', 'x.sqlite', '--port', '0'], {
      env: { ...process.env, LEDGER_PG: 'postgres://ledger_desk:desk-secret@127.0.0.1:1/none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')))
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(err).toContain('--ledger 与 --pg（或环境变量 LEDGER_PG）只能给一个')
    expect(err).not.toContain('desk-secret')
  })
})
