// Reference data the office sets up (departments, staff, categories, holidays, settings) and who is signed in.

export type { StaffRole } from '../codes/staff'
import type { StaffRole } from '../codes/staff'
import type { LimitUnit } from '../codes/petitions'

export interface Department {
  id: number
  name: string
  sortOrder: number
  active: boolean
}

export interface Staff {
  id: number
  name: string
  departmentId: number | null
  departmentName: string | null
  title: string | null
  role: StaffRole
  isLeader: boolean
  phone: string | null
  active: boolean
  hasPin: boolean
  /** The PIN was set by a supervisor: its owner chooses their own at their next sign-in. */
  pinInitial: boolean
}

export interface Category {
  id: number
  name: string
  timeLimitDays: number
  /** Whether timeLimitDays are working days or calendar days. */
  timeLimitUnit: LimitUnit
  sortOrder: number
  active: boolean
}

export interface HolidayOverride {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

export interface Operator {
  id: number | null
  name: string
  role: StaffRole
}

export interface Settings {
  /** Printed at the top of handover sheets and reports. */
  bureauName: string
  /** Complaints about a third party often withhold the complainant's identity on the sheet. */
  showVisitorOnHandover: boolean
  /** A supervisor left signed in this long without a call is signed out. */
  supervisorIdleMinutes: number
}
