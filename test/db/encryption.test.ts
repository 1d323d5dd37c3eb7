import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { auditHeadOf } from '../../db/audit/anchor'
import { verifyAudit } from '../../db/audit/verify'
import { backupNow } from '../../db/backup/backup'
import { restoreFromBackup, verifyBackupFile } from '../../db/backup/restore'
import { listBackupFiles } from '../../db/backup/files'
import { systemActor } from '../../db/core/context'
import { ledgerIdOf } from '../../db/core/identity'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { isPlainSqliteFile } from '../../db/keys/cipher'
import type { EncryptionStep } from '../../db/keys/encrypt-ledger'
import { keyFileOf, readKeyFile } from '../../db/keys/keys'
import { recoverySheet, recoveryStatus, setRecoveryPassphrase } from '../../db/keys/recovery'
import { migrations } from '../../db/migrations'
import { acceptIssue, openDay } from '../support/desk'
import { otherPcKeys, passphraseOnlyKeys, testKeys, TEST_RECOVERY_PASSPHRASE } from '../support/keys'
import { refused } from '../support/refusals'
import { bySupervisor, openTempLedger, seedFixture, tempDir, type TestLedger } from '../support/temp-ledger'

// The ledger file and every copy of it are encrypted; the key is sealed for this PC and wrapped
// by the supervisor's recovery passphrase. Each test reads the real files on disk, as someone
// who copied the folder onto a USB stick would.

const VISITOR_NAME = Buffer.from('张桂芳')
const VISITOR_PHONE = Buffer.from('13812345678')
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

const open: TestLedger[] = []
const ledgers: LocalLedger[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const l of ledgers.splice(0)) await l.close().catch(() => undefined)
  for (const t of open.splice(0)) await t.close().catch(() => undefined)
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function deskWithVisits(): Promise<{ t: TestLedger; f: Awaited<ReturnType<typeof seedFixture>> }> {
  const t = await openTempLedger('2026-11-10 09:00:00')
  open.push(t)
  const f = await seedFixture(t)
  const day = await openDay(t, f, '2026-11-10')
  await acceptIssue(t, f, day.id)
  await acceptIssue(t, f, day.id, '夜间搅拌站噪声')
  return { t, f }
}

/** What anyone with the file sees of it. */
function leaks(file: string): string[] {
  const bytes = fs.readFileSync(file)
  const found: string[] = []
  if (bytes.includes(VISITOR_NAME)) found.push('来访人姓名')
  if (bytes.includes(VISITOR_PHONE)) found.push('电话')
  if (bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) found.push('SQLite 文件头')
  return found
}

async function withPassphrase(t: TestLedger, f: Awaited<ReturnType<typeof seedFixture>>, passphrase = TEST_RECOVERY_PASSPHRASE) {
  return setRecoveryPassphrase(bySupervisor(t, f), t.ledger, passphrase, passphrase)
}

/** A plain ledger as the app before encryption left it: written without a key provider. */
async function plainLedgerWithVisits(): Promise<{ dir: string; file: string }> {
  const dir = tempDir('plain-ledger-')
  dirs.push(dir)
  const file = path.join(dir, 'ledger.sqlite')
  const t = await openTempLedger('2026-11-10 09:00:00', { keys: undefined })
  const f = await seedFixture(t)
  const day = await openDay(t, f, '2026-11-10')
  await acceptIssue(t, f, day.id)
  await t.ledger.close()
  fs.copyFileSync(t.file, file)
  fs.rmSync(t.dir, { recursive: true, force: true })
  return { dir, file }
}

function tableCounts(l: LocalLedger): Record<string, number> {
  const names = l.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all()
    .map(String)
  return Object.fromEntries(names.map((n) => [n, Number(l.sqlite.prepare(`select count(*) from "${n}"`).pluck().get())]))
}

describe('the ledger file at rest', () => {
  it('holds no visitor name, phone or SQLite header in the ledger, its WAL or any backup', async () => {
    const { t } = await deskWithVisits()
    expect(fs.existsSync(`${t.file}-wal`)).toBe(true)
    expect(leaks(`${t.file}-wal`)).toEqual([])
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    await t.ledger.close()
    expect(leaks(t.file)).toEqual([])
    expect(leaks(b.file)).toEqual([])
    expect(fs.readFileSync(`${b.file}.json`).includes(VISITOR_PHONE)).toBe(false)
    // The key file holds the key wrapped, never as it is.
    const [envelope] = readKeyFile(t.file) ?? []
    expect(envelope?.sealed).not.toBeNull()
    expect(fs.readFileSync(keyFileOf(t.file), 'utf8')).not.toMatch(/"key"\s*:/)
  })

  it('is readable again on this PC without asking anyone', async () => {
    const { t } = await deskWithVisits()
    await t.ledger.close()
    const again = await openLedger(t.file, { keys: testKeys('本机', null) })
    ledgers.push(again)
    expect(await again.db.selectFrom('visitors').select('name').execute()).toEqual([{ name: '张桂芳' }])
  })

  it('cannot be opened without its key, nor by another PC before a recovery passphrase is set', async () => {
    const { t } = await deskWithVisits()
    await t.ledger.close()
    expect((await refused(openLedger(t.file))).message).toMatch(/已加密.*需要它的密钥/)
    const e = await refused(openLedger(t.file, { keys: otherPcKeys(TEST_RECOVERY_PASSPHRASE) }))
    expect(e.code).toBe('key_locked')
    expect(e.message).toMatch(/尚未设置恢复口令.*原来的电脑/)
  })
})

describe('the recovery passphrase', () => {
  it('opens a backup on another PC (a fresh key store) with the passphrase only', async () => {
    const { t, f } = await deskWithVisits()
    await withPassphrase(t, f)
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    // Another PC: the backup and its manifest copied over, nothing else.
    const elsewhere = tempDir('other-pc-')
    dirs.push(elsewhere)
    fs.copyFileSync(b.file, path.join(elsewhere, b.name))
    fs.copyFileSync(`${b.file}.json`, path.join(elsewhere, `${b.name}.json`))
    const target = path.join(elsewhere, 'ledger.sqlite')
    const { ledger } = await restoreFromBackup({
      current: null,
      file: target,
      backupFile: path.join(elsewhere, b.name),
      now: () => new Date(2026, 10, 11, 9),
      actor: { ...systemActor, name: '命令行' },
      keys: otherPcKeys(TEST_RECOVERY_PASSPHRASE),
    })
    ledgers.push(ledger)
    expect(await ledger.db.selectFrom('issues').select('number').execute()).toHaveLength(2)
    expect(ledgerIdOf(ledger.sqlite)).toBe(ledgerIdOf(t.ledger.sqlite))
    // The restored ledger is encrypted, and sealed for the new PC: it opens there without asking.
    await ledger.close()
    expect(leaks(target)).toEqual([])
    const reopened = await openLedger(target, { keys: otherPcKeys(null) })
    ledgers.push(reopened)
    expect(await reopened.db.selectFrom('visitors').select('phone').execute()).toEqual([{ phone: '13812345678' }])
  })

  it('refuses a wrong passphrase in Chinese, changing nothing', async () => {
    const { t, f } = await deskWithVisits()
    await withPassphrase(t, f)
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    const before = fs.readFileSync(b.file)
    const e = await refused(Promise.resolve().then(() => verifyBackupFile(b.file, migrations, otherPcKeys('不是这个口令不是这个口令'))))
    expect(e.code).toBe('wrong_passphrase')
    expect(e.message).toMatch(/恢复口令不正确/)
    await t.ledger.close()
    const onLedger = await refused(openLedger(t.file, { keys: passphraseOnlyKeys('不是这个口令不是这个口令') }))
    expect(onLedger.message).toMatch(/恢复口令不正确/)
    expect(fs.readFileSync(b.file).equals(before)).toBe(true)
  })

  it('is set by a supervisor with their own PIN only, with an audit row and no secret in it', async () => {
    const { t, f } = await deskWithVisits()
    const e = await refused(setRecoveryPassphrase(t.ctx, t.ledger, TEST_RECOVERY_PASSPHRASE, TEST_RECOVERY_PASSPHRASE))
    expect(e.message).toMatch(/须由负责人本人输入 PIN/)
    expect(recoveryStatus(t.ledger).recoverySet).toBe(false)
    expect((await refused(withPassphrase(t, f, '太短了'))).message).toMatch(/至少 12 个字符/)
    const status = await withPassphrase(t, f)
    expect(status).toMatchObject({ encrypted: true, recoverySet: true, sealedHere: true })
    const row = await t.ledger.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ action: 'set_recovery_passphrase', actor_name: '李建国' })
    expect(row.detail).not.toContain(TEST_RECOVERY_PASSPHRASE)
  })

  it('changes by rewrapping the key: the ledger file is not rewritten, and the old passphrase no longer opens its backups here', async () => {
    const { t, f } = await deskWithVisits()
    await withPassphrase(t, f)
    const b = await backupNow(t.ledger, new Date(2026, 10, 10, 12))
    const backupBytes = fs.readFileSync(b.file)
    await t.ledger.close()
    const again = await openLedger(t.file, { keys: testKeys() })
    t.ledger = again
    t.ctx.db = again.db
    const fileBytes = fs.readFileSync(t.file)
    const changed = '新的恢复口令：白日依山尽，黄河入海流'
    await setRecoveryPassphrase(bySupervisor(t, f), again, changed, changed)
    const row = await again.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(row.action).toBe('change_recovery_passphrase')
    // Only the audit row went into the ledger (its WAL); the pages written before are as they were.
    expect(fs.readFileSync(t.file).equals(fileBytes)).toBe(true)
    expect(fs.readFileSync(b.file).equals(backupBytes)).toBe(true)
    expect(verifyBackupFile(b.file, migrations, otherPcKeys(changed)).encrypted).toBe(true)
    expect(
      (await refused(Promise.resolve().then(() => verifyBackupFile(b.file, migrations, otherPcKeys(TEST_RECOVERY_PASSPHRASE))))).code,
    ).toBe('wrong_passphrase')
  })

  it('prints the recovery sheet for a supervisor only, once it is set, and audits it', async () => {
    const { t, f } = await deskWithVisits()
    expect((await refused(recoverySheet(bySupervisor(t, f), t.ledger))).message).toMatch(/尚未设置恢复口令/)
    await withPassphrase(t, f)
    expect((await refused(recoverySheet(t.ctx, t.ledger))).message).toMatch(/须由负责人本人输入 PIN/)
    const sheet = await recoverySheet(bySupervisor(t, f), t.ledger)
    expect(sheet).toMatchObject({ ledgerId: ledgerIdOf(t.ledger.sqlite), printedBy: '李建国', keyCheck: recoveryStatus(t.ledger).keyCheck })
    const row = await t.ledger.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(row.action).toBe('print_recovery_sheet')
  })
})

describe('an unencrypted ledger from before encryption', () => {
  it('is encrypted on opening, keeping every record and the audit chain, after an encrypted backup', async () => {
    const { file } = await plainLedgerWithVisits()
    const plain = await openLedger(file, { readonly: true })
    const counts = tableCounts(plain)
    const head = auditHeadOf(plain.sqlite, ledgerIdOf(plain.sqlite))
    expect(verifyAudit(plain.sqlite, file).ok).toBe(true)
    await plain.close()

    const ledger = await openLedger(file, { keys: testKeys() })
    ledgers.push(ledger)
    expect(isPlainSqliteFile(file)).toBe(false)
    expect(tableCounts(ledger)).toEqual(counts)
    expect(auditHeadOf(ledger.sqlite, ledgerIdOf(ledger.sqlite))).toEqual(head)
    expect(verifyAudit(ledger.sqlite, file).ok).toBe(true)
    const copies = listBackupFiles(path.join(path.dirname(file), 'backups'))
    expect(copies.map((c) => c.kind)).toEqual(['pre-migration'])
    for (const c of copies) expect(leaks(c.file)).toEqual([])
    await ledger.close()
    expect(leaks(file)).toEqual([])
  })

  it('encrypts the unencrypted copies an older version left in its backup folder, each still a good backup', async () => {
    const { file } = await plainLedgerWithVisits()
    const plain = await openLedger(file)
    const old = await backupNow(plain, new Date(2026, 10, 10, 12))
    await plain.close()
    expect(leaks(old.file)).toContain('电话')
    const ledger = await openLedger(file, { keys: testKeys() })
    ledgers.push(ledger)
    const copies = listBackupFiles(path.dirname(old.file))
    expect(copies.map((c) => c.kind).sort()).toEqual(['manual', 'pre-migration'])
    for (const c of copies) {
      expect(leaks(c.file)).toEqual([])
      // Another PC cannot yet: no passphrase was set. This PC opens each with the ledger's key.
      expect(verifyBackupFile(c.file, migrations, testKeys('本机', null))).toMatchObject({
        encrypted: true,
        ledgerId: ledgerIdOf(ledger.sqlite),
      })
    }
  })

  it.each<EncryptionStep>(['backup', 'copy', 'verify', 'swap'])(
    'stays byte for byte as it was when encrypting fails at the %s step',
    async (step) => {
      const { file } = await plainLedgerWithVisits()
      const before = fs.readFileSync(file)
      const e = await refused(
        openLedger(file, {
          keys: testKeys(),
          encryptionFault: (at) => {
            if (at === step) throw new Error(`磁盘已满（${at}）`)
          },
        }),
      )
      expect(e.code).toBe('encryption_failed')
      expect(e.message).toMatch(/原台账文件保持原样未改动/)
      expect(fs.readFileSync(file).equals(before)).toBe(true)
      expect(fs.existsSync(`${file}.encrypting`)).toBe(false)
      // And it is encrypted on the next try.
      const ledger = await openLedger(file, { keys: testKeys() })
      ledgers.push(ledger)
      expect(isPlainSqliteFile(file)).toBe(false)
    },
  )

  it('restores from an older unencrypted backup into an encrypted ledger', async () => {
    const { file } = await plainLedgerWithVisits()
    const plain = await openLedger(file)
    const old = await backupNow(plain, new Date(2026, 10, 10, 12), path.join(path.dirname(file), 'old-backups'))
    await plain.close()
    expect(isPlainSqliteFile(old.file)).toBe(true)
    const current = await openLedger(file, { keys: testKeys() })
    const { ledger } = await restoreFromBackup({
      current,
      file,
      backupFile: old.file,
      now: () => new Date(2026, 10, 10, 15),
      actor: { ...systemActor, name: '命令行' },
    })
    ledgers.push(ledger)
    expect(await ledger.db.selectFrom('issues').select('number').execute()).toHaveLength(1)
    await ledger.close()
    expect(leaks(file)).toEqual([])
    const again = await openLedger(file, { keys: testKeys('本机', null) })
    ledgers.push(again)
    expect(await again.db.selectFrom('issues').select('number').execute()).toHaveLength(1)
  })
})
