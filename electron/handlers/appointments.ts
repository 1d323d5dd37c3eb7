import { bookAppointment, cancelAppointment, sessionAppointments, setBookingLimits } from '../../db/visits/appointments'
import { listContacts, registerContact } from '../../db/visits/register'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

export const contactRegister: Handler<'contact-register'> = (state, input) => registerContact(ledgerContext(state), input)
export const contactList: Handler<'contact-list'> = (state, input) => listContacts(ledgerContext(state), input.month, input)
export const appointmentList: Handler<'appointment-list'> = (state, input) => sessionAppointments(state.ledger.db, input.sessionId)
export const appointmentBook: Handler<'appointment-book'> = (state, input) => bookAppointment(ledgerContext(state), input)
export const appointmentCancel: Handler<'appointment-cancel'> = (state, input) => cancelAppointment(ledgerContext(state), input)
export const appointmentLimitsSet: Handler<'appointment-limits-set'> = (state, input) => setBookingLimits(ledgerContext(state), input)
