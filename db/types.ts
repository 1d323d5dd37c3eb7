// Domain objects as they cross into the renderer: camelCase, booleans, personal data masked.
// This file is pure types so the renderer can import it without pulling in Node or SQLite.

export type SessionKind = 'enterprise' | 'public' | 'leader' | 'field'
export type SessionStatus = 'planned' | 'open' | 'closed'
export type IssueStatus =
  | 'accepted'
  | 'assigned'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'reopened'
  | 'transferred'
  | 'rejected'
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'unsatisfied'
export type CallbackMethod = 'phone' | 'visit' | 'sms' | 'other'
export type StaffRole = 'desk' | 'supervisor' | 'handler'
export type VisitorKind = 'resident' | 'enterprise'
export type MatterType = 'consultation' | 'issue'
export type DueState = 'overdue' | 'due_soon' | 'on_time' | 'done'
export type IssueAction =
  | 'assign'
  | 'progress'
  | 'supervise'
  | 'extend'
  | 'resolve'
  | 'callback'
  | 'close'
  | 'transfer'
  | 'reject'

export interface Department {
  id: number
  name: string
  sortOrder: number
  active: boolean
}

export interface Staff {
  id: number
  name: string
  departmentId: number | null
  departmentName: string | null
  title: string | null
  role: StaffRole
  isLeader: boolean
  phone: string | null
  active: boolean
  hasPin: boolean
}

export interface Category {
  id: number
  name: string
  timeLimitDays: number
  sortOrder: number
  active: boolean
}

export interface HolidayOverride {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

export interface Session {
  id: number
  date: string
  kind: SessionKind
  title: string
  location: string
  hostLeaderId: number | null
  hostLeaderName: string | null
  staffIds: number[]
  staffNames: string[]
  status: SessionStatus
  note: string | null
  openedAt: string | null
  closedAt: string | null
  visitCount: number
  personTimes: number
  issueCount: number
  consultationCount: number
}

export interface Organization {
  id: number
  name: string
  creditCode: string | null
  address: string | null
  industry: string | null
  note: string | null
}

export interface Visitor {
  id: number
  name: string
  /** Masked for display: 138****5678. */
  phone: string | null
  /** Masked for display: 110***********1234. */
  idNumber: string | null
  kind: VisitorKind
  organizationId: number | null
  organizationName: string | null
  address: string | null
  note: string | null
}

export interface MatterSummary {
  id: number
  type: MatterType
  categoryId: number
  categoryName: string
  content: string
  answer: string | null
  place: string | null
  issueId: number | null
  issueNumber: string | null
  issueStatus: IssueStatus | null
}

export interface VisitSummary {
  id: number
  sessionId: number | null
  visitDate: string
  arrivedAt: string
  visitorId: number
  visitorName: string
  visitorPhone: string | null
  organizationId: number | null
  organizationName: string | null
  headcount: number
  receivedByName: string | null
  /** 'desk' for a reception-day visit; 'phone', 'letter', 'online', 'other' between them. */
  channel: string
  matters: MatterSummary[]
}

export interface IssueListItem {
  id: number
  number: string
  status: IssueStatus
  categoryId: number
  categoryName: string
  content: string
  visitorName: string
  organizationName: string | null
  departmentId: number | null
  departmentName: string | null
  assigneeName: string | null
  acceptedDate: string
  dueDate: string
  resolvedDate: string | null
  dueState: DueState
}

export interface TimelineEntry {
  kind: 'history' | 'progress' | 'supervision' | 'extension' | 'callback'
  at: string
  actorName: string | null
  title: string
  text: string | null
}

export interface IssueDetail extends IssueListItem {
  place: string | null
  result: string | null
  transferTo: string | null
  reason: string | null
  closedDate: string | null
  visitId: number
  visitorId: number
  visitorPhone: string | null
  organizationId: number | null
  sessionId: number | null
  sessionTitle: string | null
  assigneeId: number | null
  leaderId: number | null
  leaderName: string | null
  firstContactId: number | null
  firstContactName: string | null
  answer: string | null
  lastSatisfaction: Satisfaction | null
  timeline: TimelineEntry[]
  allowedActions: IssueAction[]
  /** Set when the visit that raised it was voided: shown for the record, out of lists and figures. */
  voidedAt: string | null
  voidReason: string | null
}

export interface VisitPage {
  rows: VisitSummary[]
  total: number
  page: number
  pageSize: number
}

/** A row of 回访's queues: what the caller needs in view without opening the issue. */
export interface CallbackItem extends IssueListItem {
  /** Masked like every phone on screen (db/mask.ts). */
  visitorPhone: string | null
  result: string | null
  lastSatisfaction: Satisfaction | null
  lastCallbackDate: string | null
}

export interface CallbackPage {
  rows: CallbackItem[]
  total: number
  page: number
  pageSize: number
}

export interface IssuePage {
  rows: IssueListItem[]
  total: number
  page: number
  pageSize: number
}

export interface VisitorHistory {
  visitor: Visitor
  /** The newest visits, at most 200; visitCount and personTimes count every one. */
  visits: VisitSummary[]
  visitCount: number
  personTimes: number
  openIssues: IssueListItem[]
}

export interface OrganizationHistory {
  organization: Organization
  visitors: Visitor[]
  /** The newest visits, at most 200; visitCount and personTimes count every one. */
  visits: VisitSummary[]
  visitCount: number
  personTimes: number
  openIssues: IssueListItem[]
}

export interface ReturningMatches {
  visitors: (Visitor & { visitCount: number; lastVisitDate: string | null; openIssueCount: number })[]
  organizations: (Organization & { visitCount: number; lastVisitDate: string | null; openIssueCount: number })[]
}

export interface CategoryFigure {
  categoryId: number
  categoryName: string
  consultations: number
  issuesAccepted: number
  issuesResolved: number
}

/** A month's figures and the lists behind them (db/figures.ts states every definition). */
export interface MonthlySummary extends MonthFigures {
  sessionsByKind: Record<SessionKind, number>
  overdue: IssueListItem[]
  carriedOverIssues: IssueListItem[]
  byCategory: CategoryFigure[]
}

export interface Operator {
  id: number | null
  name: string
  role: StaffRole
}

export interface Settings {
  /** Printed at the top of handover sheets and reports. */
  bureauName: string
  /** Complaints about a third party often withhold the complainant's identity on the sheet. */
  showVisitorOnHandover: boolean
}

// ---- search ----

export type SearchKind = 'issue' | 'visitor' | 'organization'

/** A matched stretch of `text`: UTF-16 offsets as String.prototype.slice takes them, end exclusive. */
export interface TextRange {
  start: number
  end: number
}

/**
 * Text with the places the query matched, for the renderer to mark up itself (no HTML crosses
 * the boundary). Long fields come as an excerpt around the first match, with '…' at a cut end.
 */
export interface MarkedText {
  text: string
  ranges: TextRange[]
}

export interface IssueSearchHit {
  kind: 'issue'
  id: number
  number: MarkedText
  status: IssueStatus
  acceptedDate: string
  visitorName: string
  organizationName: string | null
  content: MarkedText
  place: MarkedText | null
  result: MarkedText | null
}

export interface VisitorSearchHit {
  kind: 'visitor'
  id: number
  name: MarkedText
  visitorKind: VisitorKind
  /** Masked. */
  phone: string | null
  organizationName: string | null
  lastVisitDate: string | null
}

export interface OrganizationSearchHit {
  kind: 'organization'
  id: number
  name: MarkedText
  creditCode: MarkedText | null
  lastVisitDate: string | null
}

export type SearchHit = IssueSearchHit | VisitorSearchHit | OrganizationSearchHit

/** Each list is in rank order, best first. */
export interface SearchResults {
  query: string
  /** The terms the query was split into; every hit matches all of them. */
  terms: string[]
  issues: IssueSearchHit[]
  visitors: VisitorSearchHit[]
  organizations: OrganizationSearchHit[]
}

// ---- reliability: backups, audit, operators, personal data, voiding ----

export type BackupKind = 'daily' | 'manual' | 'pre-migration' | 'pre-restore' | 'damaged'

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

export type RevealField = 'phone' | 'idNumber'

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

// ---- directory: paged lists and merging duplicates ----

export interface OrganizationListItem extends Organization {
  /** Visits not voided, and the people they brought (人次). */
  visitCount: number
  personTimes: number
  lastVisitDate: string | null
  openIssueCount: number
  /** Live (not merged) people recorded as working there. */
  visitorCount: number
}

export interface VisitorListItem extends Visitor {
  visitCount: number
  lastVisitDate: string | null
  openIssueCount: number
}

export interface DirectoryPage<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
}

/** What merging a duplicate into the kept record did; the merged record stays, marked. */
export interface MergeResult<T> {
  kept: T
  mergedId: number
  /** Visits that now belong to the kept record (voided ones included). */
  movedVisits: number
  /** For enterprises: people whose enterprise is now the kept one. Always 0 for visitors. */
  movedVisitors: number
  /** Fields of the kept record that were blank and were taken from the merged one (code names). */
  filled: string[]
}

export interface HandoverSheet {
  bureauName: string
  issueId: number
  number: string
  acceptedDate: string
  dueDate: string
  timeLimitDays: number
  sessionTitle: string | null
  /** False when the office withholds the complainant's identity on handover sheets. */
  showVisitor: boolean
  visitorName: string | null
  /** Masked: 138****5678. */
  visitorPhone: string | null
  organizationName: string | null
  categoryName: string
  place: string | null
  content: string
  answeredOnTheSpot: string | null
  departmentName: string | null
  assigneeName: string | null
  leaderName: string | null
  firstContactName: string | null
  assignNote: string | null
}

export interface MonthlyReport {
  summary: MonthlySummary
  /** The report sentence, figures from the summary; editable on screen before printing. */
  sentence: string
  bureauName: string
}

// ---- export (Excel / CSV) ----

/** A finished export: where it went and how many ledger records it holds. */
export interface ExportResult {
  /** Full path of the written file. */
  file: string
  /** Data rows of the record sheets (来访登记 + 问题台账 + 回访); for the CSV, its issue rows. */
  rows: number
}

/** A year export as it runs: rows written so far out of the rows it will write. */
export interface ExportProgress {
  running: boolean
  done: number
  total: number
}

export type AppointmentStatus = 'booked' | 'arrived' | 'no_show' | 'cancelled'

export interface AppointmentQuestion {
  categoryId: number | null
  categoryName: string | null
  content: string
}

export interface Appointment {
  id: number
  sessionId: number
  visitorName: string
  /** Masked: 138****5678. */
  phone: string | null
  kind: VisitorKind
  organizationName: string | null
  creditCode: string | null
  headcount: number
  /** `no_show` is derived: still booked when the day was closed. */
  status: AppointmentStatus
  visitId: number | null
  note: string | null
  cancelReason: string | null
  questions: AppointmentQuestion[]
}

export interface SessionAppointments {
  session: Session
  maxBookings: number | null
  maxPeoplePerBooking: number | null
  appointments: Appointment[]
  bureauName: string
}

// ---- yearly figures ----

/** One month's figures inside a year, defined exactly as in MonthlySummary (without its lists). */
export interface MonthFigures {
  month: string
  /** Reception days held (opened), not merely planned. */
  sessions: number
  visits: number
  enterprises: number
  residentPersonTimes: number
  enterprisePersonTimes: number
  personTimes: number
  consultations: number
  issuesRegistered: number
  issuesAccepted: number
  issuesResolved: number
  issuesResolvedOnTime: number
  issuesClosed: number
  issuesTransferred: number
  issuesRejected: number
  issuesOpen: number
  /** Percent 0–100 with one decimal, null when nothing to divide by. */
  resolutionRate: number | null
  onTimeRate: number | null
  callbacks: number
  satisfied: number
  basicallySatisfied: number
  unsatisfied: number
  satisfactionRate: number | null
  carriedOver: number
}

export interface YearlySummary {
  year: string
  months: MonthFigures[]
  /**
   * The year as a whole: sums of the months, except 接待企业 (distinct over the year) and 结转
   * (issues registered before the year and still open on 1 January). Rates from the sums.
   */
  total: Omit<MonthFigures, 'month'>
  byCategory: CategoryFigure[]
}

// ---- import (issue 7): an old Excel / CSV ledger into this one (db/import/) ----

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

export interface ImportProgress {
  running: boolean
  done: number
  total: number
}

export interface ImportFileChoice {
  file: string
  fileName: string
}
