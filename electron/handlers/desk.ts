import { saveOrganization, saveVisitor } from '../../db/directory/records'
import { organizationHistory, visitorHistory } from '../../db/directory/history'
import { findReturning } from '../../db/directory/match'
import { closeSession, currentSession, getSession, listSessions, openSession, planSession, updateSession } from '../../db/sessions/sessions'
import { listSessionVisits, registerVisit } from '../../db/visits/register'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

export const sessionList: Handler<'session-list'> = (state, input) => listSessions(state.ledger.db, input)
export const sessionCurrent: Handler<'session-current'> = (state) => currentSession(ledgerContext(state))
export const sessionGet: Handler<'session-get'> = (state, input) => getSession(state.ledger.db, input.id)
export const sessionPlan: Handler<'session-plan'> = (state, input) => planSession(ledgerContext(state), input)
export const sessionUpdate: Handler<'session-update'> = (state, { id, ...input }) => updateSession(ledgerContext(state), id, input)
export const sessionOpen: Handler<'session-open'> = (state, input) => openSession(ledgerContext(state), input.id)
export const sessionClose: Handler<'session-close'> = (state, input) => closeSession(ledgerContext(state), input.id)

export const visitRegister: Handler<'visit-register'> = (state, input) => registerVisit(ledgerContext(state), input)
export const visitList: Handler<'visit-list'> = (state, input) => listSessionVisits(ledgerContext(state), input.sessionId, input)

export const directoryLookup: Handler<'directory-lookup'> = (state, input) => findReturning(ledgerContext(state), input.query)
export const visitorHistoryHandler: Handler<'visitor-history'> = (state, input) => visitorHistory(ledgerContext(state), input.id)
export const visitorUpdate: Handler<'visitor-update'> = (state, input) => saveVisitor(ledgerContext(state), input)
export const organizationHistoryHandler: Handler<'organization-history'> = (state, input) => organizationHistory(ledgerContext(state), input.id)
export const organizationUpdate: Handler<'organization-update'> = (state, input) => saveOrganization(ledgerContext(state), input)
