import { z } from 'zod'
import type { CallbackPage, IssueDetail, IssuePage, RevealedValue } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { id, isoDate, yearMonth, text, optionalText, byId, page, pageSize } from './common'
import { callbackMethod, DUE_FILTERS, issueStatus, satisfaction } from '../../../shared/codes/issues'
import { procedure } from '../../../shared/codes/petitions'

export const issueStatusInput = z.enum(issueStatus.codes)

export const issueListInput = z
  .object({
    status: z.array(issueStatusInput).max(8).optional(),
    categoryId: id.optional(),
    departmentId: id.optional(),
    dueState: z.enum(DUE_FILTERS).optional(),
    month: yearMonth.optional(),
    text: text(100).optional(),
    visitorId: id.optional(),
    organizationId: id.optional(),
    sessionId: id.optional(),
    procedure: z.enum(procedure.codes).optional(),
    sourceId: id.optional(),
    sort: z.enum(['acceptedDate', 'dueDate', 'number', 'resolvedDate']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    page: z.number().int().positive().optional(),
    pageSize: z.number().int().positive().max(500).optional(),
  })
  .strict()

export const issueAssignInput = z
  .object({ issueId: id, departmentId: id, assigneeId: id.nullish(), leaderId: id.nullish(), note: optionalText(1000) })
  .strict()

export const issueProgressInput = z.object({ issueId: id, date: isoDate.optional(), note: text(2000) }).strict()

export const issueSuperviseInput = z.object({ issueId: id, note: text(1000) }).strict()

// approverId: omitted when the signed-in supervisor approves; another supervisor confirms with approverPin.
export const issueExtendInput = z
  .object({ issueId: id, newDueDate: isoDate, approverId: id.optional(), approverPin: text(40).optional(), reason: text(1000) })
  .strict()

export const issueResolveInput = z.object({ issueId: id, result: text(4000), date: isoDate.optional() }).strict()

export const issueCallbackInput = z
  .object({
    issueId: id,
    date: isoDate.optional(),
    method: z.enum(callbackMethod.codes),
    satisfaction: z.enum(satisfaction.codes),
    comment: optionalText(1000),
  })
  .strict()

export const issueCloseInput = z.object({ issueId: id, note: optionalText(1000) }).strict()

export const issueTransferInput = z.object({ issueId: id, to: text(100), reason: text(1000) }).strict()

export const issueRejectInput = z.object({ issueId: id, reason: text(1000) }).strict()

export const issueCorrectInput = z
  .object({ issueId: id, content: text(4000).optional(), place: optionalText(200), result: text(4000).optional(), reason: text(200) })
  .strict()

/** One page of one of 回访's queues. */
export const callbackQueueInput = z.object({ page: page.optional(), pageSize: pageSize.optional() }).strict()

export const callbackRevealPhoneInput = z.object({ issueId: id }).strict()

export const issuesCalls = {
  'issue-list': call(issueListInput).returns<IssuePage>(),
  'issue-get': call(byId).returns<IssueDetail>(),
  'issue-assign': call(issueAssignInput).returns<IssueDetail>(),
  'issue-progress': call(issueProgressInput).returns<IssueDetail>(),
  'issue-supervise': call(issueSuperviseInput).returns<IssueDetail>(),
  'issue-extend': call(issueExtendInput).returns<IssueDetail>(),
  'issue-resolve': call(issueResolveInput).returns<IssueDetail>(),
  'issue-callback': call(issueCallbackInput).returns<IssueDetail>(),
  'issue-close': call(issueCloseInput).returns<IssueDetail>(),
  'issue-transfer': call(issueTransferInput).returns<IssueDetail>(),
  'issue-reject': call(issueRejectInput).returns<IssueDetail>(),
  'issue-correct': call(issueCorrectInput).returns<IssueDetail>(),
  'callback-due': call(callbackQueueInput).returns<CallbackPage>(),
  'callback-to-close': call(callbackQueueInput).returns<CallbackPage>(),
  'callback-reveal-phone': call(callbackRevealPhoneInput).returns<RevealedValue>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
