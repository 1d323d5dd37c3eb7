import { z } from 'zod'
import type {
  AnswerTemplate,
  ArrangementResult,
  CalendarStatus,
  CaseRules,
  Category,
  Department,
  HolidayOverride,
  Locality,
  Settings,
  SetupStatus,
} from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, id, isoDate, optionalText, text, year } from './common'
import { holidayKind } from '../../../shared/codes/reference'
import { limitUnit } from '../../../shared/codes/petitions'

export const settingsUpdateInput = z
  .object({
    bureauName: text(60).optional(),
    showVisitorOnHandover: z.boolean().optional(),
    supervisorIdleMinutes: z.number().int().optional(),
    handoverFullPhone: z.boolean().optional(),
    officePhone: optionalText(30),
    enterMovesToNextField: z.boolean().optional(),
  })
  .strict()

export const categoryAnswersInput = z.object({ categoryId: id.optional(), includeInactive: z.boolean().optional() }).strict()

export const categoryAnswerSaveInput = z
  .object({ id: id.optional(), categoryId: id, text: text(4000), active: z.boolean().optional() })
  .strict()

export const departmentSaveInput = z
  .object({ id: id.optional(), name: text(50), sortOrder: z.number().int().optional(), active: z.boolean().optional() })
  .strict()

export const categorySaveInput = z
  .object({
    id: id.optional(),
    name: text(30),
    timeLimitDays: z.number().int(),
    timeLimitUnit: z.enum(limitUnit.codes).optional(),
    sortOrder: z.number().int().optional(),
    active: z.boolean().optional(),
  })
  .strict()

// `to`: the last of consecutive days entered at once (a holiday with its weekend), at most 31.
export const holidaySetInput = z.object({ date: isoDate, to: isoDate.optional(), kind: z.enum(holidayKind.codes), name: text(30) }).strict()

export const holidayRemoveInput = z.object({ date: isoDate }).strict()

export const holidayConfirmInput = z.object({ year }).strict()
export const localitySaveInput = z
  .object({ id: id.optional(), name: text(30), sortOrder: z.number().int().optional(), active: z.boolean().optional() })
  .strict()

export const caseRulesUpdateInput = z
  .object({
    repeatWindowDays: z.number().int().optional(),
    collectiveHeadcount: z.number().int().optional(),
    maxExtensions: z.number().int().optional(),
    extensionCeilingWorkdays: z.number().int().optional(),
  })
  .strict()

export const referenceCalls = {
  'settings-get': call(noInput).returns<Settings>(),
  'settings-setup-status': call(noInput).returns<SetupStatus>(),
  'settings-setup-reviewed': call(noInput).returns<SetupStatus>(),
  'category-answers': call(categoryAnswersInput).returns<AnswerTemplate[]>(),
  'category-answer-save': call(categoryAnswerSaveInput).returns<AnswerTemplate>(),
  'settings-update': call(settingsUpdateInput).returns<Settings>(),
  'department-list': call(noInput).returns<Department[]>(),
  'department-save': call(departmentSaveInput).returns<Department>(),
  'category-list': call(noInput).returns<Category[]>(),
  'category-save': call(categorySaveInput).returns<Category>(),
  'holiday-list': call(noInput).returns<HolidayOverride[]>(),
  'holiday-set': call(holidaySetInput).returns<HolidayOverride[]>(),
  'holiday-remove': call(holidayRemoveInput).returns<HolidayOverride[]>(),
  // This year and next: built-in, entered or 暂定, the notice from 1 November, deadlines counted on 暂定 days.
  'holiday-status': call(noInput).returns<CalendarStatus>(),
  // The office has typed a year's whole official arrangement: its computed statutory days stop counting.
  'holiday-confirm': call(holidayConfirmInput).returns<ArrangementResult>(),
  // A date list or .ics picked in main's open dialog; null when the user cancels.
  'holiday-import': call(noInput).returns<ArrangementResult | null>(),
  'locality-list': call(noInput).returns<Locality[]>(),
  'locality-save': call(localitySaveInput).returns<Locality>(),
  'settings-case-rules': call(noInput).returns<CaseRules>(),
  'settings-update-case-rules': call(caseRulesUpdateInput).returns<CaseRules>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
