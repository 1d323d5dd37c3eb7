import { z } from 'zod'
import type { BackupInfo, BackupOverview, RestoreResult } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, text } from './common'

export const backupRestoreInput = z.object({ name: text(200) }).strict()

// null: back to the default folder next to the ledger.
export const backupFolderSetInput = z.object({ folder: text(1000).nullable() }).strict()

export const backupCalls = {
  'backup-list': call(noInput).returns<BackupOverview>(),
  'backup-now': call(noInput).returns<BackupInfo>(),
  'backup-restore': call(backupRestoreInput).returns<RestoreResult>(),
  'backup-folder-set': call(backupFolderSetInput).returns<BackupOverview>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
