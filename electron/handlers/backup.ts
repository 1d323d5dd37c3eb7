import { assertAdministers, signedOut } from '../../db/core/access'
import {
  assertMayRestore,
  backupFileByName,
  backupNow,
  backupOverview,
  restoreFromBackup,
  RestoreFailed,
  setBackupFolder,
} from '../../db/backup/backup'
import { LedgerError } from '../../db/core/errors'
import { whileRestoring } from './call-gate'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'
import { recoveryStatus, setRecoveryPassphrase } from '../../db/keys/recovery'

export const backupHandlers = {
  'backup-list': async (state) => backupOverview(state.ledger),
  'backup-now': (state) => backupNow(state.ledger, state.now()),
  'backup-folder-choose': async (state) => {
    // Refused before the dialog opens (setBackupFolder checks again): a desk clerk should not be asked to pick a folder.
    await assertAdministers(ledgerContext(state), '更改备份文件夹')
    if (!state.chooseFolder) throw new LedgerError('unavailable', '当前环境无法选择文件夹，请在桌面程序中更改备份文件夹')
    const folder = await state.chooseFolder('选择备份文件夹')
    if (folder === null) return null
    // A fresh context: db/ checks the person and the folder again (a share is refused there).
    return setBackupFolder(ledgerContext(state), state.ledger, folder)
  },
  'backup-folder-reset': (state) => setBackupFolder(ledgerContext(state), state.ledger, null),
  'recovery-status': async (state) => recoveryStatus(state.ledger),
  'recovery-set': (state, input) => setRecoveryPassphrase(ledgerContext(state), state.ledger, input.passphrase, input.confirm),
  /**
   * Replaces the open ledger with a backup from the backup folder and swaps `state.ledger`, so
   * every later call reads the restored file. Everyone is signed out: the restored staff list may
   * not have the same people. Calls arriving meanwhile are answered 正在恢复台账 (call-gate.ts).
   */
  'backup-restore': async (state, input) => {
    // Refused before other calls are held up (restoreFromBackup checks again).
    await assertMayRestore(state.ledger, state.operator)
    return whileRestoring(state, async () => {
      const backupFile = backupFileByName(backupOverview(state.ledger).folder, input.name)
      try {
        const { ledger, result } = await restoreFromBackup({
          current: state.ledger,
          file: state.ledger.file,
          backupFile,
          now: state.now,
          actor: state.operator,
        })
        state.ledger = ledger
        state.operator = signedOut
        return result
      } catch (e) {
        if (e instanceof RestoreFailed && e.reopened !== null) state.ledger = e.reopened
        throw e
      }
    })
  },
} satisfies Partial<Handlers>
