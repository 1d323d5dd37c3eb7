import { appInfo } from './app-info'
import * as appointments from './appointments'
import * as desk from './desk'
import * as directory from './directory'
import * as exporting from './export'
import * as importing from './import'
import * as issues from './issues'
import * as print from './print'
import * as ref from './reference'
import * as reliability from './reliability'
import { searchAll } from './search'
import type { Handlers } from './types'

// One handler per contract entry, same key. Annotated (not `satisfies`) so callers index it
// with the wide Handlers type.
export const handlers: Handlers = {
  'app-info': appInfo,

  'settings-get': ref.settingsGet,
  'settings-update': ref.settingsUpdate,
  'department-list': ref.departmentList,
  'department-save': ref.departmentSave,
  'staff-list': ref.staffList,
  'staff-save': ref.staffSave,
  'category-list': ref.categoryList,
  'category-save': ref.categorySave,
  'holiday-list': ref.holidayList,
  'holiday-set': ref.holidaySet,
  'holiday-remove': ref.holidayRemove,
  'operator-select': ref.operatorSelect,

  'session-list': desk.sessionList,
  'session-current': desk.sessionCurrent,
  'session-get': desk.sessionGet,
  'session-plan': desk.sessionPlan,
  'session-update': desk.sessionUpdate,
  'session-open': desk.sessionOpen,
  'session-close': desk.sessionClose,

  'visit-register': desk.visitRegister,
  'visit-list': desk.visitList,
  'contact-register': appointments.contactRegister,
  'contact-list': appointments.contactList,
  'appointment-list': appointments.appointmentList,
  'appointment-book': appointments.appointmentBook,
  'appointment-cancel': appointments.appointmentCancel,
  'appointment-limits-set': appointments.appointmentLimitsSet,

  'directory-lookup': desk.directoryLookup,
  'visitor-history': desk.visitorHistoryHandler,
  'visitor-update': desk.visitorUpdate,
  'organization-history': desk.organizationHistoryHandler,
  'organization-update': desk.organizationUpdate,
  'organization-list': directory.organizationList,
  'visitor-list': directory.visitorList,
  'organization-merge': directory.organizationMerge,
  'visitor-merge': directory.visitorMerge,

  'issue-list': issues.issueList,
  'issue-get': issues.issueGet,
  'issue-assign': issues.issueAssign,
  'issue-progress': issues.issueProgress,
  'issue-supervise': issues.issueSupervise,
  'issue-extend': issues.issueExtend,
  'issue-resolve': issues.issueResolve,
  'issue-callback': issues.issueCallback,
  'issue-close': issues.issueClose,
  'issue-transfer': issues.issueTransfer,
  'issue-reject': issues.issueReject,
  'issue-update-text': issues.issueUpdateText,
  'callback-due': issues.callbackDue,
  'callback-to-close': issues.callbackToClose,

  'summary-month': issues.summaryMonth,
  'summary-year': issues.summaryYear,
  'report-month': print.reportMonth,
  'print-handover': print.printHandover,
  'print-page': print.printPage,

  'export-month': exporting.exportMonth,
  'export-year': exporting.exportYear,
  'export-issues-csv': exporting.exportIssuesCsvHandler,
  'export-progress': exporting.exportProgress,

  'search-all': searchAll,

  'staff-set-pin': reliability.staffSetPin,
  'audit-list': reliability.auditList,
  'audit-verify': reliability.auditVerify,
  'audit-export': exporting.auditExportHandler,
  'visitor-reveal': reliability.visitorReveal,
  'visit-void': reliability.visitVoid,
  'session-void': reliability.sessionVoid,
  'backup-list': reliability.backupList,
  'backup-now': reliability.backupNowHandler,
  'backup-restore': reliability.backupRestore,
  'backup-folder-set': reliability.backupFolderSet,

  'import-choose-file': importing.importChooseFile,
  'import-inspect': importing.importInspect,
  'import-dry-run': importing.importDryRun,
  'import-run': importing.importRun,
  'import-progress': importing.importProgress,
  'import-undo': importing.importUndo,
  'import-batches': importing.importBatches,
}
