import dayjs from 'dayjs'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema'
import type { StaffRole } from '../../shared/types'
import { audit } from './audit'
import { hasUntakenTouches } from './record-state'

export interface Actor {
  id: number | null
  name: string
  role: StaffRole
}

/** What every domain function is handed: the ledger, who is acting, and the clock. */
export interface LedgerContext {
  db: Kysely<Database>
  actor: Actor
  now: () => Date
}

export type Tx = Transaction<Database>
export type Executor = Kysely<Database> | Tx

export const systemActor: Actor = { id: null, name: '系统', role: 'supervisor' }

export function stamp(ctx: LedgerContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD HH:mm:ss')
}

export function today(ctx: LedgerContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD')
}

/**
 * Every write goes through here: one IMMEDIATE transaction, all or nothing. Records changed after
 * the transaction's last audit row are vouched for by one more row, so no write the app makes
 * looks, to `check`, like a change made around it.
 */
export function write<T>(ctx: LedgerContext, work: (trx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await work(trx)
    if (await hasUntakenTouches(trx)) await audit(trx, ctx, 'record_state', 'ledger', null)
    return result
  })
}
