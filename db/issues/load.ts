import { today, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { issueAction } from '../../shared/codes/issues'
import type { IssueRow } from '../core/schema'
import type { IssueAction, IssueDetail } from '../../shared/types'
import { issueVisitJoin, lastSatisfaction } from './join'
import { assertAllowed } from './lifecycle'
import { getIssueDetail } from './detail'

/** The issue an action is about, inside the action's transaction, refused unless its state allows the action. */
export async function loadForAction(trx: Tx, issueId: number, action: IssueAction): Promise<IssueRow> {
  const found = await issueVisitJoin(trx)
    .selectAll('i')
    .select(['v.voided_at as visit_voided_at', lastSatisfaction().as('last_satisfaction')])
    .where('i.id', '=', issueId)
    .executeTakeFirst()
  if (!found) throw notFound('问题', issueId)
  const { visit_voided_at, last_satisfaction, ...issue } = found
  if (visit_voided_at) throw new LedgerError('voided', `问题 ${issue.number} 所属的来访登记已作废，不能再${issueAction.label(action)}`)
  assertAllowed(action, issue.status, last_satisfaction, issue.number, issue.procedure)
  return issue
}

/** The issue as the screens show it after a write. */
export function detailOf(ctx: LedgerContext, id: number): Promise<IssueDetail> {
  return getIssueDetail(ctx.db, id, today(ctx))
}
