import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { actsAsSupervisor, assertSignedIn } from '../core/access'
import { write, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { IssueDetail } from '../../shared/types'
import { requireText } from '../validation/text'
import { recordHistory } from './history'
import { liveIssueJoin } from './join'
import { detailOf } from './load'
import { isOpenStatus } from './deadlines'

/**
 * 更正问题类别: a wrong category is corrected, with a reason, in the issue's own history. While the
 * issue is handled, anyone signed in; once it is 办结 or out of the bureau's hands, only a
 * supervisor (the figures of a reported month count it under its category). The deadline stays as
 * accepted: the visitor was told that date.
 */
export async function correctIssueCategory(
  ctx: LedgerContext,
  input: { issueId: number; categoryId: number; reason: string } & Versioned,
): Promise<IssueDetail> {
  await assertSignedIn(ctx, '更正问题类别')
  const reason = requireText(input.reason, '更正理由', 500)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await liveIssueJoin(trx)
      .innerJoin('categories as c', 'c.id', 'i.category_id')
      .select(['i.id', 'i.number', 'i.status', 'i.category_id', 'i.matter_id', 'c.name as category_name'])
      .where('i.id', '=', input.issueId)
      .executeTakeFirst()
    if (!issue) {
      const voided = await trx.selectFrom('issues').select('number').where('id', '=', input.issueId).executeTakeFirst()
      if (voided) throw new LedgerError('voided', `问题 ${voided.number} 所属的来访登记已作废，不能再更正`)
      throw notFound('问题', input.issueId)
    }
    if (!isOpenStatus(issue.status) && !(await actsAsSupervisor(trx, ctx.actor))) {
      throw new LedgerError('forbidden', `问题 ${issue.number} 已不在办理中，更正问题类别须由负责人本人输入 PIN 登录后操作`)
    }
    const category = await trx
      .selectFrom('categories')
      .select(['id', 'name', 'active'])
      .where('id', '=', input.categoryId)
      .executeTakeFirst()
    if (!category) throw notFound('问题类别', input.categoryId)
    if (category.id === issue.category_id) throw new LedgerError('invalid_input', `问题 ${issue.number} 的类别已是“${category.name}”`)
    if (category.active !== 1) throw new LedgerError('invalid_input', `问题类别“${category.name}”已停用，请选择其他类别`)
    await trx.updateTable('issues').set({ version: nextVersion, category_id: category.id }).where('id', '=', issue.id).execute()
    await trx.updateTable('matters').set({ version: nextVersion, category_id: category.id }).where('id', '=', issue.matter_id).execute()
    await recordHistory(trx, ctx, issue.id, 'recategorize', issue.status, issue.status, reason, {
      from: issue.category_name,
      to: category.name,
    })
  })
  return detailOf(ctx, input.issueId)
}
