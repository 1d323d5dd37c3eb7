import type { Generated } from 'kysely'
import type { StaffRole, LimitUnit, SourceKind } from '../../../shared/types'

// The office's own lists and settings (设置): sections, staff, categories, the calendar, 属地, 来源, 常用答复. Row shapes
// as described in db/core/schema.ts, which joins them into the Database.

export interface SettingsTable {
  key: string
  value: string
}

export interface DepartmentsTable {
  id: Generated<number>
  name: string
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
  import_batch_id: number | null
}

export interface StaffTable {
  id: Generated<number>
  name: string
  department_id: number | null
  title: string | null
  role: Generated<StaffRole>
  is_leader: Generated<number>
  phone: string | null
  pin_hash: string | null
  /** 1: the PIN was set by someone else, and its owner replaces it at their next sign-in. */
  pin_initial: Generated<number>
  active: Generated<number>
  created_at: string
}

export interface CategoriesTable {
  id: Generated<number>
  name: string
  time_limit_days: number
  time_limit_unit: Generated<LimitUnit>
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
}

export interface HolidayOverridesTable {
  date: string
  kind: 'holiday' | 'workday'
  name: string
  created_at: string
}

/** A year whose official holiday arrangement the office has entered; its days are no longer 暂定. */
export interface CalendarYearsTable {
  year: number
  source: 'typed' | 'file'
  file_name: string | null
  confirmed_at: string
  confirmed_by_id: number | null
  confirmed_by_name: string
}

export interface LocalitiesTable {
  id: Generated<number>
  name: string
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
}

/** The office's 来源 list (设置 → 来源), each of one kind. */
export interface IssueSourcesTable {
  id: Generated<number>
  name: string
  kind: SourceKind
  sort_order: Generated<number>
  active: Generated<number>
  created_at: string
}

/** 常用答复: an answer the office gives often, per category; the desk picks the most used first. */
export interface AnswerTemplatesTable {
  id: Generated<number>
  category_id: number
  text: string
  use_count: Generated<number>
  active: Generated<number>
  created_at: string
  updated_at: string
}
