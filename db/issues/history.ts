import { audit } from '../core/audit'
import { stamp, type LedgerContext, type Tx } from '../core/context'
import type { IssueStatus } from '../../shared/types'

/**
 * Every step of an issue leaves a history row and an audit row, in the caller's transaction; returns
 * the history row's id. Records that belong to the step (a 办结's 处理措施) are written by `belonging`
 * between the two, so the audit row vouches for them as well (db/core/record-state.ts).
 */
export async function recordHistory(
  trx: Tx,
  ctx: LedgerContext,
  issueId: number,
  action: string,
  from: IssueStatus | null,
  to: IssueStatus,
  reason: string | null,
  detail: Record<string, unknown> = {},
  belonging?: (historyId: number) => Promise<void>,
): Promise<number> {
  const row = await trx
    .insertInto('issue_history')
    .values({
      issue_id: issueId,
      action,
      from_status: from,
      to_status: to,
      actor_id: ctx.actor.id,
      at: stamp(ctx),
      reason,
      detail: Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (belonging) await belonging(row.id)
  await audit(trx, ctx, action, 'issue', issueId, { from, to, reason, ...detail })
  return row.id
}
