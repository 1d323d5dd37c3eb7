import { afterAll, beforeAll } from 'vitest'
import { signedOut } from '../../db/core/access'
import type { DeskActor } from '../../db/core/context'
import type { Ledger } from '../../db/core/open'
import { seedDefaults } from '../../db/reference/reference'
import type { Envelope } from '../../electron/contract'
import type { AppState } from '../../electron/handlers/types'
import { openTempLedger, type TestLedger } from './temp-ledger'

// Calls go through dispatch, the same path as IPC, with main's AppState built round a temp ledger.

/** Main's state for a test ledger; `extra` stands in for the dialogs a window would show. */
export function appState(t: TestLedger<Ledger>, operator: DeskActor, extra: Partial<AppState> = {}): AppState {
  return { ledger: t.ledger, operator, appVersion: 'test', now: t.clock.now, ...extra }
}

/** What a call answered, failing the test with the refusal when it was refused. */
export function data<T>(e: Envelope<T>): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`)
  return e.data
}

/** A field of an untyped payload, read without casting. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? Object.getOwnPropertyDescriptor(value, key)?.value : undefined
}

export interface DispatchLedger {
  t: TestLedger
  state: AppState
}

/**
 * One ledger for the whole file, with the default categories and sections and no staff, nobody
 * on duty, as a new office opens it: the tests build what they need through the calls themselves.
 */
export function freshLedgerPerFile(take: (s: DispatchLedger) => void): void {
  let current: TestLedger | undefined
  beforeAll(async () => {
    current = await openTempLedger('2026-11-10 09:00:00')
    await seedDefaults(current.ctx)
    take({ t: current, state: appState(current, signedOut) })
  })
  afterAll(async () => {
    await current?.close()
    current = undefined
  })
}
