import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addAttachment, attachmentFile, storeOfLedger } from '../../db/attachments/attachments'
import { attachmentKeyOf, CHUNK_BYTES, openSink, readStoredFile, SEALED_HEADER_BYTES } from '../../db/attachments/sealed'
import { filesFolderOf, sha256Of, storedFileOf, type FileStore } from '../../db/attachments/store'
import { backupNow } from '../../db/backup/backup'
import { restoreFromBackup } from '../../db/backup/restore'
import { attachmentsFolderOf, backupStore, readManifest, writeManifestFile } from '../../db/backup/manifest'
import { systemActor } from '../../db/core/context'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { connectionKey } from '../../db/keys/cipher'
import { checkLedger } from '../../tools/cli/check'
import { jpegBytes, rawBytes, SMALL_PDF, storedContent, TINY_PNG } from '../support/attachments'
import { registerComplaint } from '../support/case-file'
import { openDay } from '../support/desk'
import { otherPcKeys, testKeys, TEST_RECOVERY_PASSPHRASE } from '../support/keys'
import { refused } from '../support/refusals'
import { setRecoveryPassphrase } from '../../db/keys/recovery'
import { bySupervisor, openTempLedger, seedFixture, tempDir, type Fixture, type TestLedger } from '../support/temp-ledger'

// The files on issues are sealed with a key derived from the ledger's: each test reads the real
// files on disk, as someone who copied the ledger's folder or a backup folder onto a USB stick.

const MAGIC = {
  pdf: Buffer.from('%PDF-', 'latin1'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff]),
}

/** A 2 MB scan: a PDF header, then bytes that are not all alike (so no window of it repeats by chance). */
function scanBytes(size = 2 * 1024 * 1024): Buffer {
  const body = crypto.createHash('sha256').update('扫描件').digest()
  const out = Buffer.alloc(size)
  MAGIC.pdf.copy(out, 0)
  for (let at = MAGIC.pdf.length; at < size; at += body.length) body.copy(out, at)
  for (let i = MAGIC.pdf.length; i < size; i += 97) out[i] = i & 0xff
  return out
}

/** What someone with the folder learns from the file's bytes alone. */
function leaks(bytes: Buffer, plain: Buffer): string[] {
  const found: string[] = []
  for (const [name, magic] of Object.entries(MAGIC)) if (bytes.subarray(0, magic.length).equals(magic)) found.push(`${name} 文件头`)
  // The longer signatures nowhere in the file (the JPEG's three bytes may turn up in random bytes by chance).
  if (bytes.includes(MAGIC.pdf) || bytes.includes(MAGIC.png)) found.push('PDF/PNG 签名')
  const window = plain.subarray(Math.min(16, plain.length - 1), Math.min(16 + 48, plain.length))
  if (window.length >= 16 && bytes.includes(window)) found.push('明文内容')
  return found
}

const open: TestLedger[] = []
const ledgers: LocalLedger[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const l of ledgers.splice(0)) await l.close().catch(() => undefined)
  for (const t of open.splice(0)) await t.close().catch(() => undefined)
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function deskWithIssue(options: Parameters<typeof openTempLedger>[1] = {}): Promise<{ t: TestLedger; f: Fixture; issueId: number }> {
  const t = await openTempLedger('2026-11-10 09:00:00', options)
  open.push(t)
  const f = await seedFixture(t)
  const day = await openDay(t, f, '2026-11-10')
  const { issueId } = await registerComplaint(t, f, day.id)
  return { t, f, issueId }
}

const viewFolder = (t: TestLedger) => path.join(t.dir, 'view')

async function viewed(t: TestLedger, ledger: LocalLedger, id: number): Promise<Buffer> {
  return fs.readFileSync((await attachmentFile(ledger.db, storeOfLedger(ledger), id, viewFolder(t))).file)
}

/** As an earlier version left a file: the plain bytes under their hash, read-only, with a plain `<sha256>.<ending>` link beside it. */
function leftPlainByEarlierVersion(folder: string, bytes: Buffer, ending?: string): string {
  const sha256 = sha256Of(bytes)
  const file = path.join(folder, sha256)
  fs.mkdirSync(folder, { recursive: true })
  fs.rmSync(file, { force: true })
  fs.writeFileSync(file, bytes, { mode: 0o444 })
  if (ending !== undefined) fs.linkSync(file, `${file}.${ending}`)
  return sha256
}

describe('the files on issues at rest', () => {
  it('leaves neither the content nor a PDF, PNG or JPEG header in any file beside the ledger or a backup', async () => {
    const { t, issueId } = await deskWithIssue()
    const files = [TINY_PNG, jpegBytes(3), SMALL_PDF, scanBytes()]
    for (const [i, bytes] of files.entries())
      await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'other', fileName: `附件${i}`, bytes })
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    const byHash = new Map(files.map((bytes) => [sha256Of(bytes), bytes]))
    for (const folder of [filesFolderOf(t.file), attachmentsFolderOf(b.file)]) {
      expect(fs.readdirSync(folder).sort()).toEqual([...byHash.keys()].sort())
      for (const [sha256, plain] of byHash) expect(leaks(fs.readFileSync(path.join(folder, sha256)), plain)).toEqual([])
    }
    expect(readManifest(b.file)?.attachmentsSealed).toBe(true)
  })

  it('reads each file back whole, across chunk boundaries, and views the 2 MB scan as it was added', async () => {
    const { t, issueId } = await deskWithIssue()
    const scan = scanBytes()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), {
      issueId,
      kind: 'handover_receipt',
      fileName: '交办单.pdf',
      bytes: scan,
    })
    expect(rawBytes(storeOfLedger(t.ledger), a.sha256).length).toBeGreaterThan(scan.length)
    expect((await viewed(t, t.ledger, a.id)).equals(scan)).toBe(true)
    const store: FileStore = { folder: path.join(t.dir, 'sizes'), key: attachmentKeyOf(crypto.randomBytes(32)) }
    fs.mkdirSync(store.folder)
    for (const size of [1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES]) {
      const bytes = crypto.randomBytes(size)
      const file = path.join(store.folder, sha256Of(bytes))
      const sink = openSink(file, store.key)
      // Written in odd pieces, as a copy from another store writes them.
      for (let at = 0; at < size; at += 10_000) sink.write(bytes.subarray(at, at + 10_000))
      sink.finish()
      expect(storedContent(store, sha256Of(bytes))?.equals(bytes)).toBe(true)
    }
  })

  it('tells an altered, a cut-short and a reordered file from a sound one', async () => {
    const dir = tempDir('sealed-')
    dirs.push(dir)
    const key = attachmentKeyOf(crypto.randomBytes(32))
    const bytes = crypto.randomBytes(3 * CHUNK_BYTES + 5)
    const sha256 = sha256Of(bytes)
    const file = path.join(dir, sha256)
    const sink = openSink(file, key, 0o644)
    sink.write(bytes)
    sink.finish()
    const sound = fs.readFileSync(file)
    const stateOf = (changed: Buffer) => {
      fs.writeFileSync(file, changed)
      return readStoredFile(file, sha256, key).state
    }
    const record = CHUNK_BYTES + 16
    const flipped = Buffer.from(sound)
    flipped[SEALED_HEADER_BYTES + 100] = (flipped[SEALED_HEADER_BYTES + 100] ?? 0) ^ 1
    const swapped = Buffer.concat([
      sound.subarray(0, SEALED_HEADER_BYTES),
      sound.subarray(SEALED_HEADER_BYTES + record, SEALED_HEADER_BYTES + 2 * record),
      sound.subarray(SEALED_HEADER_BYTES, SEALED_HEADER_BYTES + record),
      sound.subarray(SEALED_HEADER_BYTES + 2 * record),
    ])
    expect({
      flipped: stateOf(flipped),
      // The last chunk dropped: what is left is whole chunks, the last of which was not sealed as last.
      cutAtChunk: stateOf(sound.subarray(0, SEALED_HEADER_BYTES + 3 * record)),
      cutShort: stateOf(sound.subarray(0, sound.length - 3)),
      swapped: stateOf(swapped),
      otherKey: (fs.writeFileSync(file, sound), readStoredFile(file, sha256, attachmentKeyOf(crypto.randomBytes(32))).state),
      noKey: readStoredFile(file, sha256, null).state,
      sound: readStoredFile(file, sha256, key).state,
    }).toEqual({
      flipped: 'altered',
      cutAtChunk: 'altered',
      cutShort: 'altered',
      swapped: 'altered',
      otherKey: 'other_key',
      noKey: 'other_key',
      sound: 'ok',
    })
  })

  it('has check report a sealed file someone altered, and the viewer refuse it in Chinese', async () => {
    const { t, issueId } = await deskWithIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    expect((await checkLedger(t.ledger)).ok).toBe(true)
    const file = storedFileOf(t.file, a.sha256)
    const bytes = fs.readFileSync(file)
    bytes[SEALED_HEADER_BYTES + 3] = (bytes[SEALED_HEADER_BYTES + 3] ?? 0) ^ 0x40
    fs.chmodSync(file, 0o644)
    fs.writeFileSync(file, bytes)
    const report = await checkLedger(t.ledger)
    expect(report.ok).toBe(false)
    expect(report.attachmentProblems).toEqual([`附件 #${a.id}（现场.png）的文件内容已被改动：${a.sha256.slice(0, 12)}…`])
    const e = await refused(viewed(t, t.ledger, a.id))
    expect(e).toMatchObject({ code: 'attachment_file_problem', message: expect.stringMatching(/“现场\.png”的文件已被改动，不能打开/) })
    expect(fs.readdirSync(viewFolder(t))).toEqual([])
  })

  it("has check report a file sealed with another ledger's key in place of its own", async () => {
    const { t, issueId } = await deskWithIssue()
    const other = await deskWithIssue()
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    await addAttachment(other.t.ctx, storeOfLedger(other.t.ledger), {
      issueId: other.issueId,
      kind: 'site_photo',
      fileName: 'x.png',
      bytes: TINY_PNG,
    })
    const file = storedFileOf(t.file, a.sha256)
    fs.chmodSync(file, 0o644)
    fs.copyFileSync(storedFileOf(other.t.file, a.sha256), file)
    expect((await checkLedger(t.ledger)).attachmentProblems).toEqual([
      `附件 #${a.id}（现场.png）的文件无法用本台账的密钥解密：${a.sha256.slice(0, 12)}…`,
    ])
    expect((await refused(viewed(t, t.ledger, a.id))).message).toMatch(/无法用本台账的密钥解密/)
  })

  it('keeps the files plain for a ledger without a key (files from before encryption only)', async () => {
    const { t, issueId } = await deskWithIssue({ keys: undefined })
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    expect(rawBytes(storeOfLedger(t.ledger), a.sha256)).toEqual(TINY_PNG)
    expect((await checkLedger(t.ledger)).attachmentProblems).toEqual([])
  })
})

/** A site photo and a reply letter (the given bytes) on the issue, as a desk adds them. */
async function photoAndLetter(t: TestLedger, issueId: number, letterBytes: Buffer) {
  const add = (kind: 'site_photo' | 'reply_letter', fileName: string, bytes: Buffer) =>
    addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind, fileName, bytes })
  return { photo: await add('site_photo', '现场.png', TINY_PNG), letter: await add('reply_letter', '回复函.pdf', letterBytes) }
}

describe('a backup on another PC', () => {
  it('restored with the recovery passphrase only (a fresh key store), opens its files', async () => {
    const { t, f, issueId } = await deskWithIssue()
    await setRecoveryPassphrase(bySupervisor(t, f), t.ledger, TEST_RECOVERY_PASSPHRASE, TEST_RECOVERY_PASSPHRASE)
    const scan = scanBytes(300_000)
    const { photo, letter } = await photoAndLetter(t, issueId, scan)
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    // The backup, its manifest and its files folder copied to the other PC; nothing else.
    const elsewhere = tempDir('other-pc-')
    dirs.push(elsewhere)
    const copy = path.join(elsewhere, b.name)
    fs.copyFileSync(b.file, copy)
    fs.copyFileSync(`${b.file}.json`, `${copy}.json`)
    fs.cpSync(attachmentsFolderOf(b.file), attachmentsFolderOf(copy), { recursive: true })
    const target = path.join(elsewhere, 'ledger.sqlite')
    const { ledger } = await restoreFromBackup({
      current: null,
      file: target,
      backupFile: copy,
      now: () => new Date(2026, 10, 11, 9),
      actor: { ...systemActor, name: '命令行' },
      keys: otherPcKeys(TEST_RECOVERY_PASSPHRASE),
    })
    await ledger.close()
    // From now on the other PC opens it without asking: its files open with it, and stay sealed there.
    const reopened = await openLedger(target, { keys: otherPcKeys(null) })
    ledgers.push(reopened)
    const view = path.join(elsewhere, 'view')
    const shown = async (id: number) => fs.readFileSync((await attachmentFile(reopened.db, storeOfLedger(reopened), id, view)).file)
    expect(await shown(photo.id)).toEqual(TINY_PNG)
    expect((await shown(letter.id)).equals(scan)).toBe(true)
    for (const [sha256, plain] of [
      [photo.sha256, TINY_PNG],
      [letter.sha256, scan],
    ] as const)
      expect(leaks(fs.readFileSync(storedFileOf(target, sha256)), plain)).toEqual([])
    expect((await checkLedger(reopened)).attachmentProblems).toEqual([])
  })
})

describe('files an earlier version kept plain', () => {
  /** An encrypted ledger as the version before sealed files left it: plain files with viewer links, a backup whose files are plain too. */
  async function plainFilesLedger() {
    const { t, issueId } = await deskWithIssue()
    const { photo, letter } = await photoAndLetter(t, issueId, SMALL_PDF)
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    await t.ledger.close()
    leftPlainByEarlierVersion(filesFolderOf(t.file), TINY_PNG, 'png')
    leftPlainByEarlierVersion(filesFolderOf(t.file), SMALL_PDF)
    leftPlainByEarlierVersion(attachmentsFolderOf(b.file), TINY_PNG)
    leftPlainByEarlierVersion(attachmentsFolderOf(b.file), SMALL_PDF)
    const manifest = readManifest(b.file)
    if (manifest === null) throw new Error('no manifest')
    const { attachmentsSealed: _sealed, ...earlier } = manifest
    writeManifestFile(b.file, earlier)
    return { t, photo, letter, backup: b.file }
  }

  it('are sealed when the ledger opens, in its folder and its backup, and the plain viewer links go', async () => {
    const { t, photo, letter, backup } = await plainFilesLedger()
    t.ledger = await openLedger(t.file, { keys: testKeys(), now: t.clock.peek })
    ledgers.push(t.ledger)
    expect(fs.readdirSync(filesFolderOf(t.file)).sort()).toEqual([photo.sha256, letter.sha256].sort())
    const key = connectionKey(t.ledger.sqlite)
    for (const store of [storeOfLedger(t.ledger), backupStore(backup, key)]) {
      expect(leaks(rawBytes(store, photo.sha256), TINY_PNG)).toEqual([])
      expect(leaks(rawBytes(store, letter.sha256), SMALL_PDF)).toEqual([])
      expect(storedContent(store, photo.sha256)).toEqual(TINY_PNG)
    }
    expect(readManifest(backup)?.attachmentsSealed).toBe(true)
    expect(await viewed(t, t.ledger, letter.id)).toEqual(SMALL_PDF)
    expect((await checkLedger(t.ledger)).ok).toBe(true)
  })

  it('leave no half-written file of a crash behind an hour later, and a file being written now alone', async () => {
    const { t, photo } = await plainFilesLedger()
    const folder = filesFolderOf(t.file)
    const crashed = path.join(folder, `${photo.sha256}.partial-999-dead`)
    const writing = path.join(folder, `${photo.sha256}.partial-998-beef`)
    fs.writeFileSync(crashed, 'x')
    fs.writeFileSync(writing, 'x')
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000)
    fs.utimesSync(crashed, twoHoursAgo, twoHoursAgo)
    t.ledger = await openLedger(t.file, { keys: testKeys(), now: t.clock.peek })
    ledgers.push(t.ledger)
    expect(fs.existsSync(crashed)).toBe(false)
    expect(fs.existsSync(writing)).toBe(true)
  })

  it('stay plain and readable when sealing fails, and are sealed at the next start', async () => {
    const { t, photo, letter, backup } = await plainFilesLedger()
    t.ledger = await openLedger(t.file, {
      keys: testKeys(),
      now: t.clock.peek,
      attachmentSealFault: () => {
        throw new Error('磁盘已满')
      },
    })
    ledgers.push(t.ledger)
    const files = filesFolderOf(t.file)
    expect(fs.readFileSync(path.join(files, photo.sha256))).toEqual(TINY_PNG)
    expect(fs.readFileSync(path.join(attachmentsFolderOf(backup), letter.sha256))).toEqual(SMALL_PDF)
    // No half-written file left beside them, and the backup does not claim sealed files.
    expect(fs.readdirSync(files).sort()).toEqual([photo.sha256, letter.sha256].sort())
    expect(fs.readdirSync(attachmentsFolderOf(backup)).sort()).toEqual([photo.sha256, letter.sha256].sort())
    expect(readManifest(backup)?.attachmentsSealed).toBeUndefined()
    expect(await viewed(t, t.ledger, photo.id)).toEqual(TINY_PNG)
    expect((await checkLedger(t.ledger)).attachmentProblems).toEqual([])
    await t.ledger.close()

    t.ledger = await openLedger(t.file, { keys: testKeys(), now: t.clock.peek })

    ledgers.push(t.ledger)
    expect(leaks(fs.readFileSync(path.join(files, photo.sha256)), TINY_PNG)).toEqual([])
    expect(leaks(fs.readFileSync(path.join(attachmentsFolderOf(backup), letter.sha256)), SMALL_PDF)).toEqual([])
    expect(await viewed(t, t.ledger, photo.id)).toEqual(TINY_PNG)
  })

  it('in an unencrypted ledger and its old backup are sealed as the ledger is encrypted', async () => {
    const { t, issueId } = await deskWithIssue({ keys: undefined })
    const a = await addAttachment(t.ctx, storeOfLedger(t.ledger), { issueId, kind: 'site_photo', fileName: '现场.png', bytes: TINY_PNG })
    const old = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    expect(fs.readFileSync(path.join(attachmentsFolderOf(old.file), a.sha256))).toEqual(TINY_PNG)
    await t.ledger.close()
    t.ledger = await openLedger(t.file, { keys: testKeys(), now: t.clock.peek })
    ledgers.push(t.ledger)
    const key = connectionKey(t.ledger.sqlite)
    expect(key).not.toBeNull()
    expect(leaks(rawBytes(storeOfLedger(t.ledger), a.sha256), TINY_PNG)).toEqual([])
    expect(leaks(rawBytes(backupStore(old.file, key), a.sha256), TINY_PNG)).toEqual([])
    expect(storedContent(backupStore(old.file, key), a.sha256)).toEqual(TINY_PNG)
    expect(await viewed(t, t.ledger, a.id)).toEqual(TINY_PNG)
  })
})
