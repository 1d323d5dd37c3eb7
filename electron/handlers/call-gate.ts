import { LedgerError } from '../../db/core/errors'
import type { AppState } from './types'

// Restoring a backup closes the ledger every call reads. So that no call runs into a closed
// ledger ("driver has already been destroyed"), the restore waits until the calls already running
// have finished, and calls arriving meanwhile are turned away with one plain sentence.

export const RESTORING_MESSAGE = '正在恢复台账，请稍候'

interface Gate {
  running: number
  restoring: boolean
  /** Wakes a waiting restore whenever a call finishes. */
  onIdle: (() => void) | null
}

const gates = new WeakMap<AppState, Gate>()

function gateOf(state: AppState): Gate {
  let gate = gates.get(state)
  if (!gate) {
    gate = { running: 0, restoring: false, onIdle: null }
    gates.set(state, gate)
  }
  return gate
}

export function isRestoring(state: AppState): boolean {
  return gateOf(state).restoring
}

/** Runs one call, or answers null at once (the caller says RESTORING_MESSAGE) while a restore runs. */
export async function throughGate<T>(state: AppState, call: () => Promise<T>): Promise<T | null> {
  const gate = gateOf(state)
  if (gate.restoring) return null
  gate.running += 1
  try {
    return await call()
  } finally {
    gate.running -= 1
    gate.onIdle?.()
  }
}

/**
 * Called from inside a call (the restore itself): turns new calls away, waits for the others
 * to finish, runs `work`, and opens the gate again whatever happened.
 */
export async function whileRestoring<T>(state: AppState, work: () => Promise<T>): Promise<T> {
  const gate = gateOf(state)
  if (gate.restoring) throw new LedgerError('restoring', RESTORING_MESSAGE)
  gate.restoring = true
  try {
    // `running` counts this call too.
    while (gate.running > 1) await new Promise<void>((resolve) => (gate.onIdle = resolve))
    gate.onIdle = null
    return await work()
  } finally {
    gate.onIdle = null
    gate.restoring = false
  }
}
