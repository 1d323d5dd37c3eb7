import {
  closeSession,
  currentSession,
  getSession,
  leftOpenSessions,
  listSessions,
  openSession,
  planSession,
  updateSession,
} from '../../db/sessions/sessions'
import { generateRuleSessions, listSessionRules, saveSessionRule } from '../../db/sessions/rules'
import { voidSession } from '../../db/visits/voids'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const sessionsHandlers = {
  'session-list': (state, input) => listSessions(state.ledger.db, input),
  'session-current': (state) => currentSession(ledgerContext(state)),
  'session-left-open': (state) => leftOpenSessions(ledgerContext(state)),
  'session-get': (state, input) => getSession(state.ledger.db, input.id),
  'session-plan': (state, input) => planSession(ledgerContext(state), input),
  'session-update': (state, { id, ...input }) => updateSession(ledgerContext(state), id, input),
  'session-open': (state, input) => openSession(ledgerContext(state), input.id),
  'session-close': (state, input) => closeSession(ledgerContext(state), input.id),
  'session-void': (state, input) => voidSession(ledgerContext(state), input),
  'session-rule-list': (state) => listSessionRules(state.ledger.db),
  'session-rule-save': (state, input) => saveSessionRule(ledgerContext(state), input),
  'session-rule-generate': (state, input) => generateRuleSessions(ledgerContext(state), input),
} satisfies Partial<Handlers>
