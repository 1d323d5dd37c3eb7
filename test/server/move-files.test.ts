import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addAttachment, attachmentFile, listAttachments, ON_SERVER, storeOfLedger } from '../../db/attachments/attachments'
import { filesFolderOf, sha256Of, storedFileOf } from '../../db/attachments/store'
import { systemActor } from '../../db/core/context'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { carryMissingFiles } from '../../db/move/files'
import { exportToLocal } from '../../db/move/to-local'
import { moveToServer } from '../../db/move/to-server'
import { checkLedger, checkServerLedger } from '../../tools/cli/check'
import { jpegBytes, rawBytes, SMALL_PDF, TINY_PNG } from '../support/attachments'
import { registerComplaint } from '../support/case-file'
import { openDay } from '../support/desk'
import { createServerDatabase, dropServerDatabase, onPlainConnection, plainRows, serverUrl } from '../support/engine-ledger'
import { otherPcKeys, TEST_RECOVERY_PASSPHRASE, testKeys } from '../support/keys'
import { refused } from '../support/refusals'
import { openTempLedger, seedFixture, tempDir, type Fixture, type TestLedger } from '../support/temp-ledger'

// The files on issues in a move between the engines: migrate-to-pg carries each file's bytes from
// the folder beside the ledger into the server's table (or refuses, leaving the server empty,
// when one is missing); export-local writes them back beside the copy, sealed with its own key.

const now = () => new Date('2026-11-20T10:00:00+08:00')
const mover = { ...systemActor, name: '命令行' }
let t: TestLedger
let f: Fixture
const cleanup: (() => Promise<void>)[] = []

beforeEach(async () => {
  t = await openTempLedger('2026-11-10 08:00:00')
  f = await seedFixture(t)
})

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
  await t.close()
})

/** An issue with a photo, a PDF and the photo again: two contents, three attachments. */
async function withFiles(): Promise<number> {
  const day = await openDay(t, f, '2026-11-10')
  const { issueId } = await registerComplaint(t, f, day.id)
  const store = storeOfLedger(t.ledger)
  await addAttachment(t.ctx, store, { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
  await addAttachment(t.ctx, store, { issueId, kind: 'reply_letter', fileName: '回复.pdf', bytes: SMALL_PDF })
  await addAttachment(t.ctx, store, { issueId, kind: 'other', fileName: '现场（又一份）.png', bytes: TINY_PNG })
  return issueId
}

async function emptyServer(): Promise<{ name: string; url: string }> {
  const db = await createServerDatabase()
  cleanup.push(() => dropServerDatabase(db.name))
  return db
}

async function opened(url: string): Promise<ServerLedger> {
  const server = await openServerLedger(url, { maintenance: true })
  cleanup.push(() => server.close())
  return server
}

/** As the test server's superuser with the triggers and deferred checks off: what an earlier version could leave. */
async function pastTheChecks(name: string, text: string, values: unknown[] = []): Promise<void> {
  await onPlainConnection(serverUrl(name), async (admin) => {
    await admin.query('begin')
    await admin.query('set local session_replication_role = replica')
    await admin.query(text, values)
    await admin.query('commit')
  })
}

function outFile(): string {
  const dir = tempDir()
  cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, 'ledger.sqlite')
}

async function openCopy(out: string): Promise<LocalLedger> {
  // Another PC, with only the recovery passphrase.
  const copy = await openLedger(out, { keys: otherPcKeys(TEST_RECOVERY_PASSPHRASE), readonly: true })
  cleanup.push(() => copy.close())
  return copy
}

describe('migrate-to-pg with files on issues', () => {
  it('carries every file’s bytes to the server, each content once, opened there as they were', async () => {
    const issueId = await withFiles()
    const { url } = await emptyServer()
    const moved = await moveToServer(t.ledger, url, { actor: mover, now })
    expect(moved.files).toBe(2)
    const server = await opened(url)
    const { rows } = await sql<{ sha256: string }>`select sha256 from attachment_contents order by sha256`.execute(server.db)
    expect(rows.map((r) => r.sha256)).toEqual([sha256Of(TINY_PNG), sha256Of(SMALL_PDF)].sort())
    const files = await listAttachments(server.db, issueId)
    expect(files.map((a) => a.originalName)).toEqual(['现场.png', '回复.pdf', '现场（又一份）.png'])
    const view = path.join(t.dir, 'view')
    expect(fs.readFileSync((await attachmentFile(server.db, ON_SERVER, files[1]?.id ?? 0, view)).file)).toEqual(SMALL_PDF)
  })

  it('is refused, the server left empty, when a file beside the ledger is missing', async () => {
    await withFiles()
    fs.rmSync(storedFileOf(t.file, sha256Of(SMALL_PDF)), { force: true })
    const { name, url } = await emptyServer()
    const e = await refused(moveToServer(t.ledger, url, { actor: mover, now }))
    expect(e.code).toBe('move_files_missing')
    expect(e.message).toMatch(/1 个附件文件不能迁移（[0-9a-f]{12}…缺失）.*未作任何改动.*check/)
    const counts = await plainRows<{ n: string }>(
      serverUrl(name),
      'select (select count(*) from issues) + (select count(*) from issue_attachments) + (select count(*) from attachment_contents) as n',
    )
    expect(counts[0]?.n).toBe('0')
  })
})

describe('export-local with files on issues', () => {
  async function onServer(): Promise<{ server: ServerLedger; name: string; issueId: number }> {
    const issueId = await withFiles()
    const { name, url } = await emptyServer()
    await moveToServer(t.ledger, url, { actor: mover, now })
    return { server: await opened(url), name, issueId }
  }

  it('writes every file beside the copy, sealed with the copy’s key, opened on another PC as it was', async () => {
    const { server, issueId } = await onServer()
    const out = outFile()
    const made = await exportToLocal(server, out, testKeys(), now)
    expect(made).toMatchObject({ files: 2, fileProblems: [] })
    const copy = await openCopy(out)
    const store = storeOfLedger(copy)
    expect(store.folder).toBe(filesFolderOf(out))
    expect(rawBytes(store, sha256Of(TINY_PNG)).includes(TINY_PNG)).toBe(false)
    const files = await listAttachments(copy.db, issueId)
    expect(files).toHaveLength(3)
    const view = path.join(t.dir, 'view-copy')
    expect(fs.readFileSync((await attachmentFile(copy.db, store, files[0]?.id ?? 0, view)).file)).toEqual(TINY_PNG)
    expect((await checkLedger(copy)).attachmentProblems).toEqual([])
  })

  it('names a file the server lacks, makes the copy all the same, and the copy’s check names it too', async () => {
    const { server, name, issueId } = await onServer()
    // A row a previous version's move left without its bytes: written past the deferred check, as the superuser.
    await pastTheChecks(
      name,
      `insert into issue_attachments (issue_id, kind, original_name, media_type, size, sha256, created_at)
       values ($1, 'other', '丢失.jpg', 'image/jpeg', 10, $2, '2026-11-10 09:00:00')`,
      [issueId, sha256Of(jpegBytes(9))],
    )
    const out = outFile()
    const made = await exportToLocal(server, out, testKeys(), now)
    expect(made.files).toBe(2)
    expect(made.fileProblems).toEqual([`${sha256Of(jpegBytes(9)).slice(0, 12)}…缺失`])
    const report = await checkLedger(await openCopy(out))
    expect(report.attachmentProblems).toEqual([expect.stringMatching(/（丢失\.jpg）的文件缺失/)])
  })

  it('leaves no folder of files behind when the copy fails after they are written', async () => {
    const { server } = await onServer()
    const out = outFile()
    await expect(
      exportToLocal(server, out, testKeys(), now, () => {
        throw new Error('磁盘已满')
      }),
    ).rejects.toThrow('磁盘已满')
    expect(fs.existsSync(filesFolderOf(out))).toBe(false)
    expect(fs.existsSync(out)).toBe(false)
  })

  it('refuses to write beside a folder of files already there, leaving it as it was', async () => {
    const { server } = await onServer()
    const out = outFile()
    fs.mkdirSync(filesFolderOf(out), { recursive: true })
    fs.writeFileSync(path.join(filesFolderOf(out), 'note.txt'), '别人的文件')
    expect((await refused(exportToLocal(server, out, testKeys(), now))).code).toBe('export_local_exists')
    expect(fs.readdirSync(filesFolderOf(out))).toEqual(['note.txt'])
    expect(fs.existsSync(out)).toBe(false)
  })
})

describe('files-to-pg after a move by an earlier version', () => {
  /** What an earlier version's migrate-to-pg left: every row, no bytes (taken away past the triggers, as the superuser). */
  async function movedWithoutBytes(): Promise<{ server: ServerLedger; name: string; issueId: number }> {
    const issueId = await withFiles()
    const { name, url } = await emptyServer()
    await moveToServer(t.ledger, url, { actor: mover, now })
    await pastTheChecks(name, 'delete from attachment_contents')
    return { server: await opened(url), name, issueId }
  }

  const serverCtx = (server: ServerLedger) => ({ db: server.db, actor: mover, now })

  it('carries every content the server lacks from the file the ledger came from, and the case file opens it there', async () => {
    const { server, issueId } = await movedWithoutBytes()
    expect(await checkServerLedger(server)).toMatchObject({ attachmentProblems: [expect.anything(), expect.anything(), expect.anything()] })
    const done = await carryMissingFiles(serverCtx(server), t.ledger)
    expect(done).toEqual({ carried: 2, problems: [] })
    const report = await checkServerLedger(server)
    expect(report).toMatchObject({ ok: true, attachmentProblems: [] })
    const files = await listAttachments(server.db, issueId)
    const view = path.join(t.dir, 'view-carried')
    expect(fs.readFileSync((await attachmentFile(server.db, ON_SERVER, files[1]?.id ?? 0, view)).file)).toEqual(SMALL_PDF)
  })

  it('leaves an audit row by the command line naming the file and how many it carried, the chain still whole', async () => {
    const { server } = await movedWithoutBytes()
    await carryMissingFiles(serverCtx(server), t.ledger)
    const last = await server.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(last).toMatchObject({ action: 'carry_files_to_pg', entity: 'ledger', actor_name: '命令行' })
    expect(JSON.parse(last.detail)).toEqual({ from: path.basename(t.file), files: 2, left: 0 })
    expect((await checkServerLedger(server)).audit).toMatchObject({ ok: true, brokenAt: null })
  })

  it('refuses the file of another ledger, carrying nothing', async () => {
    const { server } = await movedWithoutBytes()
    const other = await openTempLedger('2026-11-10 08:00:00')
    cleanup.push(() => other.close())
    const before = await server.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const e = await refused(carryMissingFiles(serverCtx(server), other.ledger))
    expect(e).toMatchObject({ code: 'move_other_ledger', message: expect.stringMatching(/不是同一本台账.*未作任何改动/) })
    const { rows } = await sql<{ n: string }>`select count(*) as n from attachment_contents`.execute(server.db)
    expect(Number(rows[0]?.n)).toBe(0)
    const after = await server.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('carries what the file still has and names the attachments whose bytes it lacks too', async () => {
    const { server } = await movedWithoutBytes()
    fs.rmSync(storedFileOf(t.file, sha256Of(TINY_PNG)), { force: true })
    const done = await carryMissingFiles(serverCtx(server), t.ledger)
    expect(done.carried).toBe(1)
    expect(done.problems).toEqual([
      expect.stringMatching(/^附件 #\d+（现场\.png）的文件缺失/),
      expect.stringMatching(/^附件 #\d+（现场（又一份）\.png）的文件缺失/),
    ])
  })

  it('changes nothing and writes no audit row when the server already holds every content', async () => {
    await withFiles()
    const { url } = await emptyServer()
    await moveToServer(t.ledger, url, { actor: mover, now })
    const server = await opened(url)
    const before = await server.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(await carryMissingFiles(serverCtx(server), t.ledger)).toEqual({ carried: 0, problems: [] })
    const after = await server.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(after.id).toBe(before.id)
  })

  it('never replaces a content the server holds altered, which stays named', async () => {
    await withFiles()
    const { name, url } = await emptyServer()
    await moveToServer(t.ledger, url, { actor: mover, now })
    await pastTheChecks(name, `update attachment_contents set content = '\\x00', size = 1 where sha256 = '${sha256Of(SMALL_PDF)}'`)
    const server = await opened(url)
    const done = await carryMissingFiles(serverCtx(server), t.ledger)
    expect(done).toEqual({ carried: 0, problems: [expect.stringMatching(/（回复\.pdf）的文件内容已被改动/)] })
  })
})
