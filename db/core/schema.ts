import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

// Row shapes as SQLite stores them: snake_case, booleans as 0/1, dates as 'YYYY-MM-DD' text,
// times as local 'YYYY-MM-DD HH:mm:ss'. Domain objects (db/types.ts) are mapped from these.

import type {
  CallbackMethod,
  IssueStatus,
  MatterType,
  Satisfaction,
  SessionKind,
  SessionStatus,
  StaffRole,
  VisitorKind,
  DeliveryMethod,
  LimitUnit,
  NoticeKind,
  PetitionDecision,
  Procedure,
  ReviewLevel,
  SourceKind,
} from '../../shared/types'
import type { SessionHolidayShift, SessionRuleNth, SessionRuleWeekday } from '../../shared/codes/sessions'

import type { Finding, MeasureKind, SectionRole, SectionStatus } from '../../shared/codes/case-file'
import type { AttachmentKind, AttachmentMediaType } from '../../shared/codes/attachments'

export type { CallbackMethod, IssueStatus, MatterType, Satisfaction, SessionKind, SessionStatus, StaffRole, VisitorKind }

export interface SettingsTable {
  key: string
  value: string
}

export interface DepartmentsTable {
  id: Generated<number>
  name: string
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
  import_batch_id: number | null
}

export interface StaffTable {
  id: Generated<number>
  name: string
  department_id: number | null
  title: string | null
  role: Generated<StaffRole>
  is_leader: Generated<number>
  phone: string | null
  pin_hash: string | null
  /** 1: the PIN was set by someone else, and its owner replaces it at their next sign-in. */
  pin_initial: Generated<number>
  active: Generated<number>
  created_at: string
}

export interface CategoriesTable {
  id: Generated<number>
  name: string
  time_limit_days: number
  time_limit_unit: Generated<LimitUnit>
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
}

export interface HolidayOverridesTable {
  date: string
  kind: 'holiday' | 'workday'
  name: string
  created_at: string
}

export interface SessionsTable {
  id: Generated<number>
  date: string
  kind: SessionKind
  title: string
  location: string
  host_leader_id: number | null
  status: Generated<SessionStatus>
  note: string | null
  opened_at: string | null
  closed_at: string | null
  voided_at: string | null
  void_reason: string | null
  created_at: string
  updated_at: string
  max_bookings: number | null
  max_people_per_booking: number | null
  /** Set on a reception day an import created (db/import/); null for everything else. */
  import_batch_id: number | null
  /** The rule date a day generated from a 接待日规则 stands for, even after it is moved by hand; null otherwise. */
  rule_date: string | null
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface SessionRulesTable {
  id: Generated<number>
  kind: SessionKind
  nth: SessionRuleNth
  weekday: SessionRuleWeekday
  holiday_shift: SessionHolidayShift
  location: string
  title_template: string | null
  max_bookings: number | null
  max_people_per_booking: number | null
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface SessionStaffTable {
  session_id: number
  staff_id: number
}

export interface OrganizationsTable {
  id: Generated<number>
  name: string
  credit_code: string | null
  address: string | null
  industry: string | null
  note: string | null
  merged_into_id: number | null
  created_at: string
  updated_at: string
  import_batch_id: number | null
  /** The latest visit not voided (db/directory/last-visit.ts keeps it). */
  last_visit_date: Generated<string | null>
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface VisitorsTable {
  id: Generated<number>
  name: string
  phone: string | null
  id_number: string | null
  kind: VisitorKind
  organization_id: number | null
  address: string | null
  note: string | null
  merged_into_id: number | null
  created_at: string
  updated_at: string
  import_batch_id: number | null
  /** The latest visit not voided (db/directory/last-visit.ts keeps it). */
  last_visit_date: Generated<string | null>
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface VisitsTable {
  id: Generated<number>
  session_id: number | null
  visitor_id: number
  organization_id: number | null
  headcount: number
  visit_date: string
  arrived_at: string
  channel: Generated<string>
  received_by_id: number | null
  note: string | null
  voided_at: string | null
  void_reason: string | null
  created_at: string
  import_batch_id: number | null
  /** The sheet row the visit was imported from. */
  import_row: number | null
  /** The desk form's submission: unique, so one submission is one visit however often it arrives. */
  submission_token: string | null
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface MattersTable {
  id: Generated<number>
  visit_id: number
  type: MatterType
  category_id: number
  content: string
  answer: string | null
  place: string | null
  created_at: string
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface IssuesTable {
  id: Generated<number>
  matter_id: number
  number: string
  year_month: string
  seq: number
  status: IssueStatus
  category_id: number
  accepted_date: string
  due_date: string
  department_id: number | null
  assignee_id: number | null
  leader_id: number | null
  first_contact_id: number | null
  result: string | null
  resolved_date: string | null
  closed_date: string | null
  transfer_to: string | null
  reason: string | null
  created_at: string
  updated_at: string
  import_batch_id: number | null
  /** 来源 (issue_sources); null only for rows written before sources existed by code that bypasses registration. */
  source_id: number | null
  /** 工单号 / 文号 of the transferring body. */
  source_ref: string | null
  /** The body that transferred the matter. */
  source_body: string | null
  procedure: Generated<Procedure>
  /** 被反映对象: the enterprise complained about (migration 0010). */
  subject_organization_id: Generated<number | null>
  /** 属地 (migration 0010). */
  locality_id: Generated<number | null>
  /** 重复件: the earlier issue this one repeats (migration 0010). */
  repeat_of_id: Generated<number | null>
  /** 查实情况 at the latest 办结 (migration 0010). */
  finding: Generated<Finding | null>
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface LocalitiesTable {
  id: Generated<number>
  name: string
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
}

/** 处理措施, each belonging to the 办结 history row that recorded it. */
export interface IssueMeasuresTable {
  id: Generated<number>
  issue_id: number
  history_id: number
  kind: MeasureKind
  rectify_deadline: string | null
  fine_fen: number | null
  referred_to: string | null
  note: string | null
  created_at: string
}

/** A file on an issue; its bytes are `<ledger>.files/<sha256>` (db/attachments/store.ts). */
export interface IssueAttachmentsTable {
  id: Generated<number>
  issue_id: number
  kind: AttachmentKind
  original_name: string
  media_type: AttachmentMediaType
  size: number
  sha256: string
  actor_id: number | null
  created_at: string
}

/** One section's handover of an issue (主办 or 协办) and its 签收 or 退回. */
export interface IssueSectionsTable {
  id: Generated<number>
  issue_id: number
  department_id: number
  role: SectionRole
  status: Generated<SectionStatus>
  assigned_at: string
  signed_date: string | null
  signer_id: number | null
  return_reason: string | null
  answered_at: string | null
  actor_id: number | null
}

export interface IssueHistoryTable {
  id: Generated<number>
  issue_id: number
  action: string
  from_status: IssueStatus | null
  to_status: IssueStatus
  actor_id: number | null
  at: string
  reason: string | null
  detail: string | null
}

export interface ProgressNotesTable {
  id: Generated<number>
  issue_id: number
  kind: Generated<'progress' | 'supervision'>
  note_date: string
  note: string
  actor_id: number | null
  created_at: string
}

export interface ExtensionsTable {
  id: Generated<number>
  issue_id: number
  old_due_date: string
  new_due_date: string
  approver_id: number
  reason: string
  actor_id: number | null
  created_at: string
  /** 1: granted after the deadline had passed (超期后延期); the issue still counts as overdue. */
  late: Generated<number>
}

export interface CallbacksTable {
  id: Generated<number>
  issue_id: number
  callback_date: string
  method: CallbackMethod
  satisfaction: Satisfaction
  comment: string | null
  actor_id: number | null
  created_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_id: number | null
  actor_name: string
  action: string
  entity: string
  entity_id: number | null
  detail: string
  prev_hash: string
  hash: string
  /** SHA-256 over this row's audit_state entries; null when the write changed no record (and before 0007). */
  state_digest: string | null
}

/** One record as an audited write left it: which row, over how many columns, and its digest. */
export interface AuditStateTable {
  audit_id: number
  entity_table: string
  row_key: string
  column_count: number
  row_hash: string
}

export interface LedgerIdentityTable {
  id: string
  created_at: string
  /** Audit rows up to this id were written before record digests began. */
  state_from_audit_id: number
}

export interface AppointmentsTable {
  id: Generated<number>
  session_id: number
  visitor_name: string
  phone: string | null
  kind: VisitorKind
  organization_name: string | null
  credit_code: string | null
  headcount: number
  status: Generated<'booked' | 'arrived' | 'cancelled'>
  visit_id: number | null
  note: string | null
  cancel_reason: string | null
  created_at: string
  updated_at: string
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface AppointmentQuestionsTable {
  id: Generated<number>
  appointment_id: number
  category_id: number | null
  content: string
}

/** One import of an old Excel / CSV ledger (db/import/); undone as a whole. */
export interface ImportBatchesTable {
  id: Generated<number>
  file_name: string
  sheet: string | null
  /** The mapping used, as JSON: field → column. */
  mapping: string
  rows_total: Generated<number>
  rows_imported: Generated<number>
  rows_skipped: Generated<number>
  rows_duplicate: Generated<number>
  /** What the import created, as JSON (ImportCounts). */
  summary: Generated<string>
  last_history_id: Generated<number>
  last_note_id: Generated<number>
  last_callback_id: Generated<number>
  last_extension_id: Generated<number>
  actor_id: number | null
  actor_name: string
  created_at: string
  finished_at: string | null
  undone_at: string | null
  undone_by_id: number | null
  undone_by_name: string | null
}

/** A month's report frozen as sent (月结); reopening stamps the row, a new close adds one. */
export interface MonthClosesTable {
  id: Generated<number>
  month: string
  closed_at: string
  closed_by_id: number
  closed_by_name: string
  /** JSON: the report and the list sheets as they were sent (db/figures/close.ts). */
  snapshot: string
  audit_head_id: number
  audit_head_hash: string
  reopened_at: string | null
  reopened_by_id: number | null
  reopened_by_name: string | null
  reopen_reason: string | null
}

/** A year whose official holiday arrangement the office has entered; its days are no longer 暂定. */
export interface CalendarYearsTable {
  year: number
  source: 'typed' | 'file'
  file_name: string | null
  confirmed_at: string
  confirmed_by_id: number | null
  confirmed_by_name: string
}

/** The office's 来源 list (设置 → 来源), each of one kind. */
export interface IssueSourcesTable {
  id: Generated<number>
  name: string
  kind: SourceKind
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
}

/** One row per 信访事项 (db/issues/petition.ts). */
export interface PetitionsTable {
  issue_id: number
  registered_on: string
  decision: PetitionDecision | null
  decided_on: string | null
  decision_reason: string | null
  forwarded_to: string | null
  extended_days: number | null
  extension_reason: string | null
  extension_approver_id: number | null
  extended_on: string | null
  replied_on: string | null
  reply: string | null
  repeat_of_issue_id: number | null
  created_at: string
  updated_at: string
}

export interface PetitionNoticesTable {
  id: Generated<number>
  issue_id: number
  kind: NoticeKind
  dated: string
  delivered_on: string | null
  delivery_method: DeliveryMethod | null
  actor_id: number | null
  created_at: string
}

export interface PetitionReviewsTable {
  id: Generated<number>
  issue_id: number
  level: ReviewLevel
  requested_on: string
  body: string | null
  answered_on: string | null
  answer: string | null
  created_at: string
}

/** One row per 转办件 (db/issues/procedure.ts). */
export interface ReferralsTable {
  issue_id: number
  due_on: string
  reply_by: string
  replied_on: string | null
  reply_method: DeliveryMethod | null
  reply: string | null
  created_at: string
  updated_at: string
}

/** One correction of a saved record: what the field said, what it says now, why and who. */
export interface CorrectionsTable {
  id: Generated<number>
  entity: 'visit' | 'matter' | 'issue'
  entity_id: number
  field: string
  old_value: string | null
  new_value: string | null
  reason: string
  actor_id: number | null
  actor_name: string
  at: string
}

/** 常用答复: an answer the office gives often, per category; the desk picks the most used first. */
export interface AnswerTemplatesTable {
  id: Generated<number>
  category_id: number
  text: string
  use_count: Generated<number>
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface Database {
  settings: SettingsTable
  departments: DepartmentsTable
  staff: StaffTable
  categories: CategoriesTable
  holiday_overrides: HolidayOverridesTable
  sessions: SessionsTable
  session_rules: SessionRulesTable
  session_staff: SessionStaffTable
  organizations: OrganizationsTable
  visitors: VisitorsTable
  visits: VisitsTable
  matters: MattersTable
  issues: IssuesTable
  issue_history: IssueHistoryTable
  progress_notes: ProgressNotesTable
  extensions: ExtensionsTable
  callbacks: CallbacksTable
  audit_log: AuditLogTable
  audit_state: AuditStateTable
  ledger_identity: LedgerIdentityTable
  import_batches: ImportBatchesTable
  appointments: AppointmentsTable
  appointment_questions: AppointmentQuestionsTable
  month_closes: MonthClosesTable
  calendar_years: CalendarYearsTable
  issue_sources: IssueSourcesTable
  petitions: PetitionsTable
  petition_notices: PetitionNoticesTable
  petition_reviews: PetitionReviewsTable
  referrals: ReferralsTable
  corrections: CorrectionsTable
  answer_templates: AnswerTemplatesTable
  localities: LocalitiesTable
  issue_measures: IssueMeasuresTable
  issue_sections: IssueSectionsTable
  issue_attachments: IssueAttachmentsTable
}

export type SessionRow = Selectable<SessionsTable>
export type NewSession = Insertable<SessionsTable>
export type SessionUpdate = Updateable<SessionsTable>
export type StaffRow = Selectable<StaffTable>
export type DepartmentRow = Selectable<DepartmentsTable>
export type CategoryRow = Selectable<CategoriesTable>
export type OrganizationRow = Selectable<OrganizationsTable>
export type NewOrganization = Insertable<OrganizationsTable>
export type VisitorRow = Selectable<VisitorsTable>
export type NewVisitor = Insertable<VisitorsTable>
export type VisitRow = Selectable<VisitsTable>
export type MatterRow = Selectable<MattersTable>
export type IssueRow = Selectable<IssuesTable>
export type IssueUpdate = Updateable<IssuesTable>
export type IssueHistoryRow = Selectable<IssueHistoryTable>
export type ProgressNoteRow = Selectable<ProgressNotesTable>
export type ExtensionRow = Selectable<ExtensionsTable>
export type CallbackRow = Selectable<CallbacksTable>
export type AuditRow = Selectable<AuditLogTable>
export type HolidayOverrideRow = Selectable<HolidayOverridesTable>
export type IssueSourceRow = Selectable<IssueSourcesTable>
export type PetitionRow = Selectable<PetitionsTable>
export type PetitionNoticeRow = Selectable<PetitionNoticesTable>
export type PetitionReviewRow = Selectable<PetitionReviewsTable>
export type ReferralRow = Selectable<ReferralsTable>
