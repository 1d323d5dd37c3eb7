import { z } from 'zod'
import type { IssueDetail, IssueSource, PetitionNoticeSheet } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { id, isoDate, noInput, optionalText, text, version } from './common'
import { deliveryMethod, petitionDecision, procedure, reviewLevel, sourceKind } from '../../../shared/codes/petitions'

// 来源 (the office's list), 办理程序 (changed by a supervisor), the 信访 procedure's steps and
// notices, and a 转办件's reply sent back. Shapes only: the statute's rules live in db/issues/.

export const sourceSaveInput = z
  .object({
    id: id.optional(),
    name: text(30),
    kind: z.enum(sourceKind.codes),
    sortOrder: z.number().int().optional(),
    active: z.boolean().optional(),
  })
  .strict()

/** What a matter registered as an issue may say about its 来源 and 办理程序 (visit-register, contact-register). */
export const intakeInput = z
  .object({
    sourceId: id.optional(),
    sourceRef: optionalText(60),
    sourceBody: optionalText(100),
    procedure: z.enum(procedure.codes).optional(),
    referralDueDate: isoDate.optional(),
    referralReplyBy: isoDate.optional(),
  })
  .strict()

export const deliveryInput = z.object({ date: isoDate, method: z.enum(deliveryMethod.codes) }).strict()

export const procedureChangeInput = z
  .object({
    issueId: id,
    version,
    procedure: z.enum(procedure.codes),
    reason: text(1000),
    referralDueDate: isoDate.optional(),
    referralReplyBy: isoDate.optional(),
  })
  .strict()

export const petitionDecideInput = z
  .object({
    issueId: id,
    version,
    decision: z.enum(petitionDecision.codes),
    date: isoDate.optional(),
    reason: optionalText(1000),
    forwardTo: optionalText(100),
    delivery: deliveryInput.nullish(),
  })
  .strict()

export const petitionDeliverInput = z
  .object({ issueId: id, version, noticeId: id, date: isoDate, method: z.enum(deliveryMethod.codes) })
  .strict()

export const petitionExtendInput = z
  .object({ issueId: id, version, days: z.number().int(), reason: text(1000), date: isoDate.optional(), delivery: deliveryInput.nullish() })
  .strict()

export const petitionReplyInput = z
  .object({ issueId: id, version, text: text(4000), date: isoDate.optional(), delivery: deliveryInput.nullish() })
  .strict()

export const petitionReviewRequestInput = z
  .object({ issueId: id, version, level: z.enum(reviewLevel.codes), date: isoDate.optional(), body: optionalText(100) })
  .strict()

export const petitionReviewAnswerInput = z
  .object({
    issueId: id,
    version,
    level: z.enum(reviewLevel.codes),
    text: text(4000),
    date: isoDate.optional(),
    delivery: deliveryInput.nullish(),
  })
  .strict()

export const petitionUnflagInput = z.object({ issueId: id, version, reason: text(1000) }).strict()

export const petitionNoticeInput = z.object({ noticeId: id }).strict()

export const referralReplyInput = z
  .object({ issueId: id, version, date: isoDate.optional(), method: z.enum(deliveryMethod.codes), text: text(2000) })
  .strict()

export const petitionsCalls = {
  'source-list': call(noInput).returns<IssueSource[]>(),
  'source-save': call(sourceSaveInput).returns<IssueSource>(),
  'procedure-change': call(procedureChangeInput).returns<IssueDetail>(),
  'petition-decide': call(petitionDecideInput).returns<IssueDetail>(),
  'petition-deliver': call(petitionDeliverInput).returns<IssueDetail>(),
  'petition-extend': call(petitionExtendInput).returns<IssueDetail>(),
  'petition-reply': call(petitionReplyInput).returns<IssueDetail>(),
  'petition-review-request': call(petitionReviewRequestInput).returns<IssueDetail>(),
  'petition-review-answer': call(petitionReviewAnswerInput).returns<IssueDetail>(),
  'petition-unflag': call(petitionUnflagInput).returns<IssueDetail>(),
  'petition-notice': call(petitionNoticeInput).returns<PetitionNoticeSheet>(),
  'referral-reply': call(referralReplyInput).returns<IssueDetail>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
