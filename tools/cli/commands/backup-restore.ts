// `ledger backup` and `ledger restore`: a checked copy of a local ledger, and the ledger put back from one.
import fs from 'node:fs'
import path from 'node:path'
import { backupNow } from '../../../db/backup/backup'
import { restoreFromBackup, verifyBackupFile } from '../../../db/backup/restore'
import { checkLedgerHealth } from '../../../db/backup/startup'
import { openLedger, type LocalLedger } from '../../../db/core/open'
import { isPlainSqliteFile } from '../../../db/keys/cipher'
import { commandLine, keysFor, need } from './common'
import { UsageError, type Command } from './flags'

export const backupCommand: Command = async (values) => {
  const file = need(values.db, '--db')
  const out = path.resolve(need(values.out, '--out'))
  if (!fs.existsSync(file)) throw new UsageError(`台账文件不存在：${file}`)
  // Read-only: a backup never upgrades or otherwise touches an encrypted ledger. An unencrypted
  // one is encrypted first (with its own encrypted copy), so no unencrypted backup is written.
  const plain = isPlainSqliteFile(file)
  const ledger = await openLedger(file, { readonly: !plain, keys: await keysFor(values, [file], true) })
  try {
    const made = await backupNow(ledger, new Date(), out)
    process.stdout.write(`已备份：${made.file}（${made.size} 字节，完整性检查通过）\n`)
  } finally {
    await ledger.close()
  }
  return 0
}

export const restoreCommand: Command = async (values) => {
  const file = path.resolve(need(values.db, '--db'))
  const from = path.resolve(need(values.from, '--from'))
  // The restored ledger is encrypted, whatever the backup was.
  const keys = (await keysFor(values, [file, from], true)) ?? null
  verifyBackupFile(from, undefined, keys)
  let current: LocalLedger | null = null
  if (fs.existsSync(file)) {
    // A damaged ledger cannot be opened: its raw files are kept instead of a backup-API copy.
    current =
      checkLedgerHealth(file, keys).state === 'ok'
        ? await openLedger(file, { backupBeforeMigration: false, readonly: true, keys: keys ?? undefined })
        : null
  }
  const { ledger, result } = await restoreFromBackup({
    current,
    file,
    backupFile: from,
    now: () => new Date(),
    actor: commandLine,
    program: '命令行（从备份恢复台账）',
    keys,
  })
  await ledger.close()
  process.stdout.write(
    `已从备份恢复：${result.restoredFrom}，数据版本 ${result.schemaVersion}\n` +
      (result.keptCopy ? `原台账已另存为：${result.keptCopy.file}\n` : ''),
  )
  return 0
}
