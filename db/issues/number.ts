import type { Executor, Tx } from '../core/context'
import { holdWriteLock, readWithWriteLock } from '../core/write-lock'

export interface IssueNumber {
  number: string
  yearMonth: string
  seq: number
}

/** The month's last sequence number taken: one row, null when the month has none. */
function lastSeqRead(db: Executor, yearMonth: string) {
  return db
    .selectFrom('issues')
    .select((eb) => eb.fn.max('seq').as('max_seq'))
    .where('year_month', '=', yearMonth)
}

/**
 * The month's next issue numbers, one per call of what comes back, read under the write lock so
 * nobody else can take them. Asked for before a late lock is taken, the read goes with the lock's
 * rechecks (no round trip of its own); the numbers can be had once the lock is held.
 */
export async function issueNumbersFrom(trx: Tx, acceptedDate: string): Promise<() => IssueNumber> {
  const yearMonth = acceptedDate.slice(0, 7)
  const last = await readWithWriteLock(
    trx,
    (db) => lastSeqRead(db, yearMonth),
    (row) => Number(row?.max_seq ?? 0),
  )
  let taken = 0
  return () => {
    taken += 1
    const seq = last() + taken
    return { number: `JD-${yearMonth}-${String(seq).padStart(4, '0')}`, yearMonth, seq }
  }
}

/** The month's next issue number, read under the write lock, so nobody else can take it. */
export async function nextIssueNumber(trx: Tx, acceptedDate: string): Promise<IssueNumber> {
  await holdWriteLock(trx)
  return (await issueNumbersFrom(trx, acceptedDate))()
}
