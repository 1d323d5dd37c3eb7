import dayjs from 'dayjs'
import type { Kysely, Transaction } from 'kysely'
import { assertMayWrite, checkMayWrite, staffAccess } from './access'
import type { Database } from './schema'
import type { StaffRole } from '../../shared/types'
import { appendPendingAudit, audit, holdAuditRows } from './audit'
import { hasUntakenTouches } from './record-state'
import { holdWriteLock, recheckUnderWriteLock, withLateWriteLock, writeLockDeferred } from './write-lock'

/**
 * A person who chose themselves at the desk. `role` is what the ledger said when the actor was
 * made, for display; every rule about who may do what reads the staff row again (core/access.ts).
 */
export interface StaffActor {
  kind: 'staff'
  id: number
  name: string
  role: StaffRole
  /** Signed in by typing a PIN they chose themselves: what a supervisor's powers need. */
  ownPin: boolean
}

/** Nobody has chosen themselves (before the first sign-in, after 退出): may read, never write. */
export interface NobodyActor {
  kind: 'nobody'
  id: null
  name: string
}

/**
 * Code that works on the ledger file with no person at a desk: the command line, start-up
 * (seeding, restoring a damaged ledger), generators and benchmarks. An explicit capability, held
 * only in-process: no call from a window can become it.
 */
export interface SystemActor {
  kind: 'system'
  id: null
  name: string
}

export type Actor = StaffActor | NobodyActor | SystemActor

/** Who can be on duty at a window: a person, or nobody. Never the system. */
export type DeskActor = StaffActor | NobodyActor

/** What every domain function is handed: the ledger, who is acting, and the clock. */
export interface LedgerContext {
  db: Kysely<Database>
  actor: Actor
  now: () => Date
}

export type Tx = Transaction<Database>
export type Executor = Kysely<Database> | Tx

export const systemActor: SystemActor = { kind: 'system', id: null, name: '系统' }

export function stamp(ctx: LedgerContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD HH:mm:ss')
}

export function today(ctx: LedgerContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD')
}

/**
 * Every write goes through here: one IMMEDIATE transaction, all or nothing, by a person signed in
 * who is still active in the ledger (or the system), checked inside the transaction so a person
 * deactivated a moment ago writes nothing more. Its audit rows are appended together at the end
 * (db/core/audit.ts), the last vouching for every record it touched; a write that touched records
 * and made no audit row gets one, so no write the app makes looks, to `check`, like a change made
 * around it.
 */
export function write<T>(ctx: LedgerContext, work: (trx: Tx) => Promise<T>): Promise<T> {
  return inWriteTransaction(ctx, work, 'at once')
}

function inWriteTransaction<T>(ctx: LedgerContext, work: (trx: Tx) => Promise<T>, check: 'at once' | 'under a late lock'): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    // A person's write whose lock this transaction took late is checked under it (writeLockingLate), once.
    if (check === 'at once' || ctx.actor.kind !== 'staff' || !writeLockDeferred()) await assertMayWrite(trx, ctx.actor)
    holdAuditRows(trx)
    const result = await work(trx)
    if (!(await appendPendingAudit(trx)) && (await hasUntakenTouches(trx))) await audit(trx, ctx, 'record_state', 'ledger', null)
    return result
  })
}

/**
 * A write that takes the server's write lock late (db/core/write-lock.ts): before the lock it may
 * only read and insert rows of its own (nothing another desk can see or change); holdWriteLock
 * comes before anything else. Whether the person may still write is asked again under the lock.
 */
export function writeLockingLate<T>(ctx: LedgerContext, work: (trx: Tx) => Promise<T>): Promise<T> {
  return withLateWriteLock(() =>
    inWriteTransaction(
      ctx,
      async (trx) => {
        const { actor } = ctx
        if (actor.kind === 'staff')
          recheckUnderWriteLock(
            (locked) => staffAccess(locked, actor.id),
            (row) => checkMayWrite(actor, row),
          )
        const result = await work(trx)
        // Never a commit without the lock and its rechecks, even for a write that took it nowhere.
        await holdWriteLock(trx)
        return result
      },
      'under a late lock',
    ),
  )
}

/**
 * The one write anyone at the desk may cause, signed in or not: the record of trying to sign in
 * (an attempt, a wrong PIN, signing out). Only db/staff uses it; it writes audit rows alone.
 */
export function writeSignInRecord<T>(ctx: LedgerContext, work: (trx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work)
}
