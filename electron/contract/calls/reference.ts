import { z } from 'zod'
import type { Category, Department, HolidayOverride, Settings } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, id, isoDate, text } from './common'
import { holidayKind } from '../../../shared/codes/reference'

export const settingsUpdateInput = z.object({ bureauName: text(60).optional(), showVisitorOnHandover: z.boolean().optional() }).strict()

export const departmentSaveInput = z
  .object({ id: id.optional(), name: text(50), sortOrder: z.number().int().optional(), active: z.boolean().optional() })
  .strict()

export const categorySaveInput = z
  .object({
    id: id.optional(),
    name: text(30),
    timeLimitDays: z.number().int(),
    sortOrder: z.number().int().optional(),
    active: z.boolean().optional(),
  })
  .strict()

export const holidaySetInput = z.object({ date: isoDate, kind: z.enum(holidayKind.codes), name: text(30) }).strict()

export const holidayRemoveInput = z.object({ date: isoDate }).strict()

export const referenceCalls = {
  'settings-get': call(noInput).returns<Settings>(),
  'settings-update': call(settingsUpdateInput).returns<Settings>(),
  'department-list': call(noInput).returns<Department[]>(),
  'department-save': call(departmentSaveInput).returns<Department>(),
  'category-list': call(noInput).returns<Category[]>(),
  'category-save': call(categorySaveInput).returns<Category>(),
  'holiday-list': call(noInput).returns<HolidayOverride[]>(),
  'holiday-set': call(holidaySetInput).returns<HolidayOverride[]>(),
  'holiday-remove': call(holidayRemoveInput).returns<HolidayOverride[]>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
