// Appointments booked for a reception day.
import type { VisitorKind } from './directory'
import type { Session } from './sessions'

export type { AppointmentStatus } from '../codes/visits'
import type { AppointmentStatus } from '../codes/visits'

export interface AppointmentQuestion {
  categoryId: number | null
  categoryName: string | null
  content: string
}

export interface Appointment {
  id: number
  /** The booking's version as read: cancelling names it (db/core/versions.ts). */
  version: number
  sessionId: number
  visitorName: string
  /** Masked: 138****5678. */
  phone: string | null
  kind: VisitorKind
  organizationName: string | null
  creditCode: string | null
  headcount: number
  /** `no_show` is derived: still booked when the day was closed. */
  status: AppointmentStatus
  visitId: number | null
  note: string | null
  cancelReason: string | null
  questions: AppointmentQuestion[]
}

export interface SessionAppointments {
  session: Session
  maxBookings: number | null
  maxPeoplePerBooking: number | null
  appointments: Appointment[]
  bureauName: string
}
