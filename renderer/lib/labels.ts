import type { IssueStatus } from '../../electron/contract/types'
import { callbackMethod, dueState, issueStatus, satisfaction } from '../../shared/codes/issues'
import { SESSION_KIND_SHORT as KIND_SHORT, sessionKind, sessionStatus } from '../../shared/codes/sessions'
import { staffRole } from '../../shared/codes/staff'

// Screen wording for the ledger's codes: every label comes from shared/codes/, where the ledger
// takes its words too. Only what is the screen's own (colours) is written here.

export const SESSION_KIND = sessionKind.labels
export const SESSION_KIND_SHORT = KIND_SHORT
export const SESSION_STATUS = sessionStatus.labels
export const ISSUE_STATUS = issueStatus.labels
export const DUE_STATE = dueState.labels
export const SATISFACTION = satisfaction.labels
export const CALLBACK_METHOD = callbackMethod.labels
export const STAFF_ROLE = staffRole.labels

export const ISSUE_STATUS_COLOR = {
  accepted: 'blue',
  assigned: 'geekblue',
  in_progress: 'processing',
  resolved: 'cyan',
  closed: 'success',
  reopened: 'warning',
  transferred: 'purple',
  rejected: 'default',
} as const satisfies Record<IssueStatus, string>

export function optionsOf<K extends string>(labels: Readonly<Record<K, string>>, keys: readonly K[]): { value: K; label: string }[] {
  return keys.map((value) => ({ value, label: labels[value] }))
}
