import fs from 'node:fs'
import path from 'node:path'
import { openWithTestKey } from '../support/keys'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow } from '../../db/backup/backup'
import type { AppUnderTest } from '../support/browser'
import {
  openSeeded,
  overflowsSideways,
  residentVisit,
  seedOffice,
  settle,
  signIn,
  SUPERVISOR_PIN,
  type Office,
} from '../support/office-screens'
import { localOf, tempDir } from '../support/temp-ledger'

let app: AppUnderTest | null = null
const extraDirs: string[] = []
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
  for (const d of extraDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function openOffice(): Promise<{ app: AppUnderTest; office: Office }> {
  const { app: opened, seeded } = await openSeeded((ctx) => seedOffice(ctx))
  return { app: opened, office: seeded }
}

async function openBackupTab(a: AppUnderTest): Promise<void> {
  await a.page.getByRole('menuitem', { name: '设置' }).click()
  await a.page.getByRole('tab', { name: '备份与恢复' }).click()
}

function visitorNames(file: string): string[] {
  const db = openWithTestKey(file, { readonly: true })
  try {
    const rows = db
      .prepare('select v.name from visits x join visitors v on v.id = x.visitor_id where x.voided_at is null order by x.id')
      .all()
    return rows.flatMap((r) => (typeof r === 'object' && r !== null && 'name' in r && typeof r.name === 'string' ? [r.name] : []))
  } finally {
    db.close()
  }
}

describe('设置 → 备份与恢复', () => {
  it('a supervisor backs up now and restores it: a visit registered after the backup is gone, and the replaced ledger is kept as a copy', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx, clock } = app
    const { desk, session } = opened.office
    await residentVisit(ctx, desk, session.id, '张桂芳')

    await signIn(app, '李建国', SUPERVISOR_PIN)
    await openBackupTab(app)
    await page.getByRole('button', { name: '立即备份' }).click()
    await expect.poll(() => page.getByRole('row', { name: /手动备份.*2026-11-10 09:00:\d\d.*KB/ }).count()).toBe(1)
    const manual = fs
      .readdirSync(path.join(path.dirname(localOf(app.bridge.state.ledger).file), 'backups'))
      .filter((n) => n.endsWith('-manual.sqlite'))
    expect(manual).toEqual([expect.stringMatching(/^ledger-[a-z]{10}-20261110-0900\d\d-manual\.sqlite$/)])

    // A few minutes later (within the supervisor's 10 idle minutes) someone registers another
    // visit — then the ledger is to go back to the backup.
    clock.set('2026-11-10 09:05:00')
    await residentVisit(ctx, desk, session.id, '陈志强')
    const ledgerFile = localOf(app.bridge.state.ledger).file
    expect(visitorNames(ledgerFile)).toEqual(['张桂芳', '陈志强'])

    await page
      .getByRole('row', { name: /手动备份/ })
      .getByRole('button', { name: /恢\s?复/ })
      .click()
    const confirm = page.getByRole('dialog', { name: '从这份备份恢复台账？' })
    await confirm.getByText(/当前台账会先完整保留一份副本/).waitFor()
    await settle(app)
    await app.screenshot('settings-backup-confirm')
    await confirm.getByRole('button', { name: /恢\s?复/ }).click()

    const done = page.getByRole('dialog', { name: '已从备份恢复台账' })
    await done.getByText(manual[0] ?? '').waitFor()
    const restored = app.bridge.state.ledger.db
    // The kept copy: where the screen says it is, holding both visits as they were before the restore.
    const keptPath = (await done.locator('.ant-descriptions-item-content').nth(1).innerText()).trim()
    expect(keptPath).toMatch(/ledger-[a-z]{10}-20261110-0905\d\d-pre-restore\.sqlite$/)
    expect(fs.existsSync(keptPath)).toBe(true)
    expect(visitorNames(keptPath)).toEqual(['张桂芳', '陈志强'])
    await settle(app)
    await app.screenshot('settings-backup-restored')

    // The ledger now holds the backup: the visit registered after it is not there, and everyone was signed out.
    expect(app.bridge.state.operator.id).toBeNull()
    const visits = await restored
      .selectFrom('visits')
      .innerJoin('visitors', 'visitors.id', 'visits.visitor_id')
      .select('visitors.name')
      .execute()
    expect(visits).toEqual([{ name: '张桂芳' }])
    const restoreAudit = await restored.selectFrom('audit_log').select(['action', 'entity']).where('action', '=', 'restore').execute()
    expect(restoreAudit).toEqual([{ action: 'restore', entity: 'ledger' }])

    await done.getByRole('button', { name: '重新载入' }).click()
    await page.getByText('接待日台账').first().waitFor()
    await page.getByRole('menuitem', { name: '今日接待' }).click()
    await expect.poll(() => page.getByText('今日来访（1 批，1 人次）').count()).toBe(1)
    expect(await page.getByText('陈志强').count()).toBe(0)
    expect(await page.locator('header').getByText('请选择本人').count()).toBe(1)
  })

  it('lists each backup with its kind, time and size, explains the retention, and offers no 恢复 for a damaged copy or to a desk clerk', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page } = app
    const folder = path.join(path.dirname(localOf(app.bridge.state.ledger).file), 'backups')
    const daily = await backupNow(localOf(app.bridge.state.ledger), new Date(2026, 10, 9, 8, 0, 5))
    fs.renameSync(daily.file, path.join(folder, 'ledger-20261109-080005-daily.sqlite'))
    fs.copyFileSync(path.join(folder, 'ledger-20261109-080005-daily.sqlite'), path.join(folder, 'ledger-20261105-081500-damaged.sqlite'))

    await signIn(app, '王晓丽')
    await openBackupTab(app)
    await page.getByText('保留最近 14 天的每一份').waitFor()
    expect(await page.getByText(/最近 12\s*个月每月最新的一份/).count()).toBe(1)
    expect(await page.getByText(/可选择 U 盘或第二块硬盘/).count()).toBe(1)
    expect(await page.getByText(folder, { exact: true }).count()).toBe(1)
    await page.getByRole('row', { name: /每日自动备份.*2026-11-09 08:00:05.*KB/ }).waitFor()
    const damaged = page.getByRole('row', { name: /损坏的台账（保留备查）.*2026-11-05 08:15:00/ })
    await damaged.waitFor()
    expect(await damaged.getByRole('button').count()).toBe(0)
    // A desk clerk may back up, but restoring and moving the backups need a 负责人.
    expect(
      await page
        .getByRole('row', { name: /每日自动备份/ })
        .getByRole('button', { name: /恢\s?复/ })
        .isDisabled(),
    ).toBe(true)
    expect(await page.getByRole('button', { name: '选择备份文件夹…' }).isDisabled()).toBe(true)
    await page.getByRole('button', { name: '立即备份' }).click()
    await expect.poll(() => page.getByRole('row', { name: /手动备份/ }).count()).toBe(1)
    await settle(app)
    expect(await overflowsSideways(app)).toBe(false)
    await app.screenshot('settings-backup')
  })

  it('a supervisor moves the backups to another disk picked in the folder dialog, a network share is refused, and 立即备份 writes there', async () => {
    const opened = await openOffice()
    app = opened.app
    const { page, ctx } = app
    const usb = path.join(tempDir('ledger-usb-'), '台账备份')
    extraDirs.push(path.dirname(usb))
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await openBackupTab(app)
    // No text field for a path: main's folder dialog answers (here, as the bridge's stand-in).
    expect(await page.getByRole('textbox').count()).toBe(0)
    const dialog = app.bridge.state
    dialog.chooseFolder = async () => '\\\\fileserver\\台账备份'
    await page.getByRole('button', { name: '选择备份文件夹…' }).click()
    await expect.poll(() => page.getByText(/备份文件夹不能设在网络共享路径/).count()).toBe(1)
    expect(await page.getByText('默认文件夹（台账文件旁）').count()).toBe(1)

    dialog.chooseFolder = async () => usb
    await page.getByRole('button', { name: '选择备份文件夹…' }).click()
    await expect.poll(() => page.getByText(usb, { exact: true }).count()).toBe(1)
    expect(await page.getByText('自选文件夹').count()).toBe(1)
    await page.getByRole('button', { name: '立即备份' }).click()
    await expect.poll(() => fs.existsSync(usb) && fs.readdirSync(usb).some((n) => n.endsWith('-manual.sqlite'))).toBe(true)
    await expect.poll(() => page.getByRole('row', { name: /手动备份/ }).count()).toBe(1)
    const setting = await ctx.db.selectFrom('settings').select('value').where('key', '=', 'backup_folder').executeTakeFirstOrThrow()
    expect(setting.value).toBe(usb)
    expect(await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'set_backup_folder').execute()).toHaveLength(1)

    await page.getByRole('button', { name: '改回默认文件夹' }).click()
    await expect.poll(() => page.getByText('默认文件夹（台账文件旁）').count()).toBe(1)
    expect(await ctx.db.selectFrom('settings').select('value').where('key', '=', 'backup_folder').executeTakeFirst()).toBeUndefined()
  })
})
