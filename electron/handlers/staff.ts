import { listStaff, saveStaff } from '../../db/reference/reference'
import { selectOperator, setStaffPin, signedOut } from '../../db/staff/operators'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const staffHandlers = {
  'staff-list': (state) => listStaff(state.ledger.db),
  'staff-save': async (state, input) => {
    const saved = await saveStaff(ledgerContext(state), input)
    // The person on duty edited their own record: a new role or name applies at once; a
    // deactivated operator is signed out.
    if (state.operator.id === saved.id) state.operator = saved.active ? { id: saved.id, name: saved.name, role: saved.role } : signedOut
    return saved
  },
  'staff-set-pin': (state, input) => setStaffPin(ledgerContext(state), input),
  'operator-select': async (state, input) => {
    state.operator = await selectOperator(ledgerContext(state), input.staffId, input.pin)
    const { id, name, role } = state.operator
    return id === null ? null : { id, name, role }
  },
} satisfies Partial<Handlers>
