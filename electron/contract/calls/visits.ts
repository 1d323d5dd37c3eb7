import { z } from 'zod'
import type { Appointment, Correction, SessionAppointments, VisitPage, VisitSummary, VoidResult } from '../../../shared/types'
import { SUBMISSION_TOKEN } from '../../../shared/submission'
import { call, type AnyCallSpec } from '../define'
import { id, isoDate, yearMonth, text, optionalText, page, pageSize, version } from './common'
import { CONTACT_CHANNELS, visitorKind } from '../../../shared/codes/visits'
import { MAX_MATTERS_PER_VISIT } from '../../../shared/limits'
import { intakeInput } from './petitions'

/** One filled-in form's submission (the screen makes a new one after each save); see db/visits/register.ts. */
const submissionToken = z.string().regex(SUBMISSION_TOKEN, '提交标识格式不正确')

export const visitorInput = z
  .object({
    id: id.optional(),
    name: text(50),
    phone: optionalText(40),
    idNumber: optionalText(40),
    kind: z.enum(visitorKind.codes),
    address: optionalText(200),
  })
  .strict()

export const organizationInput = z
  .object({
    id: id.optional(),
    name: text(100),
    creditCode: optionalText(40),
    address: optionalText(200),
    industry: optionalText(50),
  })
  .strict()

export const matterInput = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('consultation'), categoryId: id, content: text(2000), answer: text(4000), answerTemplateId: id.optional() })
    .strict(),
  z
    .object({
      type: z.literal('issue'),
      categoryId: id,
      content: text(4000),
      place: optionalText(200),
      intake: intakeInput.optional(),
      /** 被反映对象: the enterprise complained about, from the directory (id) or named here. */
      subject: organizationInput.nullish(),
      localityId: id.nullish(),
      repeatOfId: id.nullish(),
    })
    .strict(),
])

export const visitRegisterInput = z
  .object({
    sessionId: id,
    visitor: visitorInput,
    organization: organizationInput.nullish(),
    headcount: z.number().int(),
    matters: z.array(matterInput).max(MAX_MATTERS_PER_VISIT),
    note: optionalText(500),
    appointmentId: id.optional(),
    submissionToken: submissionToken.optional(),
  })
  .strict()

export const contactRegisterInput = z
  .object({
    channel: z.enum(CONTACT_CHANNELS),
    date: isoDate,
    visitor: visitorInput,
    organization: organizationInput.nullish(),
    headcount: z.number().int(),
    matters: z.array(matterInput).max(MAX_MATTERS_PER_VISIT),
    note: optionalText(500),
    submissionToken: submissionToken.optional(),
  })
  .strict()

export const contactListInput = z.object({ month: yearMonth, page: page.optional(), pageSize: pageSize.optional() }).strict()

export const appointmentListInput = z.object({ sessionId: id }).strict()

export const appointmentBookInput = z
  .object({
    sessionId: id,
    visitorName: text(50),
    phone: optionalText(40),
    kind: z.enum(visitorKind.codes),
    organizationName: optionalText(100),
    creditCode: optionalText(40),
    headcount: z.number().int(),
    questions: z.array(z.object({ categoryId: id.nullish(), content: text(2000) }).strict()).max(10),
    note: optionalText(500),
  })
  .strict()

export const appointmentCancelInput = z.object({ appointmentId: id, reason: text(500), version }).strict()

export const appointmentLimitsInput = z
  .object({ sessionId: id, maxBookings: z.number().int().nullable(), maxPeoplePerBooking: z.number().int().nullable() })
  .strict()

export const visitListInput = z.object({ sessionId: id, page: page.optional(), pageSize: pageSize.optional() }).strict()

export const visitVoidInput = z.object({ visitId: id, reason: text(200) }).strict()

const matterCorrectionInput = z
  .object({ matterId: id, content: text(4000).optional(), answer: text(4000).optional(), place: optionalText(200) })
  .strict()

export const visitCorrectInput = z
  .object({
    visitId: id,
    headcount: z.number().int().optional(),
    note: optionalText(500),
    matters: z.array(matterCorrectionInput).max(MAX_MATTERS_PER_VISIT).optional(),
    reason: text(200),
    version,
  })
  .strict()

export const visitCorrectionsInput = z.object({ visitId: id }).strict()

export const visitsCalls = {
  'visit-register': call(visitRegisterInput).returns<VisitSummary>(),
  'visit-list': call(visitListInput).returns<VisitPage>(),
  'contact-register': call(contactRegisterInput).returns<VisitSummary>(),
  'contact-list': call(contactListInput).returns<VisitPage>(),
  'appointment-list': call(appointmentListInput).returns<SessionAppointments>(),
  'appointment-book': call(appointmentBookInput).returns<Appointment>(),
  'appointment-cancel': call(appointmentCancelInput).returns<Appointment>(),
  'appointment-limits-set': call(appointmentLimitsInput).returns<SessionAppointments>(),
  'visit-void': call(visitVoidInput).returns<VoidResult>(),
  'visit-correct': call(visitCorrectInput).returns<VisitSummary>(),
  'visit-corrections': call(visitCorrectionsInput).returns<Correction[]>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
