import dayjs from 'dayjs'
import { isSupervisor, signedOut } from '../core/access'
import { audit } from '../core/audit'
import { write, type Actor, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { cleanPin, hashPin, verifyPin } from './pin'
import { getStaff } from '../reference/reference'
import type { Staff } from '../../shared/types'

export { signedOut } from '../core/access'

/** Wrong PINs in a row before a name is locked, and for how long. */
export const MAX_FAILED_SIGN_INS = 5
export const LOCK_MINUTES = 15

async function recentFailures(db: Executor, staffId: number, since: string): Promise<number> {
  const lastGood = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('entity', '=', 'staff')
    .where('entity_id', '=', staffId)
    .where('action', 'in', ['sign_in', 'set_pin', 'clear_pin'])
    .executeTakeFirst()
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', 'staff')
    .where('entity_id', '=', staffId)
    .where('action', '=', 'sign_in_failed')
    .where('id', '>', Number(lastGood?.id ?? 0))
    .where('at', '>=', since)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * The desk PC is shared: whoever sits down picks themselves (with their PIN if they set one),
 * and every later write carries their name.
 *
 * A wrong PIN is refused AND written to the audit log as `sign_in_failed` (who was tried, when):
 * repeated guessing must be visible to a supervisor, and the count locks the name for
 * LOCK_MINUTES after MAX_FAILED_SIGN_INS failures. That audit row is the one write a refused
 * call makes; nothing else changes.
 */
export async function selectOperator(ctx: LedgerContext, staffId: number | null, pin?: string | null): Promise<Actor> {
  if (staffId === null) {
    if (ctx.actor.id !== null) await write(ctx, (trx) => audit(trx, ctx, 'sign_out', 'staff', ctx.actor.id))
    return signedOut
  }
  const s = await ctx.db
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'active', 'pin_hash'])
    .where('id', '=', staffId)
    .executeTakeFirst()
  if (!s) throw notFound('人员', staffId)
  if (s.active !== 1) throw new LedgerError('invalid_input', `“${s.name}”已停用，不能作为值班人员登录`)
  const actor: Actor = { id: s.id, name: s.name, role: s.role }
  if (s.pin_hash !== null) {
    const typed = (pin ?? '').trim()
    if (typed === '') throw new LedgerError('pin_required', `请输入“${s.name}”的 PIN`)
    const since = dayjs(ctx.now()).subtract(LOCK_MINUTES, 'minute').format('YYYY-MM-DD HH:mm:ss')
    if ((await recentFailures(ctx.db, s.id, since)) >= MAX_FAILED_SIGN_INS) {
      throw new LedgerError(
        'locked',
        `“${s.name}”的 PIN 已连续输错 ${MAX_FAILED_SIGN_INS} 次，请 ${LOCK_MINUTES} 分钟后再试，或请负责人重设 PIN`,
      )
    }
    if (!(await verifyPin(typed, s.pin_hash))) {
      // The attempt is recorded under the name that was tried, by whoever sat at the desk.
      await write(ctx, (trx) => audit(trx, ctx, 'sign_in_failed', 'staff', s.id, { name: s.name }))
      throw new LedgerError('wrong_pin', `“${s.name}”的 PIN 不正确`)
    }
  }
  await write({ ...ctx, actor }, (trx) => audit(trx, { ...ctx, actor }, 'sign_in', 'staff', s.id))
  return actor
}

export interface SetPinInput {
  staffId: number
  /** 4–12 digits, or null to remove the PIN. */
  pin: string | null
  /** Required when people change their own PIN and already have one. */
  currentPin?: string | null | undefined
}

/**
 * Sets or clears a PIN: a supervisor for anyone, or the person signed in for themself (with the
 * current PIN if there is one, so a desk left signed in cannot be taken over).
 */
export async function setStaffPin(ctx: LedgerContext, input: SetPinInput): Promise<Staff> {
  const pin = input.pin === null ? null : cleanPin(input.pin)
  const s = await ctx.db.selectFrom('staff').select(['id', 'name', 'active', 'pin_hash']).where('id', '=', input.staffId).executeTakeFirst()
  if (!s) throw notFound('人员', input.staffId)
  const self = ctx.actor.id === s.id
  if (!self && !isSupervisor(ctx.actor)) throw new LedgerError('forbidden', '只有本人或负责人可以设置 PIN')
  if (self && !isSupervisor(ctx.actor) && s.pin_hash !== null) {
    const current = (input.currentPin ?? '').trim()
    if (current === '') throw new LedgerError('pin_required', '修改 PIN 前请输入原 PIN')
    if (!(await verifyPin(current, s.pin_hash))) throw new LedgerError('wrong_pin', '原 PIN 不正确')
  }
  if (s.active !== 1 && pin !== null) throw new LedgerError('invalid_input', `“${s.name}”已停用，不能设置 PIN`)
  const hash = pin === null ? null : await hashPin(pin)
  return write(ctx, async (trx) => {
    await trx.updateTable('staff').set({ pin_hash: hash }).where('id', '=', s.id).execute()
    await audit(trx, ctx, pin === null ? 'clear_pin' : 'set_pin', 'staff', s.id, { name: s.name, by: self ? 'self' : 'supervisor' })
    return getStaff(trx, s.id)
  })
}
