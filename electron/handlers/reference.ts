import { selectOperator, signedOut } from '../../db/staff/operators'
import {
  getSettings,
  listCategories,
  listDepartments,
  listHolidayOverrides,
  listStaff,
  removeHolidayOverride,
  saveCategory,
  saveDepartment,
  saveStaff,
  setHolidayOverride,
  updateSettings,
} from '../../db/reference/reference'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

export const settingsGet: Handler<'settings-get'> = (state) => getSettings(state.ledger.db)
export const settingsUpdate: Handler<'settings-update'> = (state, input) => updateSettings(ledgerContext(state), input)
export const departmentList: Handler<'department-list'> = (state) => listDepartments(state.ledger.db)
export const departmentSave: Handler<'department-save'> = (state, input) => saveDepartment(ledgerContext(state), input)
export const staffList: Handler<'staff-list'> = (state) => listStaff(state.ledger.db)
export const staffSave: Handler<'staff-save'> = async (state, input) => {
  const saved = await saveStaff(ledgerContext(state), input)
  // The person on duty edited their own record: a new role or name applies at once; a
  // deactivated operator is signed out.
  if (state.operator.id === saved.id) state.operator = saved.active ? { id: saved.id, name: saved.name, role: saved.role } : signedOut
  return saved
}
export const categoryList: Handler<'category-list'> = (state) => listCategories(state.ledger.db)
export const categorySave: Handler<'category-save'> = (state, input) => saveCategory(ledgerContext(state), input)
export const holidayList: Handler<'holiday-list'> = (state) => listHolidayOverrides(state.ledger.db)

export const holidaySet: Handler<'holiday-set'> = async (state, input) => {
  await setHolidayOverride(ledgerContext(state), input)
  return listHolidayOverrides(state.ledger.db)
}

export const holidayRemove: Handler<'holiday-remove'> = async (state, input) => {
  await removeHolidayOverride(ledgerContext(state), input.date)
  return listHolidayOverrides(state.ledger.db)
}

export const operatorSelect: Handler<'operator-select'> = async (state, input) => {
  state.operator = await selectOperator(ledgerContext(state), input.staffId, input.pin)
  const { id, name, role } = state.operator
  return id === null ? null : { id, name, role }
}
