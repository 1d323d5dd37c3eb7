import { requireSupervisor, signedOut } from '../../db/core/access'
import { backupFileByName, backupNow, backupOverview, restoreFromBackup, RestoreFailed, setBackupFolder } from '../../db/backup/backup'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const backupHandlers = {
  'backup-list': async (state) => backupOverview(state.ledger),
  'backup-now': (state) => backupNow(state.ledger, state.now()),
  'backup-folder-set': (state, input) => {
    const ctx = ledgerContext(state)
    requireSupervisor(ctx, '更改备份文件夹')
    return setBackupFolder(ctx, state.ledger, input.folder)
  },
  /**
   * Replaces the open ledger with a backup from the backup folder and swaps `state.ledger`, so
   * every later call reads the restored file. Everyone is signed out: the restored staff list may
   * not have the same people.
   */
  'backup-restore': async (state, input) => {
    requireSupervisor(ledgerContext(state), '从备份恢复台账')
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
  },
} satisfies Partial<Handlers>
