import { revealField } from '../../shared/codes/privacy'
import { assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { write, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { RevealField, RevealedValue } from '../../shared/types'
import { requireText } from '../validation/text'

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
