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
  /**
   * The handover sheet prints the visitor's full phone, for sections that reply to the visitor
   * directly. Off by default; a supervisor's setting, audited.
   */
  handoverFullPhone: boolean
  /** 接待办公室电话: the office's own number, printed for sections and visitors to call. */
  officePhone: string | null
  /**
   * In the desk's one-line boxes Enter moves to the next field and saves from the last one
   * (Ctrl+Enter saves from anywhere); off, Enter saves from any field as before.
   */
  enterMovesToNextField: boolean
}

/** 常用答复: an answer the office gives often to questions of one category. */
export interface AnswerTemplate {
  id: number
  categoryId: number
  text: string
  /** Visits saved with it: the desk lists the most used first. */
  useCount: number
  active: boolean
}

/** 开始使用: the first-run checklist, each step read from the ledger. */
export interface SetupStatus {
  /** 单位名称 set (not the default 生态环境局). */
  bureauNamed: boolean
  staffAdded: boolean
  /** A 负责人 protects their name with a PIN, which turns access control on. */
  supervisorPin: boolean
  /** A 负责人 has set the recovery passphrase (and printed its sheet): another PC can open the ledger and its backups. */
  recoveryPassphrase: boolean
  /** 问题类别 and 股室 looked at and confirmed. */
  referenceReviewed: boolean
  /** A reception day with its 值班人员. */
  firstDayWithStaff: boolean
  done: boolean
}
