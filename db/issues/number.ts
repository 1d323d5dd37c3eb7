import type { Tx } from '../core/context'
import { holdWriteLock } from '../core/write-lock'

/** The month's next issue number, read under the write lock, so nobody else can take it. */
export async function nextIssueNumber(trx: Tx, acceptedDate: string): Promise<{ number: string; yearMonth: string; seq: number }> {
  await holdWriteLock(trx)
  const yearMonth = acceptedDate.slice(0, 7)
  const row = await trx
    .selectFrom('issues')
    .select((eb) => eb.fn.max('seq').as('max_seq'))
    .where('year_month', '=', yearMonth)
    .executeTakeFirst()
  const seq = Number(row?.max_seq ?? 0) + 1
  return { number: `JD-${yearMonth}-${String(seq).padStart(4, '0')}`, yearMonth, seq }
}
