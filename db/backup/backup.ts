import { assertAdministers } from '../core/access'
import fs from 'node:fs'
import path from 'node:path'
import { audit } from '../core/audit'
import {
  BACKUP_FOLDER_SETTING,
  backupFolderOf,
  configuredBackupFolder,
  defaultBackupFolder,
  errorText,
  KEEP_DAYS,
  KEEP_MONTHS,
  listBackupFiles,
  rotateBackups,
  writeBackup,
} from './files'
import { write, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { refuseNetworkFolder } from '../core/location'
import { ledgerIdOf } from '../core/identity'
import { filesFolderOf } from '../attachments/store'
import type { LocalLedger } from '../core/open'
import type { BackupInfo, BackupOverview } from '../../shared/types'

// Taking backups and choosing their folder; putting one back is ./restore.ts, the start-up check ./startup.ts.

export { ensureDailyBackup, listBackupFiles, rotateBackups, writeBackup } from './files'

/** This ledger's copies, and copies from before ledgers had ids (which may be anyone's; the list says so). */
function ownBackups(folder: string, ledgerId: string | null): BackupInfo[] {
  return listBackupFiles(folder).filter((b) => b.ledgerId === ledgerId || b.ledgerId === null)
}

export function backupOverview(ledger: LocalLedger): BackupOverview {
  const { folder, isDefault } = backupFolderOf(ledger.sqlite, ledger.file)
  return {
    folder,
    isDefault,
    defaultFolder: defaultBackupFolder(ledger.file),
    backups: ownBackups(folder, ledgerIdOf(ledger.sqlite)),
    keepDays: KEEP_DAYS,
    keepMonths: KEEP_MONTHS,
  }
}

/** 备份 now, from 设置 or the command line: into the chosen folder, then rotation. */
export async function backupNow(ledger: LocalLedger, now: Date, folder?: string): Promise<BackupInfo> {
  const target = folder ?? backupFolderOf(ledger.sqlite, ledger.file).folder
  const made = await writeBackup(ledger.sqlite, target, 'manual', now)
  if (folder === undefined) rotateBackups(target, now, made.ledgerId)
  return made
}

/**
 * Chooses where backups go. The folder must be an absolute path on this computer the app can
 * create and write (a second disk, a USB drive), never a network share or mapped network drive;
 * null goes back to the default folder next to the ledger.
 */
export async function setBackupFolder(ctx: LedgerContext, ledger: LocalLedger, folder: string | null): Promise<BackupOverview> {
  await assertAdministers(ctx, '更改备份文件夹')
  let chosen: string | null = null
  if (folder !== null && folder.trim() !== '') {
    const raw = folder.trim()
    if (/[\x00-\x1F\x7F]/.test(raw)) throw new LedgerError('invalid_input', '备份文件夹路径含有不可见字符，请重新选择')
    // Before any check that touches the path: reaching a share is itself the leak.
    refuseNetworkFolder(raw)
    if (!path.isAbsolute(raw)) throw new LedgerError('invalid_input', `备份文件夹须为完整路径（如 D:\\台账备份）：${raw}`)
    chosen = path.resolve(raw)
    if (chosen === filesFolderOf(ledger.file))
      throw new LedgerError('invalid_input', '备份文件夹不能是台账的附件文件夹，请另选或新建一个文件夹')
    if (chosen === path.resolve(path.dirname(ledger.file))) {
      throw new LedgerError('invalid_input', '备份文件夹不能是台账文件所在的文件夹本身，请另选或新建一个文件夹')
    }
    try {
      fs.mkdirSync(chosen, { recursive: true })
      const probe = path.join(chosen, `.ledger-write-test-${process.pid}`)
      fs.writeFileSync(probe, 'ok')
      fs.rmSync(probe, { force: true })
    } catch (e) {
      throw new LedgerError('backup_folder_unusable', `无法在该文件夹中写入备份：${chosen}（${errorText(e)}）`)
    }
  }
  const before = configuredBackupFolder(ledger.sqlite)
  await write(ctx, async (trx) => {
    if (chosen === null) await trx.deleteFrom('settings').where('key', '=', BACKUP_FOLDER_SETTING).execute()
    else {
      await trx
        .insertInto('settings')
        .values({ key: BACKUP_FOLDER_SETTING, value: chosen })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: chosen }))
        .execute()
    }
    await audit(trx, ctx, 'set_backup_folder', 'settings', null, { before, after: chosen })
  })
  return backupOverview(ledger)
}
