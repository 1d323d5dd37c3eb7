import type { Executor, LedgerContext, Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { SessionRow } from '../core/schema'
import { dayLabel } from '../../shared/dates'

// What a walk-in at the desk needs of its reception day: the day open and today's, and the clerk
// on its 值班人员 (db/visits/register.ts).

/**
 * The reception day a visit is registered into, with whether `staffId` is on its 值班人员 (the
 * staff id when so) and whether that person is active (null: no such person), in one read.
 */
export function arrivalSession(db: Executor, sessionId: number, staffId: number | null) {
  return db
    .selectFrom('sessions')
    .selectAll('sessions')
    .select((eb) => [
      eb
        .selectFrom('session_staff')
        .select('staff_id')
        .whereRef('session_staff.session_id', '=', 'sessions.id')
        .where('session_staff.staff_id', '=', staffId ?? 0)
        .as('on_duty_staff_id'),
      eb
        .selectFrom('staff')
        .select('active')
        .where('staff.id', '=', staffId ?? 0)
        .as('staff_active'),
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.voided_at', 'is', null)
}

/** The open reception day a visit arriving on `arrived` goes into, or the desk's refusal. */
export function checkArrival<S extends SessionRow>(session: S | undefined, sessionId: number, arrived: string): S {
  if (!session) throw notFound('接待日', sessionId)
  if (session.status !== 'open') {
    throw new LedgerError(
      'session_not_open',
      `接待日“${session.title}”${session.status === 'planned' ? '尚未开始' : '已结束'}，不能登记来访`,
    )
  }
  if (session.date !== arrived) {
    throw new LedgerError(
      'session_not_today',
      `进行中的接待日是${dayLabel(session.date)}（${session.title}），今天是${dayLabel(arrived)}：来访登记记在到达当天，` +
        '不能登记到那一天。请结束该接待日并开始今日接待，或登记为非接待日来访',
    )
  }
  return session
}

/** Whoever registers at the desk is on the day's 值班人员; true when this visit put them there. */
export async function joinDuty(trx: Tx, ctx: LedgerContext, sessionId: number): Promise<boolean> {
  if (ctx.actor.id === null) return false
  // The same person at a second PC may have joined since it was read: then nobody is added.
  const added = await trx
    .insertInto('session_staff')
    .values({ session_id: sessionId, staff_id: ctx.actor.id })
    .onConflict((oc) => oc.columns(['session_id', 'staff_id']).doNothing())
    .executeTakeFirst()
  return Number(added.numInsertedOrUpdatedRows ?? 0) > 0
}
