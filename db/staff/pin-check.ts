import dayjs from 'dayjs'
import { audit } from '../core/audit'
import type { Kysely } from 'kysely'
import { writeSignInRecord, type Executor, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import type { Database } from '../core/schema'
import { verifyPin } from './pin'
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from '../../shared/sign-in'

export { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from '../../shared/sign-in'

// A PIN is 4 to 12 digits, so guessing must be slow and visible. Every check of a person's PIN
// (signing in, confirming an extension) goes through here:
//   - one check at a time per person: a second one while the first is running is refused at once,
//     so a burst of parallel guesses gets one answer, not hundreds;
//   - the attempt is counted (an audit row, `pin_attempt`) before the slow scrypt check, in the
//     same IMMEDIATE transaction that reads the count, so even checks from two processes cannot
//     both see "4 so far";
//   - after MAX_FAILED_SIGN_INS attempts with no success since, the name is locked for LOCK_MINUTES;
//   - a wrong PIN is also written as `sign_in_failed`, so guessing shows in the audit log.
// A success is what ends the count: `sign_in`, `set_pin`, `clear_pin` or `pin_confirmed`.

/** The actions after which earlier attempts no longer count. */
const COUNT_RESETS = ['sign_in', 'set_pin', 'clear_pin', 'pin_confirmed']

export interface PinHolder {
  id: number
  name: string
  pin_hash: string
}

const checking = new WeakMap<Kysely<Database>, Set<number>>()

async function attemptsSinceLastSuccess(db: Executor, staffId: number, since: string): Promise<number> {
  const lastGood = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('entity', '=', 'staff')
    .where('entity_id', '=', staffId)
    .where('action', 'in', COUNT_RESETS)
    .executeTakeFirst()
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', 'staff')
    .where('entity_id', '=', staffId)
    .where('action', '=', 'pin_attempt')
    .where('id', '>', Number(lastGood?.id ?? 0))
    .where('at', '>=', since)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * Checks `typed` against the person's PIN, then runs `onSuccess` (which must write one of the
 * COUNT_RESETS rows) while still holding the person's one check slot.
 */
export async function withPinCheck<T>(
  ctx: LedgerContext,
  person: PinHolder,
  typed: string,
  purpose: 'sign_in' | 'approve',
  onSuccess: () => Promise<T>,
): Promise<T> {
  const busy = checking.get(ctx.db) ?? new Set<number>()
  checking.set(ctx.db, busy)
  if (busy.has(person.id)) throw new LedgerError('busy', `正在核对“${person.name}”的 PIN，请稍候再试`)
  busy.add(person.id)
  try {
    const since = dayjs(ctx.now()).subtract(LOCK_MINUTES, 'minute').format('YYYY-MM-DD HH:mm:ss')
    await writeSignInRecord(ctx, async (trx) => {
      if ((await attemptsSinceLastSuccess(trx, person.id, since)) >= MAX_FAILED_SIGN_INS) {
        throw new LedgerError(
          'locked',
          `“${person.name}”的 PIN 已连续输错 ${MAX_FAILED_SIGN_INS} 次，请 ${LOCK_MINUTES} 分钟后再试，或请负责人重设 PIN`,
        )
      }
      // Recorded under the name that was tried, by whoever sat at the desk.
      await audit(trx, ctx, 'pin_attempt', 'staff', person.id, { name: person.name, for: purpose })
    })
    if (!(await verifyPin(typed, person.pin_hash))) {
      await writeSignInRecord(ctx, (trx) => audit(trx, ctx, 'sign_in_failed', 'staff', person.id, { name: person.name, for: purpose }))
      throw new LedgerError('wrong_pin', `“${person.name}”的 PIN 不正确`)
    }
    return await onSuccess()
  } finally {
    busy.delete(person.id)
  }
}
