import { requireSupervisor, signedOut } from '../../db/core/access'
import { auditChainStatus, listAudit } from '../../db/audit/log'
import { backupFileByName, backupNow, backupOverview, restoreFromBackup, RestoreFailed, setBackupFolder } from '../../db/backup/backup'
import { setStaffPin } from '../../db/staff/operators'
import { revealVisitorField } from '../../db/privacy/reveal'
import { voidSession, voidVisit } from '../../db/visits/voids'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

// Issue 5's calls: PINs, the audit log, revealing personal data, voiding, backups.

export const staffSetPin: Handler<'staff-set-pin'> = (state, input) => setStaffPin(ledgerContext(state), input)

export const auditList: Handler<'audit-list'> = (state, input) => listAudit(ledgerContext(state), input)
export const auditVerify: Handler<'audit-verify'> = (state) => auditChainStatus(ledgerContext(state))

export const visitorReveal: Handler<'visitor-reveal'> = (state, input) => revealVisitorField(ledgerContext(state), input)

export const visitVoid: Handler<'visit-void'> = (state, input) => voidVisit(ledgerContext(state), input)
export const sessionVoid: Handler<'session-void'> = (state, input) => voidSession(ledgerContext(state), input)

export const backupList: Handler<'backup-list'> = async (state) => backupOverview(state.ledger)
export const backupNowHandler: Handler<'backup-now'> = (state) => backupNow(state.ledger, state.now())

export const backupFolderSet: Handler<'backup-folder-set'> = (state, input) => {
  const ctx = ledgerContext(state)
  requireSupervisor(ctx, '更改备份文件夹')
  return setBackupFolder(ctx, state.ledger, input.folder)
}

/**
 * Replaces the open ledger with a backup from the backup folder and swaps `state.ledger`, so
 * every later call reads the restored file. Everyone is signed out: the restored staff list may
 * not have the same people.
 */
export const backupRestore: Handler<'backup-restore'> = async (state, input) => {
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
}
