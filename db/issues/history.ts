import { audit } from '../core/audit'
import { stamp, type LedgerContext, type Tx } from '../core/context'
import type { IssueStatus } from '../../shared/types'

/** Every step of an issue leaves a history row and an audit row, in the caller's transaction; returns the history row's id. */
export async function recordHistory(
  trx: Tx,
  ctx: LedgerContext,
  issueId: number,
  action: string,
  from: IssueStatus | null,
  to: IssueStatus,
  reason: string | null,
  detail: Record<string, unknown> = {},
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
  await audit(trx, ctx, action, 'issue', issueId, { from, to, reason, ...detail })
  return row.id
}
