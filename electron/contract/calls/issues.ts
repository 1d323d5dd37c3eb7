import { z } from 'zod'
import type {
  AttachmentOpened,
  CallbackPage,
  DueCounts,
  IssueDetail,
  IssuePage,
  RepeatCandidates,
  RevealedValue,
} from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { id, isoDate, yearMonth, text, optionalText, byId, noInput, page, pageSize, version } from './common'
import { callbackMethod, DUE_FILTERS, issueStatus, satisfaction } from '../../../shared/codes/issues'
import { procedure } from '../../../shared/codes/petitions'
import { finding } from '../../../shared/codes/case-file'
import { organizationInput } from './visits'
import { attachmentKind } from '../../../shared/codes/attachments'
import { ATTACHMENT_MAX_BYTES } from '../../../shared/limits'

/**
 * Room for the base64 of a file somewhat over the limit, so that a 21 MB photo is refused by the
 * ledger with its size in Chinese rather than here as an over-long text.
 */
const ATTACHMENT_BASE64_MAX = Math.ceil((ATTACHMENT_MAX_BYTES * 1.5 * 4) / 3)

export const attachmentAddInput = z
  .object({
    issueId: id,
    kind: z.enum(attachmentKind.codes),
    fileName: text(200).refine((s) => s.trim() !== '', '请给出文件名'),
    contentBase64: z
      .string()
      .max(ATTACHMENT_BASE64_MAX, `文件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB 的上限`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不是有效的 base64'),
  })
  .strict()

export const attachmentOpenInput = z.object({ attachmentId: id }).strict()

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
    subjectOrganizationId: id.optional(),
    localityId: id.optional(),
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
  .object({
    issueId: id,
    version,
    departmentId: id,
    assigneeId: id.nullish(),
    leaderId: id.nullish(),
    assistDepartmentIds: z.array(id).max(20).nullish(),
    note: optionalText(1000),
  })
  .strict()

export const issueProgressInput = z.object({ issueId: id, version, date: isoDate.optional(), note: text(2000) }).strict()

export const issueSuperviseInput = z.object({ issueId: id, version, note: text(1000) }).strict()

// approverId: omitted when the signed-in supervisor approves; another supervisor confirms with approverPin.
export const issueExtendInput = z
  .object({ issueId: id, version, newDueDate: isoDate, approverId: id.optional(), approverPin: text(40).optional(), reason: text(1000) })
  .strict()

/** One 处理措施: each kind with what it needs (a 罚款金额 is a number of 元; text is refused here). */
export const measureInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guidance'), note: optionalText(200) }).strict(),
  z.object({ kind: z.literal('rectify'), rectifyDeadline: isoDate, note: optionalText(200) }).strict(),
  z.object({ kind: z.literal('penalty'), fineYuan: z.number(), note: optionalText(200) }).strict(),
  z.object({ kind: z.literal('referral'), referredTo: text(100), note: optionalText(200) }).strict(),
  z.object({ kind: z.literal('other'), note: text(200) }).strict(),
])

export const issueResolveInput = z
  .object({
    issueId: id,
    version,
    result: text(4000),
    date: isoDate.optional(),
    finding: z.enum(finding.codes).nullish(),
    measures: z.array(measureInput).max(10).optional(),
  })
  .strict()

export const issueCallbackInput = z
  .object({
    issueId: id,
    version,
    date: isoDate.optional(),
    method: z.enum(callbackMethod.codes),
    satisfaction: z.enum(satisfaction.codes),
    comment: optionalText(1000),
  })
  .strict()

export const issueCloseInput = z.object({ issueId: id, version, note: optionalText(1000) }).strict()

export const issueTransferInput = z.object({ issueId: id, version, to: text(100), reason: text(1000) }).strict()

export const issueRejectInput = z.object({ issueId: id, version, reason: text(1000) }).strict()

export const issueCorrectInput = z
  .object({
    issueId: id,
    version,
    content: text(4000).optional(),
    place: optionalText(200),
    result: text(4000).optional(),
    reason: text(200),
  })
  .strict()

export const sectionSignInput = z
  .object({ issueId: id, version, sectionId: id, signerId: id.optional(), date: isoDate.optional() })
  .strict()

export const sectionReturnInput = z.object({ issueId: id, version, sectionId: id, reason: text(1000) }).strict()

export const repeatCandidatesInput = z
  .object({
    categoryId: id,
    date: isoDate.optional(),
    visitorId: id.nullish(),
    subjectOrganizationId: id.nullish(),
    subjectName: optionalText(100),
    place: optionalText(200),
    excludeIssueId: id.optional(),
  })
  .strict()

export const caseFileUpdateInput = z
  .object({ issueId: id, version, subject: organizationInput.nullish(), localityId: id.nullish(), reason: optionalText(500) })
  .strict()

export const categoryCorrectInput = z.object({ issueId: id, version, categoryId: id, reason: text(500) }).strict()

/** One page of one of 回访's queues. */
export const callbackQueueInput = z.object({ page: page.optional(), pageSize: pageSize.optional() }).strict()

export const callbackRevealPhoneInput = z.object({ issueId: id }).strict()

export const issuesCalls = {
  'issue-list': call(issueListInput).returns<IssuePage>(),
  'issue-due-counts': call(noInput).returns<DueCounts>(),
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
  'issue-section-sign': call(sectionSignInput).returns<IssueDetail>(),
  'issue-section-return': call(sectionReturnInput).returns<IssueDetail>(),
  'issue-repeat-candidates': call(repeatCandidatesInput).returns<RepeatCandidates>(),
  'issue-update-case-file': call(caseFileUpdateInput).returns<IssueDetail>(),
  'issue-correct-category': call(categoryCorrectInput).returns<IssueDetail>(),
  // The bytes travel in the call (the page reads the file the desk picked), in the app and the
  // preview alike; the ledger decides type and size. Opening goes through main: the renderer
  // never names a path.
  'issue-attachment-add': call(attachmentAddInput).returns<IssueDetail>(),
  'issue-attachment-open': call(attachmentOpenInput).returns<AttachmentOpened>(),
  'callback-due': call(callbackQueueInput).returns<CallbackPage>(),
  'callback-to-close': call(callbackQueueInput).returns<CallbackPage>(),
  'callback-reveal-phone': call(callbackRevealPhoneInput).returns<RevealedValue>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
