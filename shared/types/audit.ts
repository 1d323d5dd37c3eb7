// The append-only, hash-chained audit log (db/audit/).

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

/**
 * The audit log's last row as it stood at some moment, kept outside the file: in each backup's
 * manifest, in the audit CSV, on the printed monthly report. `check` compares the ledger with them.
 */
export interface AuditAnchor {
  ledgerId: string | null
  /** The last audit row's id, and its chain hash. */
  id: number
  hash: string
  /** When that row was written. */
  at: string
}

/** One anchor found outside the file, against the ledger's own log. */
export interface AuditAnchorCheck {
  /** Where it was found, in Chinese: 备份清单 ledger-….json, 审计日志导出 审计日志-全部.csv, 命令行 --anchor. */
  source: string
  anchor: AuditAnchor
  /** match: row `id` is there with that hash; missing: the log has no row `id` (rows deleted); differs: row `id` was rewritten. */
  result: 'match' | 'missing' | 'differs'
}

export interface AuditChainStatus {
  rows: number
  /** Id of the first row whose hash, link or record digests do not match, or null when the chain is intact. */
  brokenAt: number | null
  /**
   * In the file: ids run 1…N without a gap and SQLite's autoincrement counter stands at N, so no
   * row was taken out. On a server a rolled-back transaction skips numbers of its sequence, so
   * there only rows beyond the sequence would be wrong; rows cut out are found by the chain and the anchors.
   */
  counter: { kind: 'autoincrement' | 'sequence'; count: number; maxId: number; sequence: number; ok: boolean }
  /** Append-only triggers the file must hold that are missing or altered. */
  missingTriggers: string[]
  /** How many anchors outside the file were found and compared; the newest of them; those that do not match. */
  anchorsChecked: number
  newestAnchor: AuditAnchorCheck | null
  anchorProblems: AuditAnchorCheck[]
  /** Records against the last digest an audit row gave them (examples name at most 20 of each). */
  records: {
    matching: number
    changed: number
    unaudited: number
    deleted: number
    examples: string[]
    /** The upgrade's baseline of records is still to be written (it is, the next time the app opens the ledger). */
    baselinePending: boolean
  }
  /** Nothing above is wrong. */
  ok: boolean
}
