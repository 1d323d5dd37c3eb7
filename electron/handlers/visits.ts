import { bookAppointment, cancelAppointment, sessionAppointments, setBookingLimits } from '../../db/visits/appointments'
import { listContacts, listSessionVisits, registerContact, registerVisit } from '../../db/visits/register'
import { voidVisit } from '../../db/visits/voids'
import { correctVisit, visitCorrections } from '../../db/visits/corrections'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const visitsHandlers = {
  'visit-register': (state, input) => registerVisit(ledgerContext(state), input),
  'visit-list': (state, input) => listSessionVisits(ledgerContext(state), input.sessionId, input),
  'visit-void': (state, input) => voidVisit(ledgerContext(state), input),
  'visit-correct': (state, input) => correctVisit(ledgerContext(state), input),
  'visit-corrections': (state, input) => visitCorrections(state.ledger.db, input.visitId),
  'contact-register': (state, input) => registerContact(ledgerContext(state), input),
  'contact-list': (state, input) => listContacts(ledgerContext(state), input.month, input),
  'appointment-list': (state, input) => sessionAppointments(state.ledger.db, input.sessionId),
  'appointment-book': (state, input) => bookAppointment(ledgerContext(state), input),
  'appointment-cancel': (state, input) => cancelAppointment(ledgerContext(state), input),
  'appointment-limits-set': (state, input) => setBookingLimits(ledgerContext(state), input),
} satisfies Partial<Handlers>
