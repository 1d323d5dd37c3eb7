import { accessControlled, assertAdministers, signedOut } from '../core/access'
import { audit } from '../core/audit'
import { write, writeSignInRecord, type DeskActor, type Executor, type LedgerContext, type StaffActor } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { cleanPin, hashPin } from './pin'
import { withPinCheck } from './pin-check'
import { getStaff } from '../reference/reference'
import { toHalfWidth } from '../validation/text'
import type { Staff } from '../../shared/types'

export { signedOut } from '../core/access'
export { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from './pin-check'

// Signing in at the shared desk PC: whoever sits down picks themselves, and every later write
// carries their name. A PIN proves who is picking:
//   - desk staff may protect their name with a PIN, or go without;
//   - a supervisor always signs in with a PIN they chose themselves. The first supervisor of a new
//     office (nobody has a PIN yet) chooses it at their first sign-in. Once any supervisor has a
//     PIN, a supervisor without one cannot be picked until a signed-in supervisor gives them an
//     initial PIN; they then choose their own at their first sign-in. So picking someone else's
//     name never yields a supervisor's powers;
//   - a PIN set by someone else (an initial PIN, or a reset) lets its owner in once, to choose their own.

interface SignInRow {
  id: number
  name: string
  role: Staff['role']
  active: number
  pin_hash: string | null
  pin_initial: number
}

function signInRow(db: Executor, staffId: number): Promise<SignInRow | undefined> {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'active', 'pin_hash', 'pin_initial'])
    .where('id', '=', staffId)
    .executeTakeFirst()
}

export interface SignInInput {
  staffId: number | null
  /** The person's PIN: their own, or the initial one a supervisor gave them. */
  pin?: string | null | undefined
  /** A PIN of their own: a supervisor's first sign-in, or replacing an initial PIN. */
  newPin?: string | null | undefined
}

function typedPin(value: string | null | undefined): string {
  return toHalfWidth(value ?? '').trim()
}

async function signOut(ctx: LedgerContext): Promise<DeskActor> {
  const { actor } = ctx
  if (actor.kind === 'staff') await writeSignInRecord(ctx, (trx) => audit(trx, ctx, 'sign_out', 'staff', actor.id))
  return signedOut
}

/** A supervisor of an office where nobody has a PIN yet chooses theirs at this first sign-in. */
async function firstSupervisorSignIn(ctx: LedgerContext, s: SignInRow, newPin: string | null | undefined): Promise<StaffActor> {
  if (await accessControlled(ctx.db)) {
    throw new LedgerError(
      'pin_missing',
      `“${s.name}”是负责人，但还没有 PIN：请已登录的负责人在“设置 → 人员”中为其设置初始 PIN，本人首次登录时再改为自己的 PIN`,
    )
  }
  if (typedPin(newPin) === '') {
    throw new LedgerError('pin_setup_required', `“${s.name}”是负责人，首次登录须先设置本人的 PIN（4 至 12 位数字），此后每次登录都要输入`)
  }
  const hash = await hashPin(cleanPin(newPin ?? ''))
  const actor: StaffActor = { kind: 'staff', id: s.id, name: s.name, role: s.role, ownPin: true }
  const as = { ...ctx, actor }
  await write(as, async (trx) => {
    // Two supervisors choosing at once: only the first becomes the office's first PIN holder.
    const now = await signInRow(trx, s.id)
    if ((await accessControlled(trx)) || now?.pin_hash !== null) {
      throw new LedgerError('conflict', '刚刚已有负责人设置了 PIN，请重新选择本人登录')
    }
    await trx.updateTable('staff').set({ pin_hash: hash, pin_initial: 0 }).where('id', '=', s.id).execute()
    await audit(trx, as, 'set_pin', 'staff', s.id, { name: s.name, by: 'self', firstSignIn: true })
    await audit(trx, as, 'sign_in', 'staff', s.id)
  })
  return actor
}

/** Signs someone in with their PIN, replacing an initial PIN with their own when it is one. */
async function pinSignIn(ctx: LedgerContext, s: SignInRow & { pin_hash: string }, input: SignInInput): Promise<StaffActor> {
  const typed = typedPin(input.pin)
  const initial = s.pin_initial === 1
  if (typed === '') {
    throw new LedgerError(initial ? 'pin_change_required' : 'pin_required', `请输入“${s.name}”的 PIN`)
  }
  let replacement: string | null = null
  if (initial) {
    // Checked before the PIN is: a refusal here tells nothing about the PIN typed.
    if (typedPin(input.newPin) === '') {
      throw new LedgerError('pin_change_required', `“${s.name}”的 PIN 是负责人设置的初始 PIN：请输入它，并设置本人的新 PIN`)
    }
    const own = cleanPin(input.newPin ?? '')
    if (own === typed) throw new LedgerError('invalid_pin', '新 PIN 不能与初始 PIN 相同')
    replacement = await hashPin(own)
  }
  const actor: StaffActor = { kind: 'staff', id: s.id, name: s.name, role: s.role, ownPin: true }
  const as = { ...ctx, actor }
  return withPinCheck(ctx, s, typed, 'sign_in', async () => {
    await write(as, async (trx) => {
      if (replacement !== null) {
        await trx.updateTable('staff').set({ pin_hash: replacement, pin_initial: 0 }).where('id', '=', s.id).execute()
        await audit(trx, as, 'set_pin', 'staff', s.id, { name: s.name, by: 'self', replacesInitial: true })
      }
      await audit(trx, as, 'sign_in', 'staff', s.id)
    })
    return actor
  })
}

/**
 * Chooses who is on duty (null: 退出). Wrong PINs are counted and locked out as pin-check.ts
 * says; those records are the only writes a refused sign-in makes.
 */
export async function selectOperator(ctx: LedgerContext, input: SignInInput): Promise<DeskActor> {
  if (input.staffId === null) return signOut(ctx)
  const s = await signInRow(ctx.db, input.staffId)
  if (!s) throw notFound('人员', input.staffId)
  if (s.active !== 1) throw new LedgerError('invalid_input', `“${s.name}”已停用，不能作为值班人员登录`)
  if (s.pin_hash !== null) return pinSignIn(ctx, { ...s, pin_hash: s.pin_hash }, input)
  if (s.role === 'supervisor') return firstSupervisorSignIn(ctx, s, input.newPin)
  const actor: StaffActor = { kind: 'staff', id: s.id, name: s.name, role: s.role, ownPin: false }
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
 * Sets or clears a PIN. People set their own (typing the current one first if they have one, so a
 * desk left signed in cannot be taken over; that check counts towards the lock like a sign-in).
 * A supervisor, or the system, sets anyone's: that PIN is an initial one, which its owner replaces
 * at their next sign-in. A supervisor's PIN can be replaced, never removed.
 */
export async function setStaffPin(ctx: LedgerContext, input: SetPinInput): Promise<Staff> {
  const pin = input.pin === null ? null : cleanPin(input.pin)
  const s = await signInRow(ctx.db, input.staffId)
  if (!s) throw notFound('人员', input.staffId)
  const self = ctx.actor.kind === 'staff' && ctx.actor.id === s.id
  if (!self) await assertAdministers(ctx, '为他人设置或清除 PIN')
  if (pin === null && s.role === 'supervisor') {
    throw new LedgerError('invalid_input', `“${s.name}”是负责人，必须有 PIN：可以重设，不能清除`)
  }
  if (s.active !== 1 && pin !== null) throw new LedgerError('invalid_input', `“${s.name}”已停用，不能设置 PIN`)
  const hash = pin === null ? null : await hashPin(pin)
  const save = () =>
    write(ctx, async (trx) => {
      await trx
        .updateTable('staff')
        .set({ pin_hash: hash, pin_initial: !self && hash !== null ? 1 : 0 })
        .where('id', '=', s.id)
        .execute()
      await audit(trx, ctx, pin === null ? 'clear_pin' : 'set_pin', 'staff', s.id, {
        name: s.name,
        by: self ? 'self' : 'supervisor',
        ...(!self && pin !== null ? { initial: true } : {}),
      })
      return getStaff(trx, s.id)
    })
  if (!self || s.pin_hash === null) return save()
  const current = typedPin(input.currentPin)
  if (current === '') throw new LedgerError('pin_required', '修改 PIN 前请输入原 PIN')
  return withPinCheck(ctx, { ...s, pin_hash: s.pin_hash }, current, 'sign_in', save).catch((e: unknown) => {
    throw e instanceof LedgerError && e.code === 'wrong_pin' ? new LedgerError('wrong_pin', '原 PIN 不正确') : e
  })
}
