// Export (Excel / CSV).

/** A finished export: where it went and how many ledger records it holds. */
export interface ExportResult {
  /** Full path of the written file. */
  file: string
  /** Data rows of the record sheets (来访登记 + 问题台账 + 回访); for the CSV, its issue rows. */
  rows: number
}

/** A year export as it runs: rows written so far out of the rows it will write. */
/** How far a long job (a year export, an import) has got; the renderer polls it for its bar. */
export interface JobProgress {
  running: boolean
  done: number
  total: number
}

export type ExportProgress = JobProgress
