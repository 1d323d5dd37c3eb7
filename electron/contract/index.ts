import type { z } from 'zod'
import { call, type AnyCallSpec, type ApiOf, type RawApiOf, type ResultOf } from './define'
import type {
  Category,
  Department,
  HolidayOverride,
  IssueDetail,
  IssueListItem,
  IssuePage,
  MonthlySummary,
  Operator,
  Organization,
  OrganizationHistory,
  ReturningMatches,
  Session,
  Settings,
  Staff,
  Visitor,
  VisitorHistory,
  VisitSummary,
} from '../../db/types'
import type { AppInfo } from './results'
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
  'visit-list': call(s.visitListInput).returns<VisitSummary[]>(),

  'directory-lookup': call(s.directoryLookupInput).returns<ReturningMatches>(),
  'visitor-history': call(s.byId).returns<VisitorHistory>(),
  'visitor-update': call(s.visitorUpdateInput).returns<Visitor>(),
  'organization-history': call(s.byId).returns<OrganizationHistory>(),
  'organization-update': call(s.organizationUpdateInput).returns<Organization>(),

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
  'callback-due': call(s.noInput).returns<IssueListItem[]>(),

  'summary-month': call(s.summaryMonthInput).returns<MonthlySummary>(),
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
