import type { Generated } from 'kysely'
import type { SessionKind, SessionStatus, VisitorKind } from '../../../shared/types'
import type { SessionHolidayShift, SessionRuleNth, SessionRuleWeekday } from '../../../shared/codes/sessions'

// Reception days, their rules and 值班人员, and the appointments booked for them. Row shapes as described in
// db/core/schema.ts, which joins them into the Database.

export interface SessionsTable {
  id: Generated<number>
  date: string
  kind: SessionKind
  title: string
  location: string
  host_leader_id: number | null
  status: Generated<SessionStatus>
  note: string | null
  opened_at: string | null
  closed_at: string | null
  voided_at: string | null
  void_reason: string | null
  created_at: string
  updated_at: string
  max_bookings: number | null
  max_people_per_booking: number | null
  /** Set on a reception day an import created (db/import/); null for everything else. */
  import_batch_id: number | null
  /** The rule date a day generated from a 接待日规则 stands for, even after it is moved by hand; null otherwise. */
  rule_date: string | null
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface SessionRulesTable {
  id: Generated<number>
  kind: SessionKind
  nth: SessionRuleNth
  weekday: SessionRuleWeekday
  holiday_shift: SessionHolidayShift
  location: string
  title_template: string | null
  max_bookings: number | null
  max_people_per_booking: number | null
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface SessionStaffTable {
  session_id: number
  staff_id: number
}

export interface AppointmentsTable {
  id: Generated<number>
  session_id: number
  visitor_name: string
  phone: string | null
  kind: VisitorKind
  organization_name: string | null
  credit_code: string | null
  headcount: number
  status: Generated<'booked' | 'arrived' | 'cancelled'>
  visit_id: number | null
  note: string | null
  cancel_reason: string | null
  created_at: string
  updated_at: string
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

export interface AppointmentQuestionsTable {
  id: Generated<number>
  appointment_id: number
  category_id: number | null
  content: string
}
