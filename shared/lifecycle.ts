import type { IssueAction, IssueStatus, Satisfaction } from './codes/issues'
import { issueAction } from './codes/issues'
import type { Procedure } from './codes/petitions'

// The life cycle of DESIGN.md as data: which action may start from which status. The ledger
// refuses anything else (db/issues/lifecycle.ts); the issue drawer offers only these.
// 'callback' and 'close' also depend on the latest callback, checked in allowedActions; 'sign' and
// 'return' on a section still waiting to answer its handover (db/issues/sections.ts).
export const ACTION_FROM: Readonly<Record<IssueAction, readonly IssueStatus[]>> = {
  assign: ['accepted', 'assigned', 'in_progress', 'reopened'],
  progress: ['assigned', 'in_progress', 'reopened'],
  supervise: ['assigned', 'in_progress', 'reopened'],
  extend: ['accepted', 'assigned', 'in_progress', 'reopened'],
  resolve: ['assigned', 'in_progress', 'reopened'],
  callback: ['resolved'],
  close: ['resolved'],
  transfer: ['accepted', 'assigned', 'in_progress', 'reopened'],
  reject: ['accepted', 'assigned', 'in_progress', 'reopened'],
  sign: ['assigned', 'in_progress', 'reopened'],
  return: ['assigned', 'in_progress', 'reopened'],
}

/**
 * Actions that, from these statuses, only a supervisor may take: once a section holds the issue,
 * sending it elsewhere (转办) or refusing it (不予受理) overrules the handover.
 */
export const SUPERVISOR_FROM: Readonly<Partial<Record<IssueAction, readonly IssueStatus[]>>> = {
  transfer: ['assigned', 'in_progress', 'reopened'],
  reject: ['assigned', 'in_progress', 'reopened'],
}

export function needsSupervisor(action: IssueAction, status: IssueStatus): boolean {
  return SUPERVISOR_FROM[action]?.includes(status) ?? false
}

/** What else the actions depend on, when the caller knows it; left out, the action is not ruled out. */
export interface ActionContext {
  /** Whether a section has a handover it has neither signed nor returned. */
  pendingSection?: boolean
  /** Whether the person acting is a signed-in supervisor. */
  supervisor?: boolean
}

/** Statuses in which the bureau still owes the visitor something. */
export const OPEN_STATUSES = ['accepted', 'assigned', 'in_progress', 'reopened'] as const satisfies readonly IssueStatus[]

export function isOpenStatus(status: IssueStatus): boolean {
  return OPEN_STATUSES.some((s) => s === status)
}

/** A satisfied or basically satisfied latest callback lets the issue be closed (销号). */
export function canClose(lastSatisfaction: Satisfaction | null): boolean {
  return lastSatisfaction === 'satisfied' || lastSatisfaction === 'basically_satisfied'
}

/**
 * The actions a 办理程序 takes over with its own steps (shared/petition-lifecycle.ts): a 信访事项 is
 * extended, answered, refused and forwarded by the statute's steps, each with its written notice.
 */
export const PROCEDURE_WITHHOLDS: Readonly<Record<Procedure, readonly IssueAction[]>> = {
  general: [],
  petition: ['extend', 'resolve', 'transfer', 'reject'],
  referral: [],
}

export function allowedActions(
  status: IssueStatus,
  lastSatisfaction: Satisfaction | null,
  procedure: Procedure = 'general',
  context: ActionContext = {},
): IssueAction[] {
  return issueAction.codes.filter((action) => {
    if (!ACTION_FROM[action].includes(status)) return false
    if (PROCEDURE_WITHHOLDS[procedure].includes(action)) return false
    if ((action === 'sign' || action === 'return') && context.pendingSection === false) return false
    if (context.supervisor === false && needsSupervisor(action, status)) return false
    if (action === 'close') return canClose(lastSatisfaction)
    // One satisfied callback settles it; a further call adds nothing but noise to the figures.
    if (action === 'callback') return !canClose(lastSatisfaction)
    return true
  })
}
