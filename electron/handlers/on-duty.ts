import { onDuty } from '../../db/staff/on-duty'
import { serverOnDutyReads } from '../../db/staff/on-duty-server'
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
  const { ledger, operator } = state
  const reads =
    ledger.engine === 'sqlite'
      ? sqliteOnDutyReads(ledger.sqlite)
      : // No read at all while nobody is signed in, as on the file.
        operator.kind === 'staff'
        ? await serverOnDutyReads(ledger.db, operator.id)
        : null
  if (reads === null) {
    markActive(state)
    return null
  }
  const { actor, ended } = await onDuty(ctx, reads, lastCall.get(state) ?? null)
  state.operator = actor
  markActive(state)
  return ended
}

/** A call that reads no ledger data still shows someone is at the desk. */
export function markActive(state: AppState): void {
  lastCall.set(state, state.now())
}
