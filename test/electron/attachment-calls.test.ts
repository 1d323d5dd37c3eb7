import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesFolderOf, storedFileOf } from '../../db/attachments/store'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { getIssueDetail } from '../../db/issues/detail'
import type { IssueAttachment } from '../../shared/types'
import { jpegBytes, PROGRAM_BYTES, storedNames, TINY_PNG } from '../support/attachments'
import { registerComplaint } from '../support/case-file'
import { openDay } from '../support/desk'
import { appState, data } from '../support/dispatch'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
let desk: AppState
const shown: string[] = []
seededLedgerPerTest('2026-11-10 08:00:00', (s) => {
  ;({ t, f } = s)
  shown.length = 0
  // Stands in for main's shell.openPath: records the path it was handed.
  desk = appState(t, actorOf(s.f.desk), {
    showStoredFile: async (file) => {
      shown.push(file)
      return null
    },
    viewFolder: path.join(s.t.dir, 'view'),
  })
})

async function anIssue(): Promise<number> {
  const day = await openDay(t, f, '2026-11-10')
  return (await registerComplaint(t, f, day.id)).issueId
}

/** A photo added through the call, as the drawer adds it. */
async function addedPhoto(issueId: number): Promise<IssueAttachment> {
  data(
    await dispatch(desk, 'issue-attachment-add', {
      issueId,
      kind: 'site_photo',
      fileName: '现场.png',
      contentBase64: TINY_PNG.toString('base64'),
    }),
  )
  const a = (await getIssueDetail(t.ledger.db, issueId, '2026-11-10')).timeline.find((e) => e.kind === 'attachment')?.attachment
  if (!a) throw new Error('no attachment on the timeline')
  return a
}

async function refusedAdd(input: unknown): Promise<{ code: string; message: string }> {
  const before = await tableCounts(t)
  const files = storedNames(t.file)
  const r = await dispatch(desk, 'issue-attachment-add', input)
  expect(await tableCounts(t)).toEqual(before)
  expect(storedNames(t.file)).toEqual(files)
  if (r.ok) throw new Error('the file was not refused')
  return r.error
}

describe('files on an issue through dispatch', () => {
  it('adds a photo sent as base64 and answers with the issue, the file on its timeline', async () => {
    const issueId = await anIssue()
    const answer = data(
      await dispatch(desk, 'issue-attachment-add', {
        issueId,
        kind: 'site_photo',
        fileName: '现场.png',
        contentBase64: TINY_PNG.toString('base64'),
      }),
    )
    const detail = await getIssueDetail(t.ledger.db, issueId, '2026-11-10')
    expect(answer).toEqual(detail)
    const entry = detail.timeline.find((e) => e.kind === 'attachment')
    expect(entry?.title).toBe('添加附件（现场照片）：现场.png')
    expect(entry?.attachment?.size).toBe(TINY_PNG.length)
  })

  it('opens a file by the path the ledger computed from its hash, whatever the name says', async () => {
    const issueId = await anIssue()
    data(
      await dispatch(desk, 'issue-attachment-add', {
        issueId,
        kind: 'reply_letter',
        fileName: '..\\..\\Windows\\system32\\calc.exe.jpg',
        contentBase64: jpegBytes().toString('base64'),
      }),
    )
    const detail = await getIssueDetail(t.ledger.db, issueId, '2026-11-10')
    const a = detail.timeline.find((e) => e.kind === 'attachment')?.attachment
    if (!a) throw new Error('no attachment on the timeline')
    expect(data(await dispatch(desk, 'issue-attachment-open', { attachmentId: a.id }))).toEqual({ downloadUrl: null })
    // The viewer gets a decrypted copy in the view folder, under a name the ledger made and the ending the viewer goes by.
    expect(shown).toHaveLength(1)
    expect(path.dirname(path.dirname(shown[0] ?? ''))).toBe(path.join(t.dir, 'view'))
    expect(path.basename(shown[0] ?? '')).toBe(`附件-${a.id}.jpg`)
    expect(fs.readFileSync(shown[0] ?? '')).toEqual(jpegBytes())
    // Nothing plain beside the sealed file: no `<sha256>.jpg` link any more.
    expect(fs.readdirSync(filesFolderOf(t.file))).toEqual([a.sha256])
    expect(fs.readFileSync(storedFileOf(t.file, a.sha256)).includes(jpegBytes().subarray(11))).toBe(false)
  })

  it('decrypts the copy for the viewer readable by this account only', async () => {
    const issueId = await anIssue()
    const a = await addedPhoto(issueId)
    data(await dispatch(desk, 'issue-attachment-open', { attachmentId: a.id }))
    const copy = shown[0] ?? ''
    expect(fs.statSync(copy).mode & 0o077).toBe(0)
    expect(fs.statSync(path.dirname(copy)).mode & 0o077).toBe(0)
    expect(fs.statSync(path.join(t.dir, 'view')).mode & 0o077).toBe(0)
  })

  it('refuses in Chinese to show a sealed file someone altered, handing the viewer nothing', async () => {
    const issueId = await anIssue()
    const a = await addedPhoto(issueId)
    const file = storedFileOf(t.file, a.sha256)
    const bytes = fs.readFileSync(file)
    // One bit of the ciphertext flipped, as a disk error or a hand with a hex editor would.
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 1
    fs.chmodSync(file, 0o644)
    fs.writeFileSync(file, bytes)
    const r = await dispatch(desk, 'issue-attachment-open', { attachmentId: a.id })
    expect(r).toEqual({
      ok: false,
      error: { code: 'attachment_file_problem', message: expect.stringMatching(/“现场\.png”的文件已被改动，不能打开/) },
    })
    expect(shown).toEqual([])
    expect(fs.readdirSync(path.join(t.dir, 'view'))).toEqual([])
  })

  it('refuses a .exe in Chinese with nothing changed', async () => {
    const issueId = await anIssue()
    const e = await refusedAdd({ issueId, kind: 'other', fileName: 'setup.exe', contentBase64: PROGRAM_BYTES.toString('base64') })
    expect(e).toEqual({ code: 'attachment_refused', message: expect.stringMatching(/“setup\.exe”不是 JPG、PNG 图片或 PDF 文件/) })
  })

  it('refuses a 21 MB photo in Chinese with nothing changed', async () => {
    const issueId = await anIssue()
    const big = Buffer.concat([jpegBytes(), Buffer.alloc(21 * 1024 * 1024 - 523, 7)])
    const e = await refusedAdd({ issueId, kind: 'site_photo', fileName: '大图.jpg', contentBase64: big.toString('base64') })
    expect(e.message).toMatch(/超过每个文件 20 MB 的上限，未添加/)
  })

  it('refuses to open an attachment the ledger does not have, showing nothing', async () => {
    const r = await dispatch(desk, 'issue-attachment-open', { attachmentId: 4242 })
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: '找不到附件（编号 4242）' } })
    expect(shown).toEqual([])
  })

  it('refuses a file from someone not signed in', async () => {
    const issueId = await anIssue()
    const nobody = appState(t, { kind: 'nobody', id: null, name: '未登录' })
    const before = await tableCounts(t)
    const r = await dispatch(nobody, 'issue-attachment-add', {
      issueId,
      kind: 'site_photo',
      fileName: 'x.png',
      contentBase64: TINY_PNG.toString('base64'),
    })
    expect(r.ok).toBe(false)
    expect(await tableCounts(t)).toEqual(before)
    expect(fs.existsSync(`${t.file}.files`)).toBe(false)
  })
})
