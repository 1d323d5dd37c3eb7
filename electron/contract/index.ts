import type { z } from 'zod'
import type { AnyCallSpec, ApiOf, RawApiOf, ResultOf } from './define'
import { appCalls } from './calls/app'
import { auditCalls } from './calls/audit'
import { backupCalls } from './calls/backup'
import { directoryCalls } from './calls/directory'
import { exportCalls } from './calls/export'
import { figuresCalls } from './calls/figures'
import { importCalls } from './calls/import'
import { issuesCalls } from './calls/issues'
import { printCalls } from './calls/print'
import { referenceCalls } from './calls/reference'
import { searchCalls } from './calls/search'
import { sessionsCalls } from './calls/sessions'
import { staffCalls } from './calls/staff'
import { visitsCalls } from './calls/visits'
import { petitionsCalls } from './calls/petitions'

// The one list of calls between renderer and main. Keys are 'domain-verb' in kebab case; the
// renderer calls them as camelCase methods ('issue-assign' → api.issueAssign). Each domain's calls
// and input schemas live in calls/<domain>.ts, named after the key's prefix (see CALL_DOMAINS);
// each needs a handler in electron/handlers/<domain>.ts, which the type checker enforces.
// The renderer imports this file for its types only: calls/ import only zod, ./ siblings and
// shared/.
export const contract = {
  ...appCalls,
  ...referenceCalls,
  ...staffCalls,
  ...sessionsCalls,
  ...visitsCalls,
  ...directoryCalls,
  ...issuesCalls,
  ...figuresCalls,
  ...printCalls,
  ...exportCalls,
  ...searchCalls,
  ...auditCalls,
  ...backupCalls,
  ...importCalls,
  ...petitionsCalls,
} satisfies Record<`${string}-${string}`, AnyCallSpec>

/** Which domain file (calls/<domain>.ts, handlers/<domain>.ts) owns a call, by its key's prefix. */
export const CALL_DOMAINS = {
  app: 'app',
  ledger: 'app',
  settings: 'reference',
  department: 'reference',
  category: 'reference',
  holiday: 'reference',
  locality: 'reference',
  staff: 'staff',
  operator: 'staff',
  session: 'sessions',
  visit: 'visits',
  contact: 'visits',
  appointment: 'visits',
  directory: 'directory',
  visitor: 'directory',
  organization: 'directory',
  issue: 'issues',
  callback: 'issues',
  summary: 'figures',
  report: 'figures',
  month: 'figures',
  print: 'print',
  export: 'export',
  search: 'search',
  audit: 'audit',
  backup: 'backup',
  recovery: 'backup',
  import: 'import',
  source: 'petitions',
  procedure: 'petitions',
  petition: 'petitions',
  referral: 'petitions',
} as const

export type Contract = typeof contract
export type ContractKey = keyof Contract
// Indexed access rather than InputOf<>, so generic code over K still sees zod's own types.
export type ContractInput<K extends ContractKey> = z.input<Contract[K]['input']>
export type ContractParsedInput<K extends ContractKey> = z.output<Contract[K]['input']>
export type ContractResult<K extends ContractKey> = ResultOf<Contract[K]>
export type RawApi = RawApiOf<Contract>
export type Api = ApiOf<Contract>

export type { AppInfo, LedgerChoiceView, SavedLedgerChoice, ServerCopy, ServerTestResult } from './results'
export type { Envelope, CallFailure } from './define'
