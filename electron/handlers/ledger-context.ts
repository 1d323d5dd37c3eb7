import type { LedgerContext } from '../../db/core/context'
import type { AppState } from './types'

/** The db/ view of the app state, built per call so a changed operator or ledger takes effect. */
export function ledgerContext(state: AppState): LedgerContext {
  return { db: state.ledger.db, actor: state.operator, now: state.now }
}
