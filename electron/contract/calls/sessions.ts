import { z } from 'zod'
import type { Session, SessionRule, SessionRuleGeneration, VoidResult } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, id, isoDate, yearMonth, text, optionalText, byId, version } from './common'
import { sessionHolidayShift, sessionKind, sessionRuleNth, sessionRuleWeekday, sessionStatus } from '../../../shared/codes/sessions'

export const sessionKindInput = z.enum(sessionKind.codes)

export const sessionListInput = z.object({ month: yearMonth.optional(), status: z.enum(sessionStatus.codes).optional() }).strict()

export const sessionFields = {
  date: isoDate,
  kind: sessionKindInput,
  title: optionalText(60),
  location: text(60),
  hostLeaderId: id.nullish(),
  staffIds: z.array(id).max(50).optional(),
  note: optionalText(500),
}

export const sessionPlanInput = z.object(sessionFields).strict()

export const sessionUpdateInput = z.object({ id, version, ...sessionFields }).strict()

export const sessionVoidInput = z.object({ id, reason: text(200) }).strict()

const ruleCap = z.number().int().min(1, '上限至少为 1').max(999, '上限不能超过 999').nullable()

export const sessionRuleSaveInput = z
  .object({
    kind: sessionKindInput,
    nth: z.enum(sessionRuleNth.codes),
    weekday: z.enum(sessionRuleWeekday.codes),
    holidayShift: z.enum(sessionHolidayShift.codes),
    location: text(60),
    titleTemplate: optionalText(60),
    maxBookings: ruleCap.optional(),
    maxPeoplePerBooking: ruleCap.optional(),
    active: z.boolean().optional(),
  })
  .strict()

export const sessionRuleGenerateInput = z.object({ kind: sessionKindInput.optional() }).strict()

export const sessionsCalls = {
  'session-list': call(sessionListInput).returns<Session[]>(),
  'session-current': call(noInput).returns<Session | null>(),
  'session-left-open': call(noInput).returns<Session[]>(),
  'session-get': call(byId).returns<Session>(),
  'session-plan': call(sessionPlanInput).returns<Session>(),
  'session-update': call(sessionUpdateInput).returns<Session>(),
  'session-open': call(byId).returns<Session>(),
  'session-close': call(byId).returns<Session>(),
  'session-void': call(sessionVoidInput).returns<VoidResult>(),
  'session-rule-list': call(noInput).returns<SessionRule[]>(),
  'session-rule-save': call(sessionRuleSaveInput).returns<SessionRule>(),
  'session-rule-generate': call(sessionRuleGenerateInput).returns<SessionRuleGeneration>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
