import { markReferenceReviewed, setupStatus } from '../../db/reference/setup'
import { recoveryStatus } from '../../db/keys/recovery'
import { listAnswerTemplates, saveAnswerTemplate } from '../../db/reference/answers'
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
import { calendarStatus, confirmArrangement, HOLIDAYS, importArrangement } from '../../db/calendar/arrangement'
import { assertAdministers } from '../../db/core/access'
import { today } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import { getCaseRules, updateCaseRules } from '../../db/reference/case-rules'
import { listLocalities, saveLocality } from '../../db/reference/localities'
import { ledgerContext } from './ledger-context'
import type { AppState, Handlers, SaveFilter } from './types'

const ARRANGEMENT_FILES: SaveFilter[] = [{ name: '放假安排（.ics 日历或日期清单）', extensions: ['ics', 'txt', 'csv'] }]

/** A server ledger has no key of the app's to wrap: the checklist's recovery step does not apply there (as for an unencrypted file). */
function keyStatus(state: AppState): { encrypted: boolean; recoverySet: boolean } {
  return state.ledger.engine === 'sqlite' ? recoveryStatus(state.ledger) : { encrypted: false, recoverySet: false }
}

export const referenceHandlers = {
  'settings-get': (state) => getSettings(state.ledger.db),
  'settings-setup-status': (state) => setupStatus(state.ledger.db, keyStatus(state)),
  'settings-setup-reviewed': (state) => markReferenceReviewed(ledgerContext(state), keyStatus(state)),
  'category-answers': (state, input) => listAnswerTemplates(state.ledger.db, input),
  'category-answer-save': (state, input) => saveAnswerTemplate(ledgerContext(state), input),
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
  'holiday-status': (state) => calendarStatus(state.ledger.db, today(ledgerContext(state))),
  'holiday-confirm': (state, input) => confirmArrangement(ledgerContext(state), input.year),
  'holiday-import': async (state) => {
    // Refused before the dialog opens (importArrangement checks again): a desk clerk should not be asked for a file.
    await assertAdministers(ledgerContext(state), HOLIDAYS)
    if (!state.chooseOpenPath) throw new LedgerError('unavailable', '当前环境无法选择文件，请在桌面程序中导入放假安排')
    // The file is read here, straight after main's dialog picked it: the renderer never names a path.
    const file = await state.chooseOpenPath(ARRANGEMENT_FILES)
    if (file === null) return null
    return importArrangement(ledgerContext(state), file)
  },
  'locality-list': (state) => listLocalities(state.ledger.db),
  'locality-save': (state, input) => saveLocality(ledgerContext(state), input),
  'settings-case-rules': (state) => getCaseRules(state.ledger.db),
  'settings-update-case-rules': (state, input) => updateCaseRules(ledgerContext(state), input),
} satisfies Partial<Handlers>
