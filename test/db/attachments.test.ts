import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAttachment, attachmentFile, listAttachments, storeOfLedger } from '../../db/attachments/attachments'
import { filesFolderOf, sha256Of, storedFileOf } from '../../db/attachments/store'
import { backupNow } from '../../db/backup/backup'
import { restoreFromBackup } from '../../db/backup/restore'
import { backupStore, readManifest } from '../../db/backup/manifest'
import { connectionKey } from '../../db/keys/cipher'
import { getIssueDetail } from '../../db/issues/detail'
import { checkLedger } from '../../tools/cli/check'
import { ATTACHMENT_MAX_BYTES } from '../../shared/limits'
import { jpegBytes, PROGRAM_BYTES, rawBytes, SMALL_PDF, storedContent, storedNames, TINY_PNG } from '../support/attachments'
import { registerComplaint } from '../support/case-file'
import { openDay } from '../support/desk'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actorOf, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

async function anIssue(): Promise<number> {
  const day = await openDay(t, f, '2026-11-10')
  return (await registerComplaint(t, f, day.id)).issueId
}

async function expectRefusedWithNothingChanged(call: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = await tableCounts(t)
  const files = storedNames(t.file)
  const e = await refused(call())
  expect(e.message).toMatch(message)
  expect(await tableCounts(t)).toEqual(before)
  expect(storedNames(t.file)).toEqual(files)
}

describe('files on an issue', () => {
  it('keeps a photo beside the ledger under its hash, with a row, a history row and an audit row', async () => {
    const issueId = await anIssue()
    const before = await tableCounts(t)
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    expect(a).toMatchObject({ issueId, kind: 'site_photo', originalName: '现场.png', mediaType: 'image/png', size: TINY_PNG.length })
    expect(a.sha256).toBe(sha256Of(TINY_PNG))
    // Sealed with the ledger's key: read back through it, never as the bytes themselves.
    expect(storedContent(storeOfLedger(t.ledger), a.sha256)).toEqual(TINY_PNG)
    expect(rawBytes(storeOfLedger(t.ledger), a.sha256).includes(TINY_PNG)).toBe(false)
    expect(path.dirname(storedFileOf(t.file, a.sha256))).toBe(`${t.file}.files`)
    const after = await tableCounts(t)
    expect(after.issue_attachments).toBe((before.issue_attachments ?? 0) + 1)
    expect(after.issue_history).toBe((before.issue_history ?? 0) + 1)
    const audit = await t.ledger.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ action: 'attach', entity: 'issue', entity_id: issueId })
  })

  it('lists each file on the timeline with its kind, name and who added it', async () => {
    const issueId = await anIssue()
    await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'handover_receipt', fileName: '交办单.pdf', bytes: SMALL_PDF })
    const detail = await getIssueDetail(t.ledger.db, issueId, '2026-11-10')
    const entry = detail.timeline.find((e) => e.kind === 'attachment')
    expect(entry?.title).toBe('添加附件（交办单签收件）：交办单.pdf')
    expect(entry?.actorName).toBe(f.desk.name)
    expect(entry?.attachment?.mediaType).toBe('application/pdf')
    // The attachment's own history row is that entry, not a second one.
    expect(detail.timeline.filter((e) => e.title.startsWith('添加附件'))).toHaveLength(1)
  })

  it('stores the same content added twice once, with two rows', async () => {
    const issueId = await anIssue()
    const first = await addAttachment(t.ctx, storeOfLedger(t.ledger), {
      issueId,
      kind: 'site_photo',
      fileName: 'a.jpg',
      bytes: jpegBytes(),
    })
    const second = await addAttachment(t.ctx, storeOfLedger(t.ledger), {
      issueId,
      kind: 'other',
      fileName: '同一张.jpg',
      bytes: jpegBytes(),
    })
    expect(second.sha256).toBe(first.sha256)
    expect(storedNames(t.file)).toEqual([first.sha256])
    expect((await listAttachments(t.ledger.db, issueId)).map((a) => a.originalName)).toEqual(['a.jpg', '同一张.jpg'])
  })

  it('masks a phone number typed into a file name', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), {
      issueId,
      kind: 'site_photo',
      fileName: '张桂芳13812345678.png',
      bytes: TINY_PNG,
    })
    expect(a.originalName).toBe('张桂芳138****5678.png')
  })

  it('keeps a file name as text: control characters dropped, one of nothing but them refused', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), {
      issueId,
      kind: 'site_photo',
      fileName: '现场\u0000照片\u001b.png',
      bytes: TINY_PNG,
    })
    expect(a.originalName).toBe('现场照片.png')
    await expectRefusedWithNothingChanged(
      () => addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '\u0000\u0007', bytes: TINY_PNG }),
      /请填写附件文件名/,
    )
  })

  it('refuses a program renamed to .jpg by its content, in Chinese, with nothing changed', async () => {
    const issueId = await anIssue()
    await expectRefusedWithNothingChanged(
      () => addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '照片.jpg', bytes: PROGRAM_BYTES }),
      /不是 JPG、PNG 图片或 PDF 文件.*按文件内容判断/,
    )
  })

  it('refuses a .exe, in Chinese, with nothing changed', async () => {
    const issueId = await anIssue()
    await expectRefusedWithNothingChanged(
      () => addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'other', fileName: 'setup.exe', bytes: PROGRAM_BYTES }),
      /不是 JPG、PNG 图片或 PDF 文件/,
    )
  })

  it('refuses a 21 MB photo, in Chinese, with nothing changed', async () => {
    const issueId = await anIssue()
    const big = Buffer.concat([jpegBytes(), Buffer.alloc(21 * 1024 * 1024 - 523, 7)])
    expect(big.length).toBeGreaterThan(ATTACHMENT_MAX_BYTES)
    await expectRefusedWithNothingChanged(
      () => addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '大图.jpg', bytes: big }),
      /21\.0 MB，超过每个文件 20 MB 的上限/,
    )
  })

  it('keeps a file of exactly 20 MB', async () => {
    const issueId = await anIssue()
    const limit = Buffer.concat([jpegBytes(), Buffer.alloc(ATTACHMENT_MAX_BYTES - 523, 7)])
    expect(limit.length).toBe(ATTACHMENT_MAX_BYTES)
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '整20M.jpg', bytes: limit })
    expect(a.size).toBe(ATTACHMENT_MAX_BYTES)
  })

  it('refuses a file for an issue that does not exist, leaving no file behind', async () => {
    await expectRefusedWithNothingChanged(
      () => addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId: 9999, kind: 'site_photo', fileName: 'x.png', bytes: TINY_PNG }),
      /找不到问题/,
    )
  })
})

describe('attachments in backups, restore and check', () => {
  it('copies the files the ledger refers to into the backup, listed with their hashes in its manifest', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), {
      issueId,
      kind: 'reply_letter',
      fileName: '回复函.pdf',
      bytes: SMALL_PDF,
    })
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 10))
    expect(storedContent(backupStore(b.file, connectionKey(t.ledger.sqlite)), a.sha256)).toEqual(SMALL_PDF)
    expect(readManifest(b.file)?.attachments).toEqual([{ sha256: a.sha256, size: SMALL_PDF.length }])
  })

  it('still takes the backup when a file is missing, naming it in the manifest', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    fs.rmSync(storedFileOf(t.file, a.sha256), { force: true })
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 10))
    expect(readManifest(b.file)?.attachments).toEqual([])
    expect(fs.readdirSync(`${b.file}.files`)).toEqual([])
    const raw: unknown = JSON.parse(fs.readFileSync(`${b.file}.json`, 'utf8'))
    expect(raw).toMatchObject({ missingAttachments: [a.sha256] })
  })

  it('brings the files back with a restore after the folder was lost', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 10))
    fs.rmSync(filesFolderOf(t.file), { recursive: true, force: true })
    const { ledger } = await restoreFromBackup({
      current: t.ledger,
      file: t.file,
      backupFile: b.file,
      now: () => new Date(2026, 10, 10, 11),
      actor: actorOf(f.leader),
    })
    t.ledger = ledger
    expect(storedContent(storeOfLedger(ledger), a.sha256)).toEqual(TINY_PNG)
    expect(fs.readFileSync((await attachmentFile(ledger.db, storeOfLedger(ledger), a.id, path.join(t.dir, 'view'))).file)).toEqual(TINY_PNG)
  })

  it('has check report a file on an issue that was altered on disk', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    const sound = await checkLedger(t.ledger)
    // The new rows are vouched for by their audit rows like every other record.
    expect(sound.ok).toBe(true)
    const file = storedFileOf(t.file, a.sha256)
    fs.chmodSync(file, 0o644)
    fs.writeFileSync(file, jpegBytes(9))
    const report = await checkLedger(t.ledger)
    expect(report.ok).toBe(false)
    expect(report.attachmentProblems).toEqual([`附件 #${a.id}（现场.png）的文件内容已被改动：${a.sha256.slice(0, 12)}…`])
    await expect(attachmentFile(t.ledger.db, storeOfLedger(t.ledger), a.id, path.join(t.dir, 'view'))).rejects.toThrow(/已被改动，不能打开/)
  })

  it('has check report a file on an issue that went missing', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    fs.rmSync(storedFileOf(t.file, a.sha256), { force: true })
    const report = await checkLedger(t.ledger)
    expect(report.ok).toBe(false)
    expect(report.attachmentProblems).toEqual([`附件 #${a.id}（现场.png）的文件缺失：${a.sha256.slice(0, 12)}…`])
  })
})
