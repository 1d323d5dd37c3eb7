import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { assertMayCorrect } from '../core/access'
import { isOpenStatus } from './deadlines'
import { stamp, today, write, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { restoreHiddenNumbers } from '../privacy/mask'
import { getIssueDetail } from './detail'
import type { IssueDetail } from '../../shared/types'
import { requireText } from '../validation/text'
import {
  applyMatterChanges,
  correctionReason,
  matterChanges,
  matterRecord,
  recordCorrections,
  type FieldChange,
} from '../visits/corrections'

export interface IssueCorrection {
  issueId: number
  /** The description as the visitor put it; left as it is when undefined. */
  content?: string | undefined
  /** Where; left as it is when undefined, cleared by null or an empty string. */
  place?: string | null | undefined
  /** The 办理结果 recorded at 办结. */
  result?: string | undefined
  reason: string
}

/**
 * 更正 what an issue says (a typo, a clearer description, the right place, the result's wording).
 * Each changed field is kept in the issue's history with its old text, the reason and who
 * (db/visits/corrections.ts); the search index follows through its triggers, in the same write.
 * Who may: the clerk who registered it while it is being handled (the result: who recorded the
 * 办结), within the correction period; else a supervisor.
 */
export async function correctIssue(ctx: LedgerContext, input: IssueCorrection & Versioned): Promise<IssueDetail> {
  if (input.content === undefined && input.place === undefined && input.result === undefined) {
    throw new LedgerError('invalid_input', '请填写要更正的问题内容、地点或办理结果')
  }
  const reason = correctionReason(input.reason)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await trx
      .selectFrom('issues')
      .select(['id', 'matter_id', 'status', 'result', 'resolved_date'])
      .where('id', '=', input.issueId)
      .executeTakeFirst()
    if (!issue) throw notFound('问题', input.issueId)
    const matter = await matterRecord(trx, issue.matter_id)
    const voided = matter.voided_at !== null
    const changes: FieldChange[] = []
    if (input.content !== undefined || input.place !== undefined) {
      await assertMayCorrect(
        trx,
        ctx,
        {
          what: '问题',
          receivedById: matter.received_by_id,
          arrivedOn: matter.arrived_at.slice(0, 10),
          voided,
          settled: !isOpenStatus(issue.status),
        },
        today(ctx),
      )
      changes.push(...matterChanges(matter, { content: input.content, place: input.place }))
    }
    if (input.result !== undefined) {
      if (issue.result === null || issue.resolved_date === null)
        throw new LedgerError('invalid_transition', '该问题还没有办结，没有办理结果可更正')
      const resolvedBy = await trx
        .selectFrom('issue_history')
        .select('actor_id')
        .where('issue_id', '=', issue.id)
        .where('action', '=', 'resolve')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
      await assertMayCorrect(
        trx,
        ctx,
        { what: '办理结果', receivedById: resolvedBy?.actor_id ?? null, arrivedOn: issue.resolved_date, voided },
        today(ctx),
      )
      // The screen showed numbers in the result masked: those left as shown keep the number on file.
      const result = restoreHiddenNumbers(requireText(input.result, '办理结果', 4000), issue.result)
      if (result !== issue.result)
        changes.push({ entity: 'issue', entityId: issue.id, field: 'result', before: issue.result, after: result })
    }
    if (changes.length === 0) throw new LedgerError('invalid_input', '没有要更正的内容：与原记录相同')
    await applyMatterChanges(trx, matter.id, changes)
    const result = changes.find((c) => c.entity === 'issue' && c.field === 'result')?.after
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, updated_at: stamp(ctx), ...(result ? { result } : {}) })
      .where('id', '=', issue.id)
      .execute()
    await recordCorrections(trx, ctx, changes, reason, { entity: 'issue', id: issue.id })
  })
  return getIssueDetail(ctx.db, input.issueId, today(ctx))
}
