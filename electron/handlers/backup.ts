import dayjs from 'dayjs'
import { assertAdministers, signedOut } from '../../db/core/access'
import { backupNow, backupOverview, setBackupFolder } from '../../db/backup/backup'
import { assertMayRestore, backupFileByName, restoreFromBackup, RestoreFailed } from '../../db/backup/restore'
import { assertMayCopyServer, copyServerToLocal } from '../../db/backup/server-copy'
import { LedgerError } from '../../db/core/errors'
import type { LedgerKeys } from '../../db/keys/keys'
import type { LocalLedger } from '../../db/core/open'
import { whileRestoring } from './call-gate'
import { filesFolderOf } from '../../db/attachments/store'
import { ledgerContext, localLedgerOf, notOnServer, ON_SERVER_INSTEAD } from './ledger-context'
import { chooseSavePath } from './save-target'
import type { AppState, Handlers, SaveFilter } from './types'
import { recoveryStatus, setRecoveryPassphrase } from '../../db/keys/recovery'

const LEDGER_COPY: SaveFilter[] = [{ name: '台账文件（本地副本）', extensions: ['sqlite'] }]

/** The copy's keys: this PC's seal where main has one, and the passphrase typed for it. */
function copyKeys(state: AppState): (passphrase: string) => LedgerKeys {
  return state.localCopyKeys ?? ((passphrase) => ({ sealer: null, passphrase: () => passphrase }))
}

export const backupHandlers = {
  'backup-list': async (state) => backupOverview(localLedgerOf(state, '查看备份列表', ON_SERVER_INSTEAD.backups)),
  'backup-now': async (state) => {
    // A server ledger's copy needs a passphrase of its own: the screen asks for it and calls backup-server-copy.
    if (state.ledger.engine === 'pg')
      throw notOnServer('备份到备份文件夹', '请在“备份与恢复”中点“立即备份”，为本地副本设定恢复口令后选择保存位置。')
    return backupNow(state.ledger, state.now())
  },
  'backup-server-copy': async (state, input) => {
    const { ledger } = state
    if (ledger.engine !== 'pg') throw new LedgerError('invalid_input', '本地台账文件请用“立即备份”备份到备份文件夹')
    // Refused before the dialog opens (copyServerToLocal checks again).
    await assertMayCopyServer(ledgerContext(state), input.passphrase, input.confirm)
    const day = dayjs(state.now()).format('YYYY-MM-DD')
    const file = await chooseSavePath(state, `台账服务器副本-${day}.sqlite`, LEDGER_COPY)
    if (file === null) return null
    const made = await copyServerToLocal(ledgerContext(state), ledger, {
      file,
      passphrase: input.passphrase,
      confirm: input.confirm,
      keys: copyKeys(state),
    })
    return {
      file: made.file,
      rows: made.rows,
      auditRows: made.auditRows,
      files: made.files,
      filesFolder: filesFolderOf(made.file),
      fileProblems: made.fileProblems,
    }
  },
  'backup-folder-choose': async (state) => {
    // Refused before the dialog opens (setBackupFolder checks again): a desk clerk should not be asked to pick a folder.
    const ledger = await administeredLocal(state, '更改备份文件夹', ON_SERVER_INSTEAD.backupFolder)
    if (!state.chooseFolder) throw new LedgerError('unavailable', '当前环境无法选择文件夹，请在桌面程序中更改备份文件夹')
    const folder = await state.chooseFolder('选择备份文件夹')
    if (folder === null) return null
    // A fresh context: db/ checks the person and the folder again (a share is refused there).
    return setBackupFolder(ledgerContext(state), ledger, folder)
  },
  'backup-folder-reset': async (state) =>
    setBackupFolder(ledgerContext(state), await administeredLocal(state, '更改备份文件夹', ON_SERVER_INSTEAD.backupFolder), null),
  'recovery-status': async (state) => recoveryStatus(localLedgerOf(state, '查看恢复口令', ON_SERVER_INSTEAD.recovery)),
  'recovery-set': (state, input) =>
    setRecoveryPassphrase(
      ledgerContext(state),
      localLedgerOf(state, '设置恢复口令', ON_SERVER_INSTEAD.recovery),
      input.passphrase,
      input.confirm,
    ),
  /**
   * Replaces the open ledger with a backup from the backup folder and swaps `state.ledger`, so
   * every later call reads the restored file. Everyone is signed out: the restored staff list may
   * not have the same people. Calls arriving meanwhile are answered 正在恢复台账 (call-gate.ts).
   */
  'backup-restore': async (state, input) => {
    const current = await administeredLocal(state, '从备份恢复台账', ON_SERVER_INSTEAD.backups)
    // Refused before other calls are held up (restoreFromBackup checks again).
    await assertMayRestore(current, state.operator)
    return whileRestoring(state, async () => {
      const backupFile = backupFileByName(backupOverview(current).folder, input.name)
      try {
        const { ledger, result } = await restoreFromBackup({
          current,
          file: current.file,
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

/**
 * A supervisor's call on the local file: anyone else is refused as such first, on either engine
 * (a desk clerk learns nothing of the ledger's kind from it), then a server ledger as one.
 */
async function administeredLocal(state: AppState, what: string, instead: string): Promise<LocalLedger> {
  await assertAdministers(ledgerContext(state), what)
  return localLedgerOf(state, what, instead)
}
