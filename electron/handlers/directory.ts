import { organizationHistory, visitorHistory } from '../../db/directory/history'
import { listOrganizations, listVisitors, mergeOrganizations, mergeVisitors } from '../../db/directory/list'
import { identityProblem } from '../../db/directory/identity'
import { findReturning } from '../../db/directory/match'
import { saveOrganization, saveVisitor } from '../../db/directory/records'
import { revealVisitorField } from '../../db/privacy/reveal'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const directoryHandlers = {
  'directory-check-identity': (_state, input) => Promise.resolve({ problem: identityProblem(input.field, input.value) }),
  'directory-lookup': (state, input) => findReturning(ledgerContext(state), input.query),
  'visitor-history': (state, input) => visitorHistory(ledgerContext(state), input.id),
  'visitor-update': (state, input) => saveVisitor(ledgerContext(state), input),
  'visitor-list': (state, input) => listVisitors(state.ledger.db, input),
  'visitor-merge': (state, input) => mergeVisitors(ledgerContext(state), input),
  'visitor-reveal': (state, input) => revealVisitorField(ledgerContext(state), input),
  'organization-history': (state, input) => organizationHistory(ledgerContext(state), input.id),
  'organization-update': (state, input) => saveOrganization(ledgerContext(state), input),
  'organization-list': (state, input) => listOrganizations(state.ledger.db, input),
  'organization-merge': (state, input) => mergeOrganizations(ledgerContext(state), input),
} satisfies Partial<Handlers>
