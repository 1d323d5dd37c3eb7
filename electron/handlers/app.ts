import { ledgerVersion } from '../../db/core/open'
import type { Handlers } from './types'

export const appHandlers = {
  'app-info': async (state) => {
    const { operator } = state
    return {
      version: state.appVersion,
      ledgerFile: state.ledger.file,
      schemaVersion: ledgerVersion(state.ledger.sqlite),
      // An actor without a staff id is the system placeholder used before anyone is chosen.
      operator: operator.id === null ? null : { id: operator.id, name: operator.name, role: operator.role },
    }
  },
} satisfies Partial<Handlers>
