import {
  getSettings,
  listCategories,
  listDepartments,
  listHolidayOverrides,
  removeHolidayOverride,
  saveCategory,
  saveDepartment,
  setHolidayOverride,
  updateSettings,
} from '../../db/reference/reference'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const referenceHandlers = {
  'settings-get': (state) => getSettings(state.ledger.db),
  'settings-update': (state, input) => updateSettings(ledgerContext(state), input),
  'department-list': (state) => listDepartments(state.ledger.db),
  'department-save': (state, input) => saveDepartment(ledgerContext(state), input),
  'category-list': (state) => listCategories(state.ledger.db),
  'category-save': (state, input) => saveCategory(ledgerContext(state), input),
  'holiday-list': (state) => listHolidayOverrides(state.ledger.db),
  'holiday-set': async (state, input) => {
    await setHolidayOverride(ledgerContext(state), input)
    return listHolidayOverrides(state.ledger.db)
  },
  'holiday-remove': async (state, input) => {
    await removeHolidayOverride(ledgerContext(state), input.date)
    return listHolidayOverrides(state.ledger.db)
  },
} satisfies Partial<Handlers>
