import { revealField } from '../../shared/codes/privacy'
import { assertSignedIn, assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { write, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { RevealField, RevealedValue } from '../../shared/types'
import { requireText } from '../validation/text'
import { issueJoin, lastSatisfaction } from '../issues/join'
import { allowedActions } from '../issues/lifecycle'

// 个人信息保护法 art. 51 and GB/T 35273 §7.2: phones and ID numbers are masked everywhere by
// default (db/mask.ts). Seeing one in full is a supervisor's decision, made for a stated reason,
// and the audit log keeps who, when, which field and why — never the value itself.

export async function revealVisitorField(
  ctx: LedgerContext,
  input: { visitorId: number; field: RevealField; reason: string },
): Promise<RevealedValue> {
  await assertSupervisor(ctx, '查看完整的个人信息')
  const label = revealField.labels[input.field]
  if (label === undefined) throw new LedgerError('invalid_input', '只能查看联系电话或身份证号')
  const reason = requireText(input.reason, '查看原因', 200)
  return write(ctx, async (trx) => {
    const v = await trx
      .selectFrom('visitors')
      .select(['id', 'name', 'phone', 'id_number'])
      .where('id', '=', input.visitorId)
      .executeTakeFirst()
    if (!v) throw notFound('来访人', input.visitorId)
    const value = input.field === 'phone' ? v.phone : v.id_number
    if (value === null || value === '') throw new LedgerError('not_found', `来访人“${v.name}”没有登记${label}`)
    await audit(trx, ctx, 'reveal', 'visitor', v.id, { field: input.field, reason })
    return { visitorId: v.id, field: input.field, value }
  })
}

/** The reason written for every number shown to make a callback. */
export const CALLBACK_REASON = '回访'

/**
 * 回访 needs the visitor's number: whoever is signed in and making the callback gets it, for an
 * issue that is waiting for its callback. The audit log keeps who, when, the issue number and the
 * reason 回访 — never the number. The screen shows it in the callback dialog only, and forgets it
 * when the dialog closes.
 */
export async function revealForCallback(ctx: LedgerContext, input: { issueId: number }): Promise<RevealedValue> {
  await assertSignedIn(ctx, '回访时查看来访人电话')
  return write(ctx, async (trx) => {
    const issue = await issueJoin(trx)
      .select([
        'i.id',
        'i.number',
        'i.status',
        'v.voided_at',
        'p.id as visitor_id',
        'p.name',
        'p.phone',
        lastSatisfaction().as('last_satisfaction'),
      ])
      .where('i.id', '=', input.issueId)
      .executeTakeFirst()
    if (!issue) throw notFound('问题', input.issueId)
    if (issue.voided_at !== null || !allowedActions(issue.status, issue.last_satisfaction).includes('callback')) {
      throw new LedgerError('invalid_transition', `问题 ${issue.number} 当前不需要回访，不能查看来访人电话；确需查看请负责人办理`)
    }
    if (issue.phone === null || issue.phone === '') throw new LedgerError('not_found', `来访人“${issue.name}”没有登记联系电话`)
    await audit(trx, ctx, 'reveal', 'visitor', issue.visitor_id, { field: 'phone', reason: CALLBACK_REASON, issueNumber: issue.number })
    return { visitorId: issue.visitor_id, field: 'phone', value: issue.phone }
  })
}
