import { issueAction, issueStatus, type IssueAction, type IssueStatus, type Satisfaction } from '../../shared/codes/issues'
import { allowedActions } from '../../shared/lifecycle'
import { LedgerError } from '../core/errors'

export { allowedActions, canClose } from '../../shared/lifecycle'

export function assertAllowed(action: IssueAction, status: IssueStatus, lastSatisfaction: Satisfaction | null, number: string): void {
  if (allowedActions(status, lastSatisfaction).includes(action)) return
  if (action === 'close' && status === 'resolved') {
    throw new LedgerError('invalid_transition', `问题 ${number} 尚未回访满意或基本满意，不能销号`)
  }
  if (action === 'callback' && status === 'resolved') {
    throw new LedgerError('invalid_transition', `问题 ${number} 已回访满意，可直接销号`)
  }
  throw new LedgerError('invalid_transition', `问题 ${number} 当前为“${issueStatus.label(status)}”，不能${issueAction.label(action)}`)
}
