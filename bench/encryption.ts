// Encryption's cost at the desk: registering a visit and opening the ledger, on the encrypted
// ledger (ours) beside an unencrypted copy of the same data (floor), taken in turns. And the
// one-time cost of encrypting an existing ledger on upgrade (copy, check, swap), measured once;
// and a 2 MB file on an issue added and viewed, sealed against plain.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { addAttachment, attachmentFile, storeOfLedger } from '../db/attachments/attachments'
import { clearPlainCopies } from '../db/attachments/store'
import { checkLedgerHealth } from '../db/backup/startup'
import type { LedgerContext } from '../db/core/context'
import { openLedger, type LocalLedger } from '../db/core/open'
import type { LedgerKeys } from '../db/keys/keys'
import { openSession, planSession } from '../db/sessions/sessions'
import { registerVisit, type RegisterVisitInput } from '../db/visits/register'
import type { GeneratedLedger } from './generate'
import { timePair, type Measuring } from './measure'
import { testKeys } from '../test/support/keys'

/**
 * The app's way to the key, as the benchmark has it: a seal standing in for safeStorage (DPAPI),
 * the test PC's, so the export child process and the screens' bridge open the same ledger.
 */
export const benchKeys: LedgerKeys = testKeys('本机', null)

/** Encrypts the unencrypted ledger at `file` as an upgrade does, timing it once. */
export async function encryptForBench(m: Measuring, file: string, fileMb: number): Promise<LocalLedger> {
  process.stdout.write('Encrypting the ledger (the upgrade: copy, check, swap) …\n')
  const started = performance.now()
  const ledger = await openLedger(file, { keys: benchKeys, backupBeforeMigration: false })
  const ms = performance.now() - started
  m.record({
    group: '加密',
    name: 'encrypt an unencrypted ledger on upgrade (once)',
    ours: { n: 1, p50: ms, p99: ms },
    floor: null,
    target: '(once per ledger)',
    met: null,
    note: `${fileMb.toFixed(0)} MB: an encrypted backup first, then the encrypted copy checked and swapped in`,
  })
  return ledger
}

function visitInput(sessionId: number, n: number): RegisterVisitInput {
  return {
    sessionId,
    visitor: { name: `加密测试${n}`, phone: `139${String(10_000_000 + n).slice(-8)}`, kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: 1, content: '厂界夜间有刺鼻异味，周边居民反映强烈', place: '城东工业园' }],
  }
}

async function deskOn(ledger: LocalLedger, made: GeneratedLedger, now: () => Date): Promise<{ ctx: LedgerContext; sessionId: number }> {
  const ctx: LedgerContext = {
    db: ledger.db,
    actor: { kind: 'staff', id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk', ownPin: false },
    now,
  }
  const session = await planSession(ctx, { date: made.today, kind: 'public', location: '局一楼接待室' })
  await openSession(ctx, session.id)
  return { ctx, sessionId: session.id }
}

/** Registration and opening, encrypted (ours) against the unencrypted copy (floor). */
export async function measureEncryption(
  m: Measuring,
  files: { encrypted: string; plain: string },
  made: GeneratedLedger,
  now: () => Date,
): Promise<void> {
  process.stdout.write('Encrypted beside unencrypted …\n')
  const enc = await openLedger(files.encrypted, { keys: benchKeys })
  const plain = await openLedger(files.plain)
  const a = await deskOn(enc, made, now)
  const b = await deskOn(plain, made, now)
  let n = 0
  const [regEnc, regPlain] = await timePair(
    () => registerVisit(a.ctx, visitInput(a.sessionId, n++)),
    () => registerVisit(b.ctx, visitInput(b.sessionId, n++)),
    10,
    m.runs(200),
  )
  m.record({
    group: '加密',
    name: 'register a visit, encrypted vs unencrypted',
    ours: regEnc,
    floor: regPlain,
    target: '≤ 1.5× unencrypted',
    met: regEnc.p50 <= 1.5 * regPlain.p50,
    note: 'synchronous=FULL; floor is the same work on an unencrypted copy of the ledger',
  })
  await enc.close()
  await plain.close()
  const opening = (file: string, keys: LedgerKeys | undefined) => async () => {
    const health = checkLedgerHealth(file, keys ?? null)
    if (health.state === 'damaged') throw new Error(health.problems.join('; '))
    const l = await openLedger(file, { keys })
    await l.close()
  }
  const [openEnc, openPlain] = await timePair(opening(files.encrypted, benchKeys), opening(files.plain, undefined), 1, m.runs(10))
  m.record({
    group: '加密',
    name: 'open, encrypted vs unencrypted (quick_check included)',
    ours: openEnc,
    floor: openPlain,
    target: '≤ 500 ms',
    met: openEnc.p50 <= 500,
    note: `quick_check decrypts every page of the ${(fs.statSync(files.encrypted).size / 1e6).toFixed(0)} MB file`,
  })
}

/** A 2 MB scan: a PDF header, then bytes that differ on each run (so no two are stored once). */
function scanOf(n: number): Buffer {
  const scan = Buffer.alloc(2 * 1024 * 1024, 0x20)
  scan.write('%PDF-1.4\n', 0, 'latin1')
  scan.writeUInt32BE(n, 16)
  for (let i = 64; i < scan.length; i += 4096) scan.writeUInt32BE((n * 2654435761 + i) >>> 0, i)
  return scan
}

/**
 * A file on an issue added and then viewed (decrypted into the view folder, checked against its
 * hash), sealed with the encrypted ledger's key (ours) against the same on the unencrypted copy,
 * whose files stay plain (floor).
 */
export async function measureAttachmentSealing(
  m: Measuring,
  files: { encrypted: string; plain: string },
  made: GeneratedLedger,
  now: () => Date,
): Promise<void> {
  process.stdout.write('A 2 MB file on an issue, added and viewed …\n')
  const enc = await openLedger(files.encrypted, { keys: benchKeys })
  const plain = await openLedger(files.plain)
  const view = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-view-'))
  try {
    const actor: LedgerContext['actor'] = { kind: 'staff', id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk', ownPin: false }
    const issueOf = async (l: LocalLedger) => (await l.db.selectFrom('issues').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    let n = 0
    const addAndView = (l: LocalLedger, issueId: number) => async () => {
      const ctx: LedgerContext = { db: l.db, actor, now }
      const a = await addAttachment(ctx, storeOfLedger(l), {
        issueId,
        kind: 'handover_receipt',
        fileName: '交办单扫描件.pdf',
        bytes: scanOf(n++),
      })
      await attachmentFile(l.db, storeOfLedger(l), a.id, view)
      clearPlainCopies(view)
    }
    const [ours, floor] = await timePair(addAndView(enc, await issueOf(enc)), addAndView(plain, await issueOf(plain)), 2, m.runs(20))
    m.record({
      group: '加密',
      name: 'add a 2 MB file on an issue and view it, sealed vs plain',
      ours,
      floor,
      target: '≤ 500 ms',
      met: ours.p50 <= 500,
      note: 'AES-256-GCM in 64 KiB chunks, written and read back a chunk at a time; floor keeps the file plain',
    })
  } finally {
    fs.rmSync(view, { recursive: true, force: true })
    await enc.close()
    await plain.close()
  }
}
