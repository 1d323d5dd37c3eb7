import { signedOut, supervisorByRow, type StaffAccessRow } from '../core/access'
import { audit } from '../core/audit'
import { writeSignInRecord, type DeskActor, type LedgerContext } from '../core/context'

/**
 * What the check before every call reads, synchronously: it must answer at once even while a
 * long export snapshot or an import holds the ledger's connection (on-duty-sqlite.ts).
 */
export interface OnDutyReads {
  staff(id: number): StaffAccessRow | undefined
  idleMinutes(): number
}

export interface OnDuty {
  /** Who acts for this call. */
  actor: DeskActor
  /** Why the person who was signed in no longer is (Chinese, for the desk), or null. */
  ended: string | null
}

/**
 * Who is on duty for the next call, as the ledger stands now, not as it stood at sign-in: a
 * deactivated person is signed out, a changed name or role shows at once, and a supervisor idle
 * longer than 设置's limit (default 10 minutes) is signed out, so a desk left open does not keep
 * a supervisor's powers for whoever sits down next. `lastActiveAt`: the previous call's time.
 * The rules themselves (core/access.ts) read the ledger again when they are applied.
 */
export async function onDuty(ctx: LedgerContext & { actor: DeskActor }, reads: OnDutyReads, lastActiveAt: Date | null): Promise<OnDuty> {
  const { actor } = ctx
  if (actor.kind !== 'staff') return { actor, ended: null }
  const row = reads.staff(actor.id)
  if (row === undefined || row.active !== 1) {
    await writeSignInRecord(ctx, (trx) => audit(trx, ctx, 'sign_out', 'staff', actor.id, { reason: 'deactivated' }))
    return { actor: signedOut, ended: `“${actor.name}”已停用，已退出登录，请重新选择值班人员` }
  }
  const supervisor = supervisorByRow(actor, row)
  if (supervisor && lastActiveAt !== null) {
    const minutes = reads.idleMinutes()
    if (ctx.now().getTime() - lastActiveAt.getTime() > minutes * 60_000) {
      await writeSignInRecord(ctx, (trx) => audit(trx, ctx, 'sign_out', 'staff', actor.id, { reason: 'idle', minutes }))
      return { actor: signedOut, ended: `负责人“${actor.name}”已超过 ${minutes} 分钟未操作，已自动退出登录，请重新选择值班人员` }
    }
  }
  // A supervisor who has not signed in with their own PIN acts, and is shown, as desk staff.
  const role = row.role === 'supervisor' && !supervisor ? 'desk' : row.role
  return { actor: { ...actor, name: row.name, role }, ended: null }
}
