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
