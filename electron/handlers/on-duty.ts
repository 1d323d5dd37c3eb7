import { onDuty } from '../../db/staff/on-duty'
import { sqliteOnDutyReads } from '../../db/staff/on-duty-sqlite'
import { ledgerContext } from './ledger-context'
import type { AppState } from './types'

// The last call's time per app, for the supervisor's idle sign-out.
const lastCall = new WeakMap<AppState, Date>()

/**
 * Before every call: who is on duty now, read from the ledger (db/staff/on-duty.ts). Returns why
 * the person signed in was signed out just now, or null.
 */
export async function refreshOperator(state: AppState): Promise<string | null> {
  const ctx = { ...ledgerContext(state), actor: state.operator }
  const { actor, ended } = await onDuty(ctx, sqliteOnDutyReads(state.ledger.sqlite), lastCall.get(state) ?? null)
  state.operator = actor
  markActive(state)
  return ended
}

/** A call that reads no ledger data still shows someone is at the desk. */
export function markActive(state: AppState): void {
  lastCall.set(state, state.now())
}
