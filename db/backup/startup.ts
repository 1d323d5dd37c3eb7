import fs from 'node:fs'
import type Database from 'better-sqlite3-multiple-ciphers'
import { looksEncrypted } from '../keys/cipher'
import { readKeyFile, type LedgerKeys, type UnlockedKey } from '../keys/keys'
import type { Migration } from 'kysely'
import { errorText, integrityProblems, listBackupFiles } from './files'
import { LedgerError } from '../core/errors'
import { migrations as knownMigrations } from '../migrations'
import { backupFoldersToSearch, damagedLedgerId, heldKeys, readLedgerFile, verifyBackupFile } from './restore'
import type { BackupInfo } from '../../shared/types'

// Before the app opens the ledger for writing: is it damaged, and if so, which good backup to offer.

export type LedgerHealth = { state: 'new' } | { state: 'ok' } | { state: 'damaged'; problems: string[] }

/** quick_check before the ledger is opened for writing. A file SQLite cannot read at all is damaged too. */
export function checkLedgerHealth(file: string, keys: LedgerKeys | null = null): LedgerHealth {
  if (!fs.existsSync(file)) return { state: 'new' }
  // Encrypted with a key kept beside it, and no key provider given to read it with: not known to
  // be damaged; opening says what is needed. Without a key file it is no ledger anyone can read.
  if (keys === null && looksEncrypted(file) && readKeyFile(file) !== null) return { state: 'ok' }
  let sqlite: Database.Database | null = null
  try {
    try {
      sqlite = readLedgerFile(file, keys)
    } catch (e) {
      // No key this PC can reach (or the wrong passphrase) is not damage: opening says what is needed.
      if (e instanceof LedgerError && e.code !== 'wrong_key' && e.code !== 'key_missing') return { state: 'ok' }
      throw e
    }
    const problems = integrityProblems(sqlite, true)
    return problems.length === 0 ? { state: 'ok' } : { state: 'damaged', problems }
  } catch (e) {
    const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : ''
    // Locked or unreadable for reasons other than damage: let the normal open report it.
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') return { state: 'ok' }
    return { state: 'damaged', problems: [errorText(e)] }
  } finally {
    sqlite?.close()
  }
}

/**
 * The newest backup of this ledger (by id, in its name and inside the copy) that passes every
 * check verifyBackupFile makes, from any of the folders. Another ledger's copy is never offered.
 */
export function newestGoodBackup(
  folders: readonly string[],
  ledgerId: string | null,
  known: Record<string, Migration> = knownMigrations,
  keys: LedgerKeys | null = null,
  held: readonly UnlockedKey[] = [],
): BackupInfo | null {
  if (ledgerId === null) return null
  const all = folders
    .flatMap((f) => listBackupFiles(f, ledgerId))
    .filter((b) => b.kind !== 'damaged')
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
  for (const b of all) {
    try {
      if (verifyBackupFile(b.file, known, keys, held).ledgerId === ledgerId) return b
    } catch {
      // Try the next one.
    }
  }
  return null
}

export type StartupDecision =
  | { action: 'open' }
  | { action: 'offer-restore'; title: string; message: string; backup: BackupInfo }
  | { action: 'refuse'; title: string; message: string }

/**
 * What the app does with the ledger file before opening it for writing. A damaged ledger is
 * never written to: the desk is told in plain Chinese, and offered the newest good backup.
 */
export function decideAtStartup(
  file: string,
  known: Record<string, Migration> = knownMigrations,
  keys: LedgerKeys | null = null,
): StartupDecision {
  const health = checkLedgerHealth(file, keys)
  if (health.state !== 'damaged') return { action: 'open' }
  const problems = health.problems.slice(0, 3).join('；')
  const intro = `台账文件已损坏，为防止损坏扩大，本程序不会以写入方式打开它。\n文件：${file}\n检查结果：${problems}`
  const ledgerId = damagedLedgerId(file, keys)
  const folders = backupFoldersToSearch(file, keys)
  const backup = newestGoodBackup(folders, ledgerId, known, keys, heldKeys(null, file, keys))
  if (backup === null) {
    const anyBackup = folders.some((f) => listBackupFiles(f).some((b) => b.kind !== 'damaged'))
    const why =
      ledgerId !== null
        ? `没有找到这本台账（编号 ${ledgerId}）可用的备份`
        : anyBackup
          ? '无法确认该台账的编号，因此不能判断哪份备份属于它（同一文件夹中可能有其他台账的备份）'
          : '没有找到可用的备份'
    return {
      action: 'refuse',
      title: '台账文件已损坏',
      message: `${intro}\n\n${why}。请不要删除或覆盖该文件，并联系技术人员处理（可用“npm run ledger -- check”检查，或用“npm run ledger -- restore”指定备份恢复）。`,
    }
  }
  return {
    action: 'offer-restore',
    title: '台账文件已损坏',
    message:
      `${intro}\n\n找到最近一份完好的备份：${backup.createdAt}（${backup.kindLabel}）\n${backup.file}\n\n` +
      '从该备份恢复后，备份时间之后登记的记录需要重新补录。损坏的文件不会删除，会原样保留在备份文件夹中供技术人员处理。',
    backup,
  }
}
