import { afterEach, beforeEach } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { openEngineLedger } from './engine-ledger'
import { openTempLedger, seedFixture, type Fixture, type TestLedger } from './temp-ledger'

// Kept apart from temp-ledger.ts, which bench/ reaches through browser.ts outside vitest, where
// there is no test run to register hooks with.

export interface SeededLedger {
  t: TestLedger
  f: Fixture
}

/**
 * A new ledger with the default fixture for each test, deleted after it, so no test sees another's
 * records; `take` hands it to the test file's own `t` and `f`.
 */
export function seededLedgerPerTest(start: string, take: (s: SeededLedger) => void): void {
  let current: TestLedger | undefined
  beforeEach(async () => {
    current = await openTempLedger(start)
    take({ t: current, f: await seedFixture(current) })
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
}

export interface SeededEngineLedger {
  t: TestLedger<Ledger>
  f: Fixture
}

/**
 * As seededLedgerPerTest, on the engine this vitest project runs (engine-ledger.ts): the suites
 * that hold on both the local file and a PostgreSQL server.
 */
export function seededEngineLedgerPerTest(start: string, take: (s: SeededEngineLedger) => void): void {
  let current: TestLedger<Ledger> | undefined
  beforeEach(async () => {
    current = await openEngineLedger(start)
    take({ t: current, f: await seedFixture(current) })
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
}
