import { AsyncLocalStorage } from 'node:async_hooks'
import { sql, type SelectQueryBuilder } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Executor } from './context'
import type { Database } from './schema'

// One writer at a time, as on SQLite: on a server every transaction takes the ledger's write lock
// (a transaction-level advisory lock, released by commit or rollback, also when the connection
// drops), so the month's next issue number (max(seq) + 1) and the audit chain's last hash are read
// by one desk at a time and two desks can neither take the same number nor fork the chain.
//
// Most transactions take it at begin (server-dialect.ts). A registration, the one write every desk
// makes all day, takes it late: every other desk waits for the holder's commit, and on a server each
// statement is a round trip, so the registration's reads and the rows only it can see (its visit
// and matters) are written first, and the lock is taken before the first statement whose answer
// or effect another desk could change: a new or changed visitor or enterprise, the issue number,
// the audit rows, or any update. What the registration read before the lock is checked again under
// it where a desk's change would matter (the day still open, the clerk still active).
// On the file BEGIN IMMEDIATE is the lock and nothing here changes anything.
export const LEDGER_WRITE_LOCK = 0x4c454447 // 'LEDG'

/** A read made before the lock, made again under it, and what its row must be (or what is made of it). */
interface Recheck {
  read: (db: Executor) => SelectQueryBuilder<Database, keyof Database, unknown>
  check: (row: unknown) => void
}

interface LateLock {
  state: 'asked' | 'deferred' | 'held'
  /** Checks of what was read before the lock, run once it is held. */
  rechecks: Recheck[]
  /**
   * The audit chain's last hash (null: the chain is empty), read with the lock and kept up to date
   * by what this transaction appends (audit.ts); unknown until the lock is held.
   */
  chainHead?: string | null
}

const lateLock = new AsyncLocalStorage<LateLock>()

/** Runs `work`, one write, with its server write lock taken late (holdWriteLock), not at begin. */
export function withLateWriteLock<T>(work: () => Promise<T>): Promise<T> {
  return lateLock.run({ state: 'asked', rechecks: [] }, work)
}

/** For the server's driver at begin: true when this transaction takes the lock later, itself. */
export function deferWriteLockAtBegin(): boolean {
  const store = lateLock.getStore()
  if (store?.state !== 'asked') return false
  store.state = 'deferred'
  return true
}

/** True while this transaction's write lock is deferred and not yet taken: what it reads may still change. */
export function writeLockDeferred(): boolean {
  return lateLock.getStore()?.state === 'deferred'
}

/**
 * When the lock is taken late, `read` (one row, or none) is made again under it and `check` given
 * its row; otherwise the read already ran under the lock and nothing is asked again.
 */
export function recheckUnderWriteLock<TB extends keyof Database, Row>(
  read: (db: Executor) => SelectQueryBuilder<Database, TB, Row>,
  check: (row: Row | undefined) => void,
): void {
  readUnderWriteLock(read, check)
}

/**
 * A read that belongs under the lock, made in the statement after the one that takes it (with the
 * rechecks) when the lock is taken late: `take` gives what is made of its row, to be asked for
 * once the lock is held. Null when the lock is not taken late: the caller reads for itself.
 */
export function readUnderWriteLock<TB extends keyof Database, Row, T>(
  read: (db: Executor) => SelectQueryBuilder<Database, TB, Row>,
  take: (row: Row | undefined) => T,
): (() => T) | null {
  const store = lateLock.getStore()
  if (store?.state !== 'deferred') return null
  let taken: { value: T } | null = null
  store.rechecks.push({
    read,
    // The row comes back as JSON (below), which gives the values the read itself would: the
    // server's columns are integers and text.
    check: (row) => {
      taken = { value: take(row === null || row === undefined ? undefined : (row as Row)) }
    },
  })
  return () => {
    if (taken === null) throw new Error('readUnderWriteLock: asked for before the write lock was taken')
    return taken.value
  }
}

/**
 * `take` of `read`'s row, to be asked for once the lock is held: read with the rechecks when the
 * lock is taken late, else read now (the lock already held, or the file, whose transaction is it).
 */
export async function readWithWriteLock<TB extends keyof Database, Row, T>(
  trx: Executor,
  read: (db: Executor) => SelectQueryBuilder<Database, TB, Row>,
  take: (row: Row | undefined) => T,
): Promise<() => T> {
  const later = readUnderWriteLock(read, take)
  if (later !== null) return later
  const value = take(await read(trx).executeTakeFirst())
  return () => value
}

/**
 * Takes the write lock if this transaction deferred it and has not taken it yet, then runs the
 * rechecks. True when it was taken now: whatever the caller read before may have changed.
 */
export async function holdWriteLock(trx: Executor): Promise<boolean> {
  const store = lateLock.getStore()
  if (store?.state !== 'deferred') return false
  store.state = 'held'
  // The chain's head in the same round trip (PostgreSQL's simple protocol runs the two in turn, the
  // second after the lock is granted): only the lock's holder extends the chain, so it stays the
  // head until this transaction appends to it.
  const { rows } = await sql<{ hash: string }>`${sql.raw(
    `select pg_advisory_xact_lock(${LEDGER_WRITE_LOCK}); select hash from audit_log order by id desc limit 1`,
  )}`.execute(trx)
  store.chainHead = rows[0]?.hash ?? null
  await recheck(trx, store.rechecks)
  return true
}

/**
 * Every recheck in one statement, each read's row as one JSON column: the clerk still active, the
 * day still open, the visitor not merged away are one round trip under the lock, not three.
 */
async function recheck(trx: Executor, rechecks: readonly Recheck[]): Promise<void> {
  if (rechecks.length === 0) return
  const row = await trx.selectNoFrom(rechecks.map((r, i) => jsonObjectFrom(r.read(trx)).as(`r${i}`))).executeTakeFirstOrThrow()
  const rows: Record<string, unknown> = row
  rechecks.forEach((r, i) => r.check(rows[`r${i}`]))
}

/** The audit chain's last hash as this transaction's late lock read it (null: empty), or undefined when not known here. */
export function chainHeadUnderLock(): string | null | undefined {
  const store = lateLock.getStore()
  return store?.state === 'held' ? store.chainHead : undefined
}

/** The chain's new head after this transaction appended to it under its late lock. */
export function chainExtendedTo(hash: string): void {
  const store = lateLock.getStore()
  if (store?.state === 'held') store.chainHead = hash
}
