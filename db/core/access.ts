import dayjs from 'dayjs'
import type { Actor, Executor, LedgerContext } from './context'
import { LedgerError } from './errors'

// Who may do what. Roles: 前台工作人员 (desk) registers and handles; 负责人 (supervisor) also
// views the audit log, reveals personal data, voids held sessions and others' visits, restores
// backups and manages staff. A supervisor-only action needs a person signed in: the system
// placeholder (id null) is never enough, so every such action names someone in the audit log.

/** Before anyone on duty has chosen themselves, and after 退出. */
export const signedOut: Actor = { id: null, name: '未登录', role: 'desk' }

export function isSignedIn(actor: Actor): boolean {
  return actor.id !== null
}

export function isSupervisor(actor: Actor): boolean {
  return actor.id !== null && actor.role === 'supervisor'
}

/**
 * The desk's registrations name the person who made them: once the office has staff, a desk with
 * nobody signed in (signedOut) may not register. The tools (import, the command line, the demo)
 * write as the system and are not the desk.
 */
export async function requirePersonAtDesk(db: Executor, ctx: LedgerContext, what: string): Promise<void> {
  if (ctx.actor !== signedOut) return
  const staffed = await db.selectFrom('staff').select('id').where('active', '=', 1).limit(1).executeTakeFirst()
  if (staffed) throw new LedgerError('forbidden', `${what}前请先在右上角“值班人员”中选择本人`)
}

export function requireSignedIn(ctx: LedgerContext, what: string): void {
  if (!isSignedIn(ctx.actor)) throw new LedgerError('forbidden', `${what}前请先选择值班人员（本人）登录`)
}

export function requireSupervisor(ctx: LedgerContext, what: string): void {
  if (!isSupervisor(ctx.actor)) throw new LedgerError('forbidden', `${what}须由负责人登录后操作`)
}

/**
 * Access control is on once an active supervisor has a PIN: before that anyone at the desk can
 * choose any name, so guarding staff changes would only lock the office out of its own set-up.
 */
export async function accessControlled(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'supervisor')
    .where('active', '=', 1)
    .where('pin_hash', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Refuses staff changes from anyone but a signed-in supervisor once PINs protect the office. */
export async function assertMayEditStaff(ctx: LedgerContext): Promise<void> {
  if (!(await accessControlled(ctx.db))) return
  if (!isSupervisor(ctx.actor)) throw new LedgerError('forbidden', '已启用 PIN 保护：新增或修改人员须由负责人登录后操作')
}

/** How long the clerk who registered a visit may still correct it themselves (calendar days, the day itself included). */
export const CORRECTION_DAYS = 7

export interface CorrectableRecord {
  /** What is corrected, for the message: 来访登记, 咨询, 问题. */
  what: string
  /** Who recorded it: the clerk who registered the visit (for a 办理结果, who recorded the 办结). */
  receivedById: number | null
  /** The day it was recorded, 'YYYY-MM-DD': the visit's arrival (the 办结's date). */
  arrivedOn: string
  voided: boolean
  /** An issue whose handling is over (办结, 销号, 转办, 不予受理): its text is the supervisor's to correct. */
  settled?: boolean
}

/**
 * 更正: a saved record may be corrected by the clerk who registered it, within CORRECTION_DAYS of
 * its arrival and while an issue is still being handled; any other correction, at any time, by a
 * signed-in supervisor. A voided record is never corrected. Every correction names someone.
 */
export function assertMayCorrect(ctx: LedgerContext, record: CorrectableRecord, today: string): void {
  requireSignedIn(ctx, `更正${record.what}`)
  if (record.voided) throw new LedgerError('invalid_transition', `该${record.what}所在的来访登记已作废，不能更正`)
  if (isSupervisor(ctx.actor)) return
  const last = dayjs(record.arrivedOn)
    .add(CORRECTION_DAYS - 1, 'day')
    .format('YYYY-MM-DD')
  if (record.receivedById !== ctx.actor.id || today > last) {
    throw new LedgerError(
      'forbidden',
      `前台工作人员只能在 ${CORRECTION_DAYS} 天内更正本人记录的${record.what}（本条至 ${last}）；其他更正请负责人办理`,
    )
  }
  if (record.settled) throw new LedgerError('forbidden', `该问题已办结或已不在办理中，更正须由负责人办理`)
}
