import type { DeskActor } from '../../db/core/context'
import { listStaff, saveStaff } from '../../db/reference/reference'
import { selectOperator, setStaffPin } from '../../db/staff/operators'
import type { Operator } from '../../shared/types'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

/** Who the renderer shows as on duty. */
export function operatorOf(actor: DeskActor): Operator | null {
  return actor.kind === 'staff' ? { id: actor.id, name: actor.name, role: actor.role } : null
}

// A changed role, name or deactivation of the person on duty takes effect at the next call:
// dispatch reads who is on duty from the ledger before every call (db/staff/on-duty.ts).
export const staffHandlers = {
  'staff-list': (state) => listStaff(state.ledger.db),
  'staff-save': (state, input) => saveStaff(ledgerContext(state), input),
  'staff-set-pin': (state, input) => setStaffPin(ledgerContext(state), input),
  'operator-select': async (state, input) => {
    state.operator = await selectOperator(ledgerContext(state), input)
    return operatorOf(state.operator)
  },
} satisfies Partial<Handlers>
