import { audit } from './audit'
import { systemActor, write, type Actor, type LedgerContext } from './context'
import { LedgerError, notFound } from './errors'

/** The desk PC is shared: whoever sits down picks themselves, and every later write carries their name. */
export async function selectOperator(ctx: LedgerContext, staffId: number | null): Promise<Actor> {
  if (staffId === null) {
    if (ctx.actor.id !== null) await write(ctx, (trx) => audit(trx, ctx, 'sign_out', 'staff', ctx.actor.id))
    return systemActor
  }
  const s = await ctx.db.selectFrom('staff').select(['id', 'name', 'role', 'active']).where('id', '=', staffId).executeTakeFirst()
  if (!s) throw notFound('人员', staffId)
  if (s.active !== 1) throw new LedgerError('invalid_input', `“${s.name}”已停用，不能作为值班人员登录`)
  const actor: Actor = { id: s.id, name: s.name, role: s.role }
  await write({ ...ctx, actor }, (trx) => audit(trx, { ...ctx, actor }, 'sign_in', 'staff', s.id))
  return actor
}
