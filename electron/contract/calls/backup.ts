import { z } from 'zod'
import type { BackupInfo, BackupOverview, RestoreResult } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, text } from './common'

export const backupRestoreInput = z.object({ name: text(200) }).strict()

export const backupCalls = {
  'backup-list': call(noInput).returns<BackupOverview>(),
  'backup-now': call(noInput).returns<BackupInfo>(),
  'backup-restore': call(backupRestoreInput).returns<RestoreResult>(),
  // The folder is picked in main's folder dialog, never typed: a typed \\host\share would copy the
  // whole ledger to another machine. null when the dialog is cancelled.
  'backup-folder-choose': call(noInput).returns<BackupOverview | null>(),
  // Back to the default folder next to the ledger.
  'backup-folder-reset': call(noInput).returns<BackupOverview>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
