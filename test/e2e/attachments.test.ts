import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { storedFileOf } from '../../db/attachments/store'
import type { AppUnderTest } from '../support/browser'
import { PROGRAM_BYTES, storedNames, TINY_PNG } from '../support/attachments'
import { openSeeded, residentVisit, seedOffice, settle, signIn } from '../support/office-screens'
import { localOf } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

describe('files on an issue on screen', () => {
  it('uploads a PNG from the drawer, shows it on the timeline, and downloads the same bytes', async () => {
    const opened = await openSeeded(async (ctx) => {
      const office = await seedOffice(ctx)
      const visit = await residentVisit(ctx, office.desk, office.session.id, '周大妈', { issue: '化工厂夜间排放刺鼻废气' })
      return { issueId: visit.matters[0]?.issueId ?? 0 }
    })
    app = opened.app
    const { page } = app
    await signIn(app, '王晓丽')
    await page.goto(`${app.bridge.url}#/issues?id=${opened.seeded.issueId}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByText('办理经过').waitFor()

    await drawer.getByTestId('attachment-file').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: TINY_PNG })
    await drawer.getByText('添加附件（现场照片）：现场照片.png').waitFor()
    await drawer.getByText('已添加附件：现场照片.png').waitFor()
    await drawer.getByRole('button', { name: '打开' }).scrollIntoViewIfNeeded()
    await settle(app)
    await app.screenshot('attachments-drawer-timeline')
    const row = await app.ctx.db.selectFrom('issue_attachments').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ issue_id: opened.seeded.issueId, kind: 'site_photo', original_name: '现场照片.png', size: TINY_PNG.length })

    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: '打开' }).click()])
    expect(download.suggestedFilename()).toBe('现场照片.png')
    expect(fs.readFileSync(await download.path())).toEqual(TINY_PNG)
    // At rest only the sealed file, under its hash: no plain copy or viewer link beside it, and the
    // decrypted copy the download was served from is gone with the answer.
    const ledgerFile = localOf(app.bridge.state.ledger).file
    expect(storedNames(ledgerFile)).toEqual([row.sha256])
    expect(fs.readFileSync(storedFileOf(ledgerFile, row.sha256)).includes(TINY_PNG.subarray(8))).toBe(false)
    expect(fs.readdirSync(app.bridge.state.viewFolder ?? '')).toEqual([])
  })

  it('refuses a program renamed to .png in Chinese, adding nothing', async () => {
    const opened = await openSeeded(async (ctx) => {
      const office = await seedOffice(ctx)
      const visit = await residentVisit(ctx, office.desk, office.session.id, '周大妈', { issue: '化工厂夜间排放刺鼻废气' })
      return { issueId: visit.matters[0]?.issueId ?? 0 }
    })
    app = opened.app
    const { page } = app
    await signIn(app, '王晓丽')
    await page.goto(`${app.bridge.url}#/issues?id=${opened.seeded.issueId}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByText('办理经过').waitFor()

    await drawer.getByTestId('attachment-file').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: PROGRAM_BYTES })
    const refusal = drawer.getByText(/“照片\.png”不是 JPG、PNG 图片或 PDF 文件/)
    await refusal.waitFor()
    await refusal.scrollIntoViewIfNeeded()
    await settle(app)
    await app.screenshot('attachments-drawer-refused')
    expect(await app.ctx.db.selectFrom('issue_attachments').selectAll().execute()).toEqual([])
    expect(storedNames(localOf(app.bridge.state.ledger).file)).toEqual([])
  })
})
