import type { Insertable, Selectable, Updateable } from 'kysely'

// Row shapes as SQLite stores them: snake_case, booleans as 0/1, dates as 'YYYY-MM-DD' text,
// times as local 'YYYY-MM-DD HH:mm:ss'. Domain objects (db/types.ts) are mapped from these.
// Each table's shape lives with its domain's others in db/core/tables/; this file joins them
// into the one Database Kysely is typed with, and every import of a row type comes from here.

import type {
  CallbackMethod,
  IssueStatus,
  MatterType,
  Satisfaction,
  SessionKind,
  SessionStatus,
  StaffRole,
  VisitorKind,
} from '../../shared/types'
import type {
  SettingsTable,
  DepartmentsTable,
  StaffTable,
  CategoriesTable,
  HolidayOverridesTable,
  CalendarYearsTable,
  LocalitiesTable,
  IssueSourcesTable,
  AnswerTemplatesTable,
} from './tables/reference'
import type { SessionsTable, SessionRulesTable, SessionStaffTable, AppointmentsTable, AppointmentQuestionsTable } from './tables/sessions'
import type { OrganizationsTable, VisitorsTable, VisitsTable, MattersTable } from './tables/visits'
import type {
  IssuesTable,
  IssueMeasuresTable,
  IssueAttachmentsTable,
  IssueSectionsTable,
  IssueHistoryTable,
  ProgressNotesTable,
  ExtensionsTable,
  CallbacksTable,
} from './tables/issues'
import type { PetitionsTable, PetitionNoticesTable, PetitionReviewsTable, ReferralsTable } from './tables/petitions'
import type {
  AuditLogTable,
  AuditStateTable,
  LedgerIdentityTable,
  ImportBatchesTable,
  MonthClosesTable,
  CorrectionsTable,
} from './tables/records'

export type { CallbackMethod, IssueStatus, MatterType, Satisfaction, SessionKind, SessionStatus, StaffRole, VisitorKind }
export type * from './tables/reference'
export type * from './tables/sessions'
export type * from './tables/visits'
export type * from './tables/issues'
export type * from './tables/petitions'
export type * from './tables/records'

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
