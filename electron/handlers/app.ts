import { ledgerVersion } from '../../db/core/open'
import { operatorOf } from './staff'
import type { Handlers } from './types'

export const appHandlers = {
  'app-info': async (state) => {
    return {
      version: state.appVersion,
      ledgerFile: state.ledger.file,
      schemaVersion: ledgerVersion(state.ledger.sqlite),
      operator: operatorOf(state.operator),
    }
  },
} satisfies Partial<Handlers>
