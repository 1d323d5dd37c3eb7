import dayjs from 'dayjs'
import type { Actor, Executor, LedgerContext, NobodyActor, StaffActor } from './context'
import { LedgerError } from './errors'
import { CORRECTION_DAYS } from '../../shared/limits'
import type { StaffRole } from '../../shared/types'

// Who may do what, decided here and nowhere else. Roles: 前台工作人员 (desk) registers and
// handles; 负责人 (supervisor) also views the audit log, reveals personal data, sets time limits,
// holidays and settings, merges records, voids held sessions and others' visits, imports,
// restores backups and manages staff. Every rule reads the person's staff row at the moment it
// is applied: a role given or taken away, or a person deactivated, counts from the next call on,
// whatever the actor object says. A supervisor's powers need a supervisor who signed in with a
// PIN they chose themselves. The system capability (command line, start-up, generators) is a
// separate kind of actor, never a role: it may set the ledger up and move it (staff, time limits,
// holidays, settings, imports, restores), never see personal data in full or read the audit log,
// which are a person's acts, answered for by name.

/** Before anyone on duty has chosen themselves, and after 退出. */
export const signedOut: NobodyActor = { kind: 'nobody', id: null, name: '未登录' }

export function isSignedIn(actor: Actor): actor is StaffActor {
  return actor.kind === 'staff'
}

/** What the rules read of a person, as the ledger stands now. */
export interface StaffAccessRow {
  name: string
  role: StaffRole
  active: number
  pin_hash: string | null
  pin_initial: number
}

/** The read of a person's row that every rule about them makes. */
export function staffAccess(db: Executor, id: number) {
  return db.selectFrom('staff').select(['name', 'role', 'active', 'pin_hash', 'pin_initial']).where('id', '=', id)
}

function staffAccessRow(db: Executor, id: number): Promise<StaffAccessRow | undefined> {
  return staffAccess(db, id).executeTakeFirst()
}

/** A supervisor's powers, given the person's row: a supervisor signed in with a PIN of their own. */
export function supervisorByRow(actor: Actor, row: StaffAccessRow | undefined): boolean {
  if (actor.kind !== 'staff' || !actor.ownPin || row === undefined) return false
  return row.active === 1 && row.role === 'supervisor' && row.pin_hash !== null && row.pin_initial === 0
}

/** A supervisor's powers, as the ledger stands now. */
export async function actsAsSupervisor(db: Executor, actor: Actor): Promise<boolean> {
  if (actor.kind !== 'staff' || !actor.ownPin) return false
  return supervisorByRow(actor, await staffAccessRow(db, actor.id))
}

/**
 * The desk's registrations name the person who made them, with the desk's own words for it
 * (write() refuses nobody anyway). The tools (import, the command line, the demo) write as the
 * system capability and are not the desk.
 */
export function requirePersonAtDesk(ctx: LedgerContext, what: string): void {
  if (ctx.actor.kind === 'nobody') throw new LedgerError('forbidden', `${what}前请先在右上角“值班人员”中选择本人`)
}

/** Writes need someone: a person signed in who is still active in the ledger, or the system. */
export async function assertMayWrite(db: Executor, actor: Actor): Promise<void> {
  if (actor.kind === 'system') return
  if (actor.kind === 'nobody') throw new LedgerError('forbidden', '尚未登录：请先在右上角“值班人员”中选择本人，再修改台账')
  checkMayWrite(actor, await staffAccessRow(db, actor.id))
}

/** assertMayWrite's rule for a person, given their row as the ledger has it. */
export function checkMayWrite(actor: StaffActor, row: Pick<StaffAccessRow, 'active'> | undefined): void {
  if (row === undefined || row.active !== 1) {
    throw new LedgerError('forbidden', `“${actor.name}”已停用，不能再以其名义修改台账，请重新选择值班人员`)
  }
}

/** An early, specific refusal for a write that needs someone signed in (write() refuses anyway). */
export async function assertSignedIn(ctx: LedgerContext, what: string): Promise<void> {
  if (ctx.actor.kind === 'nobody') throw new LedgerError('forbidden', `${what}前请先选择值班人员（本人）登录`)
  await assertMayWrite(ctx.db, ctx.actor)
}

/** A person's supervisor act: revealing personal data, reading the audit log, merging records. */
export async function assertSupervisor(ctx: LedgerContext, what: string, db: Executor = ctx.db): Promise<void> {
  if (await actsAsSupervisor(db, ctx.actor)) return
  throw new LedgerError('forbidden', `${what}须由负责人本人输入 PIN 登录后操作`)
}

/** Setting the ledger up or moving it: a supervisor, or the system capability (the command line on the file). */
export async function mayAdminister(db: Executor, actor: Actor): Promise<boolean> {
  return actor.kind === 'system' || (await actsAsSupervisor(db, actor))
}

export async function assertAdministers(ctx: LedgerContext, what: string, db: Executor = ctx.db): Promise<void> {
  if (await mayAdminister(db, ctx.actor)) return
  throw new LedgerError('forbidden', `${what}须由负责人本人输入 PIN 登录后操作`)
}

/**
 * Access control is on once an active supervisor has a PIN: before that the office is
 * still setting itself up (anyone at the desk could choose any name anyway), and guarding staff
 * changes would only lock it out of its own set-up.
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

/** Refuses staff changes from anyone but a supervisor once PINs protect the office. */
export async function assertMayEditStaff(ctx: LedgerContext, db: Executor = ctx.db): Promise<void> {
  if (!(await accessControlled(db))) return
  if (!(await mayAdminister(db, ctx.actor))) {
    throw new LedgerError('forbidden', '已启用 PIN 保护：新增或修改人员须由负责人本人输入 PIN 登录后操作')
  }
}

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
export async function assertMayCorrect(db: Executor, ctx: LedgerContext, record: CorrectableRecord, today: string): Promise<void> {
  if (ctx.actor.kind !== 'staff') throw new LedgerError('forbidden', `更正${record.what}前请先选择值班人员（本人）登录`)
  if (record.voided) throw new LedgerError('invalid_transition', `该${record.what}所在的来访登记已作废，不能更正`)
  if (await actsAsSupervisor(db, ctx.actor)) return
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
