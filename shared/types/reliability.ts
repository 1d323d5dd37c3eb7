// Reliability: backups, audit, personal data, voiding.

export type { BackupKind } from '../codes/backup'
import type { BackupKind } from '../codes/backup'

export interface BackupInfo {
  /** File name inside the backup folder, e.g. ledger-20261110-083012-daily.sqlite; what backup-restore takes. */
  name: string
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

export interface AuditEntry {
  id: number
  /** Local time 'YYYY-MM-DD HH:mm:ss'. */
  at: string
  actorId: number | null
  actorName: string
  action: string
  entity: string
  entityId: number | null
  /** The action in the office's words, e.g. “销号”. */
  actionLabel: string
  /** What it was done to, e.g. “问题 #7”. */
  entityLabel: string
  /** One line in Chinese, e.g. “登记 来访登记 #12”. */
  summary: string
  /** The detail's telling fields in one line, e.g. “姓名：王晓丽；原因：登记重复”; '' when none. */
  digest: string
  /** The stored JSON detail, as text; never contains full phone or ID numbers. */
  detail: string
}

export interface AuditPage {
  rows: AuditEntry[]
  total: number
  page: number
  pageSize: number
  /** What the screen offers to filter by, worded by the ledger. */
  filters: { entities: { value: string; label: string }[]; actions: { value: string; label: string }[] }
}

export interface AuditChainStatus {
  rows: number
  /** Id of the first row whose hash does not match, or null when the chain is intact. */
  brokenAt: number | null
}

export type { RevealField } from '../codes/privacy'
import type { RevealField } from '../codes/privacy'

export interface RevealedValue {
  visitorId: number
  field: RevealField
  /** The full, unmasked value. Show it briefly; never store it in the page. */
  value: string
}

export interface VoidResult {
  entity: 'visit' | 'session'
  id: number
  voidedAt: string
  reason: string
  /** Ledger numbers of the issues that went out of lists and figures with the visit. */
  issueNumbers: string[]
}
