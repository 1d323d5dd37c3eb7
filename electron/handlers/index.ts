import { appInfo } from './app-info'
import * as desk from './desk'
import * as issues from './issues'
import * as ref from './reference'
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

  'directory-lookup': desk.directoryLookup,
  'visitor-history': desk.visitorHistoryHandler,
  'visitor-update': desk.visitorUpdate,
  'organization-history': desk.organizationHistoryHandler,
  'organization-update': desk.organizationUpdate,

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
  'callback-due': issues.callbackDue,

  'summary-month': issues.summaryMonth,
}
