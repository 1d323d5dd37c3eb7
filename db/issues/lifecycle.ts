import { issueAction, issueStatus, type IssueAction, type IssueStatus, type Satisfaction } from '../../shared/codes/issues'
import { allowedActions, needsSupervisor, PROCEDURE_WITHHOLDS } from '../../shared/lifecycle'
import type { Procedure } from '../../shared/codes/petitions'
import { actsAsSupervisor } from '../core/access'
import type { Executor, LedgerContext } from '../core/context'
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

/** Once a section holds the issue, 转办 and 不予受理 overrule the handover: a supervisor's call. */
export async function assertRoleFor(
  db: Executor,
  ctx: LedgerContext,
  action: IssueAction,
  issue: { status: IssueStatus; number: string },
): Promise<void> {
  if (!needsSupervisor(action, issue.status) || (await actsAsSupervisor(db, ctx.actor))) return
  throw new LedgerError(
    'forbidden',
    `问题 ${issue.number} 已交办，${issueAction.label(action)}须由负责人本人输入 PIN 登录后操作（已受理尚未交办的问题可由前台办理）`,
  )
}
