import { LedgerError } from '../core/errors'
import { ISSUE_STATUS_LABEL } from '../../shared/labels'
import type { IssueAction, IssueStatus, Satisfaction } from '../../shared/types'

// The life cycle of DESIGN.md as data: which action may start from which status.
// 'callback' and 'close' also depend on the latest callback, checked in allowedActions.
const FROM: Record<IssueAction, readonly IssueStatus[]> = {
  assign: ['accepted', 'assigned', 'in_progress', 'reopened'],
  progress: ['assigned', 'in_progress', 'reopened'],
  supervise: ['assigned', 'in_progress', 'reopened'],
  extend: ['accepted', 'assigned', 'in_progress', 'reopened'],
  resolve: ['assigned', 'in_progress', 'reopened'],
  callback: ['resolved'],
  close: ['resolved'],
  transfer: ['accepted'],
  reject: ['accepted'],
}

const ACTIONS: readonly IssueAction[] = ['assign', 'progress', 'supervise', 'extend', 'resolve', 'callback', 'close', 'transfer', 'reject']

export const ACTION_LABEL: Record<IssueAction, string> = {
  assign: '交办',
  progress: '记录进展',
  supervise: '督办',
  extend: '延期',
  resolve: '办结',
  callback: '回访',
  close: '销号',
  transfer: '转办',
  reject: '不予受理',
}

export function canClose(lastSatisfaction: Satisfaction | null): boolean {
  return lastSatisfaction === 'satisfied' || lastSatisfaction === 'basically_satisfied'
}

export function allowedActions(status: IssueStatus, lastSatisfaction: Satisfaction | null): IssueAction[] {
  return ACTIONS.filter((action) => {
    if (!FROM[action].includes(status)) return false
    if (action === 'close') return canClose(lastSatisfaction)
    // One satisfied callback settles it; a further call adds nothing but noise to the figures.
    if (action === 'callback') return !canClose(lastSatisfaction)
    return true
  })
}

export function assertAllowed(action: IssueAction, status: IssueStatus, lastSatisfaction: Satisfaction | null, number: string): void {
  if (allowedActions(status, lastSatisfaction).includes(action)) return
  if (action === 'close' && status === 'resolved') {
    throw new LedgerError('invalid_transition', `问题 ${number} 尚未回访满意或基本满意，不能销号`)
  }
  if (action === 'callback' && status === 'resolved') {
    throw new LedgerError('invalid_transition', `问题 ${number} 已回访满意，可直接销号`)
  }
  throw new LedgerError('invalid_transition', `问题 ${number} 当前为“${ISSUE_STATUS_LABEL[status]}”，不能${ACTION_LABEL[action]}`)
}
