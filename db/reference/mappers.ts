import type { CategoryRow, DepartmentRow, HolidayOverrideRow } from '../core/schema'
import type { Category, Department, HolidayOverride } from '../../shared/types'

export const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id,
  name: r.name,
  sortOrder: r.sort_order,
  active: r.active === 1,
})

export const toCategory = (r: CategoryRow): Category => ({
  id: r.id,
  name: r.name,
  timeLimitDays: r.time_limit_days,
  timeLimitUnit: r.time_limit_unit,
  sortOrder: r.sort_order,
  active: r.active === 1,
})

export const toHolidayOverride = (r: HolidayOverrideRow): HolidayOverride => ({
  date: r.date,
  kind: r.kind,
  name: r.name,
})

export function bool01(b: boolean): number {
  return b ? 1 : 0
}
