import { issueAction, issueStatus, type IssueAction, type IssueStatus, type Satisfaction } from '../../shared/codes/issues'
import { allowedActions, PROCEDURE_WITHHOLDS } from '../../shared/lifecycle'
import type { Procedure } from '../../shared/codes/petitions'
import { LedgerError } from '../core/errors'

export { allowedActions, canClose } from '../../shared/lifecycle'

export function assertAllowed(
  action: IssueAction,
  status: IssueStatus,
  lastSatisfaction: Satisfaction | null,
  number: string,
  procedure: Procedure = 'general',
): void {
  if (allowedActions(status, lastSatisfaction, procedure).includes(action)) return
  if (PROCEDURE_WITHHOLDS[procedure].includes(action)) {
    throw new LedgerError(
      'invalid_transition',
      `问题 ${number} 是信访事项：延期、办结、转办和不予受理按信访程序办理（受理决定、延期办理、书面答复），不能直接${issueAction.label(action)}`,
    )
  }
  if (action === 'close' && status === 'resolved') {
    throw new LedgerError('invalid_transition', `问题 ${number} 尚未回访满意或基本满意，不能销号`)
  }
  if (action === 'callback' && status === 'resolved') {
    throw new LedgerError('invalid_transition', `问题 ${number} 已回访满意，可直接销号`)
  }
  throw new LedgerError('invalid_transition', `问题 ${number} 当前为“${issueStatus.label(status)}”，不能${issueAction.label(action)}`)
}
