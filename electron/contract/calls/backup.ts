import { z } from 'zod'
import type { BackupInfo, BackupOverview, RecoveryStatus, RestoreResult } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import type { ServerCopy } from '../results'
import { noInput, text } from './common'

export const backupRestoreInput = z.object({ name: text(200) }).strict()

// Checked in db/keys (length, not too simple, the same twice); here only that it is a bounded, well-formed string.
const passphrase = text(200)

export const recoverySetInput = z.object({ passphrase, confirm: passphrase }).strict()

// 立即备份 on a server ledger: the local copy's own recovery passphrase, typed twice.
export const backupServerCopyInput = z.object({ passphrase, confirm: passphrase }).strict()

export const backupCalls = {
  'backup-list': call(noInput).returns<BackupOverview>(),
  'backup-now': call(noInput).returns<BackupInfo>(),
  'backup-restore': call(backupRestoreInput).returns<RestoreResult>(),
  // A server ledger's 立即备份 (a supervisor): a verified, encrypted local copy where the save dialog says; null when cancelled.
  'backup-server-copy': call(backupServerCopyInput).returns<ServerCopy | null>(),
  // The folder is picked in main's folder dialog, never typed: a typed \\host\share would copy the
  // whole ledger to another machine. null when the dialog is cancelled.
  'backup-folder-choose': call(noInput).returns<BackupOverview | null>(),
  // Back to the default folder next to the ledger.
  'backup-folder-reset': call(noInput).returns<BackupOverview>(),
  // The ledger's encryption and its recovery passphrase (设置 → 加密与恢复口令); never the key or the passphrase.
  'recovery-status': call(noInput).returns<RecoveryStatus>(),
  // A supervisor with their own PIN: sets or changes the passphrase (the key is rewrapped, the file not re-encrypted).
  'recovery-set': call(recoverySetInput).returns<RecoveryStatus>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
