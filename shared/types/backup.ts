// Backups of the ledger file and restoring one (db/backup/).

export type { BackupKind } from '../codes/backup'
import type { BackupKind } from '../codes/backup'

export interface BackupInfo {
  /** File name inside the backup folder, e.g. ledger-kqwmtzbcdx-20261110-083012-daily.sqlite; what backup-restore takes. */
  name: string
  /** The id of the ledger it is a copy of (in its name and manifest); null for a copy made before ledgers had ids. */
  ledgerId: string | null
  /** Full path, for showing where the copy is. */
  file: string
  kind: BackupKind
  /** 每日自动备份 / 手动备份 / 升级前自动备份 / 恢复前保留的台账 / 损坏的台账（保留备查）. */
  kindLabel: string
  /** Local time 'YYYY-MM-DD HH:mm:ss'. */
  createdAt: string
  /** Bytes. */
  size: number
}

export interface BackupOverview {
  /** Where backups go now. */
  folder: string
  /** True when no folder was chosen and backups go to the default folder next to the ledger. */
  isDefault: boolean
  defaultFolder: string
  /** Newest first. */
  backups: BackupInfo[]
  /** How many routine copies rotation keeps: every copy of the last N days, the newest of the last M months. */
  keepDays: number
  keepMonths: number
}

export interface RestoreResult {
  /** The backup the ledger now holds. */
  restoredFrom: string
  /** The copy of the replaced ledger, kept in the backup folder (null only when there was no ledger file). */
  keptCopy: BackupInfo | null
  /** Data version after the restore (an older backup is upgraded as it opens). */
  schemaVersion: string
  /** Restoring signs everyone out: the restored staff list may differ. Always null. */
  operator: null
}
