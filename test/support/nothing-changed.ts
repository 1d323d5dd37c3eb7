import type { Ledger } from '../../db/core/open'
import { expect } from 'vitest'
import type { Database } from '../../db/core/schema'
import { refused } from './refusals'
import { tableCounts, type TestLedger } from './temp-ledger'

/**
 * A refused call says why (`message`) and leaves every table's row count as it was, and the rows
 * of `tables` (the issues by default) exactly as they were.
 */
export async function expectNothingChanged(
  t: TestLedger<Ledger>,
  call: () => Promise<unknown>,
  message: RegExp,
  tables: readonly (keyof Database)[] = ['issues'],
): Promise<void> {
  const rowsOf = async () => Promise.all(tables.map((name) => t.ledger.db.selectFrom(name).selectAll().execute()))
  const before = await tableCounts(t)
  const rows = await rowsOf()
  const e = await refused(call())
  expect(e.message).toMatch(message)
  expect(await tableCounts(t)).toEqual(before)
  expect(await rowsOf()).toEqual(rows)
}
