import type { z } from 'zod'
import { call, type AnyCallSpec, type ApiOf, type RawApiOf, type ResultOf } from './define'
import type {
  Appointment,
  SessionAppointments,
  AuditChainStatus,
  AuditPage,
  BackupInfo,
  BackupOverview,
  CallbackPage,
  Category,
  Department,
  HandoverSheet,
  HolidayOverride,
  IssueDetail,
  IssuePage,
  MonthlyReport,
  MonthlySummary,
  Operator,
  Organization,
  OrganizationHistory,
  RestoreResult,
  ReturningMatches,
  RevealedValue,
  SearchResults,
  Session,
  Settings,
  Staff,
  Visitor,
  VisitorHistory,
  VisitPage,
  VisitSummary,
  VoidResult,
  YearlySummary,
} from '../../shared/types'
import type { DirectoryPage, MergeResult, OrganizationListItem, VisitorListItem } from '../../shared/types'
import type { ExportProgress, ExportResult } from '../../shared/types'
import type { ImportBatch, ImportBatchSummary, ImportFileChoice, ImportInspection, ImportProgress, ImportReport, ImportUndoResult } from '../../shared/types'
import type { AppInfo, PrintOutcome } from './results'
import * as s from './schemas'

// The one list of calls between renderer and main. Keys are 'domain-verb' in kebab case; the
// renderer calls them as camelCase methods ('issue-assign' → api.issueAssign). Each entry needs a
// handler in electron/handlers/index.ts, which the type checker enforces.
// This file is imported by the renderer for its types: import only zod, ./ siblings and
// type-only db/types.ts here.

export const contract = {
  'app-info': call(s.noInput).returns<AppInfo>(),

  'settings-get': call(s.noInput).returns<Settings>(),
  'settings-update': call(s.settingsUpdateInput).returns<Settings>(),
  'department-list': call(s.noInput).returns<Department[]>(),
  'department-save': call(s.departmentSaveInput).returns<Department>(),
  'staff-list': call(s.noInput).returns<Staff[]>(),
  'staff-save': call(s.staffSaveInput).returns<Staff>(),
  'category-list': call(s.noInput).returns<Category[]>(),
  'category-save': call(s.categorySaveInput).returns<Category>(),
  'holiday-list': call(s.noInput).returns<HolidayOverride[]>(),
  'holiday-set': call(s.holidaySetInput).returns<HolidayOverride[]>(),
  'holiday-remove': call(s.holidayRemoveInput).returns<HolidayOverride[]>(),
  'operator-select': call(s.operatorSelectInput).returns<Operator | null>(),

  'session-list': call(s.sessionListInput).returns<Session[]>(),
  'session-current': call(s.noInput).returns<Session | null>(),
  'session-get': call(s.byId).returns<Session>(),
  'session-plan': call(s.sessionPlanInput).returns<Session>(),
  'session-update': call(s.sessionUpdateInput).returns<Session>(),
  'session-open': call(s.byId).returns<Session>(),
  'session-close': call(s.byId).returns<Session>(),

  'visit-register': call(s.visitRegisterInput).returns<VisitSummary>(),
  'visit-list': call(s.visitListInput).returns<VisitPage>(),
  'contact-register': call(s.contactRegisterInput).returns<VisitSummary>(),
  'contact-list': call(s.contactListInput).returns<VisitPage>(),
  'appointment-list': call(s.appointmentListInput).returns<SessionAppointments>(),
  'appointment-book': call(s.appointmentBookInput).returns<Appointment>(),
  'appointment-cancel': call(s.appointmentCancelInput).returns<Appointment>(),
  'appointment-limits-set': call(s.appointmentLimitsInput).returns<SessionAppointments>(),

  'directory-lookup': call(s.directoryLookupInput).returns<ReturningMatches>(),
  'visitor-history': call(s.byId).returns<VisitorHistory>(),
  'visitor-update': call(s.visitorUpdateInput).returns<Visitor>(),
  'organization-history': call(s.byId).returns<OrganizationHistory>(),
  'organization-update': call(s.organizationUpdateInput).returns<Organization>(),
  'organization-list': call(s.directoryListInput).returns<DirectoryPage<OrganizationListItem>>(),
  'visitor-list': call(s.directoryListInput).returns<DirectoryPage<VisitorListItem>>(),
  'organization-merge': call(s.mergeInput).returns<MergeResult<Organization>>(),
  'visitor-merge': call(s.mergeInput).returns<MergeResult<Visitor>>(),

  'issue-list': call(s.issueListInput).returns<IssuePage>(),
  'issue-get': call(s.byId).returns<IssueDetail>(),
  'issue-assign': call(s.issueAssignInput).returns<IssueDetail>(),
  'issue-progress': call(s.issueProgressInput).returns<IssueDetail>(),
  'issue-supervise': call(s.issueSuperviseInput).returns<IssueDetail>(),
  'issue-extend': call(s.issueExtendInput).returns<IssueDetail>(),
  'issue-resolve': call(s.issueResolveInput).returns<IssueDetail>(),
  'issue-callback': call(s.issueCallbackInput).returns<IssueDetail>(),
  'issue-close': call(s.issueCloseInput).returns<IssueDetail>(),
  'issue-transfer': call(s.issueTransferInput).returns<IssueDetail>(),
  'issue-reject': call(s.issueRejectInput).returns<IssueDetail>(),
  'issue-update-text': call(s.issueUpdateTextInput).returns<IssueDetail>(),
  'callback-due': call(s.callbackQueueInput).returns<CallbackPage>(),
  'callback-to-close': call(s.callbackQueueInput).returns<CallbackPage>(),

  'summary-month': call(s.summaryMonthInput).returns<MonthlySummary>(),
  'summary-year': call(s.summaryYearInput).returns<YearlySummary>(),
  'report-month': call(s.summaryMonthInput).returns<MonthlyReport>(),
  'print-handover': call(s.printHandoverInput).returns<HandoverSheet[]>(),
  'print-page': call(s.printPageInput).returns<PrintOutcome>(),

  // Excel / CSV export (issue 4): main asks where to save; null when the user cancels the dialog.
  'export-month': call(s.exportMonthInput).returns<ExportResult | null>(),
  'export-year': call(s.exportYearInput).returns<ExportResult | null>(),
  'export-issues-csv': call(s.exportIssuesCsvInput).returns<ExportResult | null>(),
  'export-progress': call(s.noInput).returns<ExportProgress>(),

  'search-all': call(s.searchAllInput).returns<SearchResults>(),

  // Reliability (issue 5). Supervisor-only calls answer { code: 'forbidden' } to anyone else.
  'staff-set-pin': call(s.staffSetPinInput).returns<Staff>(),
  'audit-list': call(s.auditListInput).returns<AuditPage>(),
  'audit-verify': call(s.noInput).returns<AuditChainStatus>(),
  'audit-export': call(s.auditExportInput).returns<ExportResult | null>(),
  'visitor-reveal': call(s.visitorRevealInput).returns<RevealedValue>(),
  'visit-void': call(s.visitVoidInput).returns<VoidResult>(),
  'session-void': call(s.sessionVoidInput).returns<VoidResult>(),
  'backup-list': call(s.noInput).returns<BackupOverview>(),
  'backup-now': call(s.noInput).returns<BackupInfo>(),
  'backup-restore': call(s.backupRestoreInput).returns<RestoreResult>(),
  'backup-folder-set': call(s.backupFolderSetInput).returns<BackupOverview>(),

  // Import an old Excel / CSV ledger (issue 7). The file comes from main's open dialog
  // (import-choose-file, null when cancelled); the other calls accept only a file chosen there.
  // import-run and import-undo are supervisor-only; import-run answers once the whole import is
  // committed (or nothing is), and import-progress can be polled meanwhile for the progress bar.
  'import-choose-file': call(s.noInput).returns<ImportFileChoice | null>(),
  'import-inspect': call(s.importInspectInput).returns<ImportInspection>(),
  'import-dry-run': call(s.importDryRunInput).returns<ImportReport>(),
  'import-run': call(s.importRunInput).returns<ImportBatchSummary>(),
  'import-progress': call(s.noInput).returns<ImportProgress>(),
  'import-undo': call(s.importUndoInput).returns<ImportUndoResult>(),
  'import-batches': call(s.noInput).returns<ImportBatch[]>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>

export type Contract = typeof contract
export type ContractKey = keyof Contract
// Indexed access rather than InputOf<>, so generic code over K still sees zod's own types.
export type ContractInput<K extends ContractKey> = z.input<Contract[K]['input']>
export type ContractParsedInput<K extends ContractKey> = z.output<Contract[K]['input']>
export type ContractResult<K extends ContractKey> = ResultOf<Contract[K]>
export type RawApi = RawApiOf<Contract>
export type Api = ApiOf<Contract>

export type { AppInfo } from './results'
export type { Envelope, CallFailure } from './define'
