import type { JobProgress } from './export'
// Import: an old Excel / CSV ledger into this one (db/import/).
import type { IssueStatus } from './issues'
import type { SessionKind } from './sessions'

/** A ledger field a sheet column can be mapped to. */
export type ImportField =
  | 'seq'
  | 'issueNumber'
  | 'date'
  | 'time'
  | 'kind'
  | 'session'
  | 'location'
  | 'visitorName'
  | 'visitorKind'
  | 'phone'
  | 'idNumber'
  | 'organization'
  | 'creditCode'
  | 'headcount'
  | 'matterType'
  | 'category'
  | 'content'
  | 'answer'
  | 'place'
  | 'receivedBy'
  | 'status'
  | 'department'
  | 'assignee'
  | 'leader'
  | 'dueDate'
  | 'result'
  | 'resolvedDate'
  | 'callback'
  | 'callbackDate'
  | 'callbackMethod'
  | 'callbackComment'
  | 'closedDate'
  | 'transferTo'
  | 'reason'
  | 'note'

/** Where a field is read from: a column number (1 = column A) or the column's header text. */
export type ImportColumnRef = number | string

/** Field → column. Fields left out are not read. */
export type ImportMapping = Partial<Record<ImportField, ImportColumnRef>>

export interface ImportFieldInfo {
  field: ImportField
  /** Chinese name shown on the mapping screen, e.g. 来访日期. */
  label: string
  /** A row without it cannot be imported. */
  required: boolean
  /** One line on how the column is read. */
  hint: string
}

export interface ImportColumn {
  /** 1 = column A. */
  index: number
  letter: string
  header: string
  /** The merged group label above the header cell (“来访人信息”), when the header has two rows. */
  group: string | null
  /** The field guessed for this column, if any. */
  field: ImportField | null
}

export interface ImportSheetInfo {
  name: string
  /** Sheet row number of the header (1-based); null when no header row was recognised. */
  headerRow: number | null
  /** Non-blank rows below the header. */
  dataRows: number
  columns: ImportColumn[]
  /** The guessed mapping, by column number. */
  mapping: ImportMapping
  /** The first data rows as text, for the preview table. */
  samples: string[][]
  /** Other sheets of the workbook that will add details by 问题编号 (this app's own export). */
  linked: string[]
  /** A year read from a title row such as “2023年接待日台账”, used for dates written without a year. */
  titleYear: number | null
}

export interface ImportInspection {
  file: string
  fileName: string
  format: 'xlsx' | 'csv'
  /** CSV only: how the text was decoded (utf-8, gbk, utf-16le). */
  encoding: string | null
  sheets: ImportSheetInfo[]
  /** The sheet that looks most like a ledger. */
  defaultSheet: string
  fields: ImportFieldInfo[]
}

export interface ImportOptions {
  sheet?: string | undefined
  /** 接待类型 for rows that do not say; default: 服务企业接待日 when most rows name an enterprise, else 服务群众接待日. */
  defaultKind?: SessionKind | undefined
  /** 接待地点 for reception days the import creates, when the sheet has no such column. */
  location?: string | undefined
  /** Import the readable rows and leave out the unreadable ones (listed in the summary). */
  skipBad?: boolean | undefined
}

export interface ImportRowProblem {
  /** Sheet row number as Excel shows it (CSV: line number). */
  row: number
  /** Column letter and header, e.g. “C 联系电话”; null for the row as a whole. */
  column: string | null
  message: string
}

/** The same remark for many rows is given once, with the rows it applies to. */
export interface ImportWarning {
  message: string
  rows: number[]
}

export interface ImportCounts {
  /** Data rows read (blank and 合计 rows not counted). */
  rows: number
  /** Rows that became visits. */
  imported: number
  sessionsCreated: number
  /** Reception days already in the ledger (same date and kind) that imported visits joined. */
  sessionsReused: number
  visitorsCreated: number
  /** People already in the ledger, found by the same rules as at the desk (phone and name, or name at the same enterprise). */
  visitorsMatched: number
  organizationsCreated: number
  /** Enterprises already in the ledger (same credit code, or same name). */
  organizationsMatched: number
  departmentsCreated: number
  visits: number
  personTimes: number
  consultations: number
  issues: number
  issuesByStatus: Record<IssueStatus, number>
  callbacks: number
  /** Months ('YYYY-MM') the imported visits fall in. */
  months: string[]
}

export interface ImportReport {
  fileName: string
  sheet: string
  headerRow: number
  /** The mapping as applied, by column number. */
  mapping: ImportMapping
  counts: ImportCounts
  blankRows: number
  /** Rows like 合计 / 小计 under the list, left out. */
  totalRows: number
  /** Rows identical to a visit already in the ledger (or to an earlier row of the file): left out. */
  duplicates: ImportRowProblem[]
  /** Rows that cannot be imported, each with its reason. */
  unreadable: ImportRowProblem[]
  warnings: ImportWarning[]
}

export interface ImportBatchSummary extends ImportReport {
  batchId: number
  /** Unreadable rows that were left out (skipBad); 0 otherwise. */
  skipped: number
}

export interface ImportBatch {
  id: number
  fileName: string
  sheet: string | null
  /** Local time 'YYYY-MM-DD HH:mm:ss'. */
  createdAt: string
  actorName: string
  rowsTotal: number
  rowsImported: number
  rowsSkipped: number
  rowsDuplicate: number
  counts: ImportCounts
  undoneAt: string | null
  undoneByName: string | null
}

export interface ImportUndoResult {
  batchId: number
  reason: string
  visits: number
  issueNumbers: string[]
  sessions: number
  departments: number
}

export type ImportProgress = JobProgress

export interface ImportFileChoice {
  file: string
  fileName: string
}
