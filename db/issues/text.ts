import { audit } from '../core/audit'
import { stamp, today, write, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { restoreHiddenNumbers } from '../privacy/mask'
import { getIssueDetail } from './queries'
import type { IssueDetail } from '../../shared/types'
import { optionalText, requireText } from '../validation/text'

export interface IssueTextInput {
  issueId: number
  /** The description as the visitor put it; left as it is when undefined. */
  content?: string | undefined
  /** Where; left as it is when undefined, cleared by null or an empty string. */
  place?: string | null | undefined
}

/**
 * Corrects what an issue says (a typo, a clearer description, the right place). Not a step in
 * the life cycle, so no history row: the audit row keeps the text before and after. The search
 * index follows through its triggers, in the same transaction.
 */
export async function updateIssueText(ctx: LedgerContext, input: IssueTextInput): Promise<IssueDetail> {
  if (input.content === undefined && input.place === undefined) {
    throw new LedgerError('invalid_input', '请填写要修改的问题内容或地点')
  }
  const content = input.content === undefined ? undefined : requireText(input.content, '反映问题', 4000)
  const place = input.place === undefined ? undefined : optionalText(input.place, '问题地点', 200)
  await write(ctx, async (trx) => {
    const row = await trx
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .select(['i.id', 'i.matter_id', 'm.content', 'm.place'])
      .where('i.id', '=', input.issueId)
      .executeTakeFirst()
    if (!row) throw notFound('问题', input.issueId)
    // The screen shows numbers in the text masked; an edit keeps the numbers it did not touch.
    const next = {
      content: content === undefined ? row.content : restoreHiddenNumbers(content, row.content),
      place: place === undefined ? row.place : restoreHiddenNumbers(place, row.place),
    }
    if (next.content === row.content && next.place === row.place) return
    await trx.updateTable('matters').set(next).where('id', '=', row.matter_id).execute()
    await trx
      .updateTable('issues')
      .set({ updated_at: stamp(ctx) })
      .where('id', '=', row.id)
      .execute()
    await audit(trx, ctx, 'edit_text', 'issue', row.id, {
      before: { content: row.content, place: row.place },
      after: next,
    })
  })
  return getIssueDetail(ctx.db, input.issueId, today(ctx))
}
