import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addAttachment, attachmentFile, listAttachments, ON_SERVER } from '../../db/attachments/attachments'
import { sha256Of } from '../../db/attachments/store'
import type { Ledger } from '../../db/core/open'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { checkLines, checkServerLedger } from '../../tools/cli/check'
import { ATTACHMENT_MAX_BYTES } from '../../shared/limits'
import { jpegBytes, PROGRAM_BYTES, SMALL_PDF, TINY_PNG } from '../support/attachments'
import { registerComplaint } from '../support/case-file'
import { openDay } from '../support/desk'
import { onPlainConnection, openServerTestLedger, serverUrl } from '../support/engine-ledger'
import { refused } from '../support/refusals'
import { seedFixture, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

// Files on issues on a server ledger: the bytes are a row of attachment_contents, written in the
// same transaction as the attachment's row, read back checked against their hash, append-only
// for the desk's account, and named by check when missing or altered around the app.

let t: TestLedger<Ledger>
let f: Fixture
let server: ServerLedger
const cleanup: (() => Promise<void>)[] = []

beforeEach(async () => {
  t = await openServerTestLedger('2026-11-10 08:00:00')
  f = await seedFixture(t)
  if (t.ledger.engine !== 'pg') throw new Error('a server ledger was expected')
  server = t.ledger
})

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
  await t.close()
})

async function anIssue(): Promise<number> {
  const day = await openDay(t, f, '2026-11-10')
  return (await registerComplaint(t, f, day.id)).issueId
}

async function contents(): Promise<{ sha256: string; size: number }[]> {
  const { rows } = await sql<{ sha256: string; size: number }>`select sha256, size from attachment_contents order by sha256`.execute(
    t.ledger.db,
  )
  return rows
}

/** A plain connection as the test server's superuser, for changes made around the app. */
function aroundTheApp<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  return onPlainConnection(serverUrl(new URL(t.file).pathname.slice(1)), work)
}

describe('files on an issue, on a server ledger', () => {
  it('keeps the bytes in the server’s table under their hash, with the row, a history row and an audit row', async () => {
    const issueId = await anIssue()
    const before = await tableCounts(t)
    const a = await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    expect(a).toMatchObject({ issueId, kind: 'site_photo', mediaType: 'image/png', size: TINY_PNG.length, sha256: sha256Of(TINY_PNG) })
    expect(await contents()).toEqual([{ sha256: sha256Of(TINY_PNG), size: TINY_PNG.length }])
    const after = await tableCounts(t)
    expect(after.issue_attachments).toBe((before.issue_attachments ?? 0) + 1)
    expect(after.issue_history).toBe((before.issue_history ?? 0) + 1)
    const audit = await t.ledger.db.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit).toEqual({ action: 'attach', entity_id: issueId })
  })

  it('keeps the same scan added twice once, with two rows naming it', async () => {
    const issueId = await anIssue()
    await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '一.pdf', bytes: SMALL_PDF })
    await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'reply_letter', fileName: '二.pdf', bytes: SMALL_PDF })
    expect((await listAttachments(t.ledger.db, issueId)).map((a) => a.originalName)).toEqual(['一.pdf', '二.pdf'])
    expect(await contents()).toHaveLength(1)
  })

  it('opens a file as the bytes that were added, copied into the viewer’s folder', async () => {
    const issueId = await anIssue()
    const bytes = jpegBytes(7)
    const a = await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '现场.jpg', bytes })
    const opened = await attachmentFile(t.ledger.db, ON_SERVER, a.id, path.join(t.dir, 'view'))
    expect(fs.readFileSync(opened.file)).toEqual(bytes)
    expect(path.basename(opened.file)).toBe(`附件-${a.id}.jpg`)
  })

  it('refuses a program, an empty file and one over the limit, leaving neither a row nor a content', async () => {
    const issueId = await anIssue()
    const before = await tableCounts(t)
    for (const bytes of [PROGRAM_BYTES, Buffer.alloc(0), Buffer.concat([TINY_PNG, Buffer.alloc(ATTACHMENT_MAX_BYTES)])]) {
      const e = await refused(addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'other', fileName: '材料', bytes }))
      expect(e.code).toBe('attachment_refused')
    }
    expect(await tableCounts(t)).toEqual(before)
    expect(await contents()).toEqual([])
  })

  it('leaves no content behind when the issue is not there', async () => {
    const e = await refused(addAttachment(t.ctx, ON_SERVER, { issueId: 99_999, kind: 'other', fileName: '材料.png', bytes: TINY_PNG }))
    expect(e.code).toBe('not_found')
    expect(await contents()).toEqual([])
  })

  it('refuses the desk’s account an update or a delete of a content', async () => {
    const issueId = await anIssue()
    await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    await onPlainConnection(t.file, async (desk) => {
      await expect(desk.query(`update attachment_contents set created_at = 'x'`)).rejects.toThrow(/permission denied/)
      await expect(desk.query('delete from attachment_contents')).rejects.toThrow(/permission denied/)
    })
    expect(await contents()).toHaveLength(1)
  })

  it('refuses even the server’s superuser an update of a content, by trigger', async () => {
    const issueId = await anIssue()
    await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    await aroundTheApp(async (c) => {
      await expect(c.query(`update attachment_contents set content = '\\x00'::bytea`)).rejects.toThrow(/附件文件内容只能追加，不能修改/)
      await expect(c.query('truncate attachment_contents cascade')).rejects.toThrow(/附件文件内容只能追加/)
    })
  })

  it('refuses at commit an attachment row that names no content', async () => {
    const issueId = await anIssue()
    await aroundTheApp(async (c) => {
      await c.query('begin')
      await c.query(
        `insert into issue_attachments (issue_id, kind, original_name, media_type, size, sha256, created_at)
         values ($1, 'other', '无内容.png', 'image/png', 10, $2, '2026-11-10 09:00:00')`,
        [issueId, 'a'.repeat(64)],
      )
      await expect(c.query('commit')).rejects.toThrow(/issue_attachments_content/)
    })
    expect(await listAttachments(t.ledger.db, issueId)).toEqual([])
  })

  it('refuses to open a content altered around the app, and check names it', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    expect((await checkServerLedger(server)).attachmentProblems).toEqual([])
    // Only the tables' owner (or a superuser) could switch the trigger off.
    await aroundTheApp(async (c) => {
      await c.query('alter table attachment_contents disable trigger attachment_contents_no_update')
      await c.query(`update attachment_contents set content = content || '\\x00'::bytea, size = size + 1`)
      await c.query('alter table attachment_contents enable trigger attachment_contents_no_update')
    })
    const e = await refused(attachmentFile(t.ledger.db, ON_SERVER, a.id, path.join(t.dir, 'view')))
    expect(e.code).toBe('attachment_file_problem')
    expect(e.message).toMatch(/已被改动，不能打开/)
    const report = await checkServerLedger(server)
    expect(report.ok).toBe(false)
    expect(report.attachmentProblems).toEqual([expect.stringMatching(new RegExp(`^附件 #${a.id}（现场\\.png）的文件内容已被改动`))])
    expect(checkLines(report).join('\n')).toMatch(/附件文件：发现问题 1 处/)
  })

  it('has check say every file is there and sound on a ledger whose files are all kept', async () => {
    const issueId = await anIssue()
    await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    const report = await checkServerLedger(server)
    expect(report.attachmentProblems).toEqual([])
    expect(checkLines(report)).toContain('附件文件：齐全且未被改动')
  })
})

describe('a server ledger opened by a second desk', () => {
  it('shows the file the first desk added, with the same bytes', async () => {
    const issueId = await anIssue()
    const a = await addAttachment(t.ctx, ON_SERVER, { issueId, kind: 'reply_letter', fileName: '回复.pdf', bytes: SMALL_PDF })
    const other = await openServerLedger(t.file)
    cleanup.push(() => other.close())
    const opened = await attachmentFile(other.db, ON_SERVER, a.id, path.join(t.dir, 'view-2'))
    expect(fs.readFileSync(opened.file)).toEqual(SMALL_PDF)
  })
})
