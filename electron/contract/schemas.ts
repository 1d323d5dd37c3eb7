import { z } from 'zod'

// Strict objects everywhere: a renderer sending a field main does not know is a bug to surface,
// not data to drop silently.

export const noInput = z.object({}).strict()

// Shapes only: the ledger's own rules (check digits, life cycle, dates in range) live in db/ and
// answer in Chinese from there. These stop wrong types and unknown fields at the boundary.

const id = z.number().int().positive()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const yearMonth = z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM')
const text = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`)
const optionalText = (max: number) => text(max).nullish()

export const byId = z.object({ id }).strict()

export const sessionKind = z.enum(['enterprise', 'public', 'leader', 'field'])
export const issueStatus = z.enum(['accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'transferred', 'rejected'])

export const settingsUpdateInput = z
  .object({ bureauName: text(60).optional(), showVisitorOnHandover: z.boolean().optional() })
  .strict()

export const departmentSaveInput = z
  .object({ id: id.optional(), name: text(50), sortOrder: z.number().int().optional(), active: z.boolean().optional() })
  .strict()

export const staffSaveInput = z
  .object({
    id: id.optional(),
    name: text(20),
    departmentId: id.nullish(),
    title: optionalText(30),
    role: z.enum(['desk', 'supervisor', 'handler']).optional(),
    isLeader: z.boolean().optional(),
    phone: optionalText(40),
    active: z.boolean().optional(),
  })
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

export const holidaySetInput = z.object({ date: isoDate, kind: z.enum(['holiday', 'workday']), name: text(30) }).strict()
export const holidayRemoveInput = z.object({ date: isoDate }).strict()

export const operatorSelectInput = z.object({ staffId: id.nullable() }).strict()

export const sessionListInput = z.object({ month: yearMonth.optional(), status: z.enum(['planned', 'open', 'closed']).optional() }).strict()

const sessionFields = {
  date: isoDate,
  kind: sessionKind,
  title: optionalText(60),
  location: text(60),
  hostLeaderId: id.nullish(),
  staffIds: z.array(id).max(50).optional(),
  note: optionalText(500),
}
export const sessionPlanInput = z.object(sessionFields).strict()
export const sessionUpdateInput = z.object({ id, ...sessionFields }).strict()

const visitorInput = z
  .object({
    id: id.optional(),
    name: text(50),
    phone: optionalText(40),
    idNumber: optionalText(40),
    kind: z.enum(['resident', 'enterprise']),
    address: optionalText(200),
  })
  .strict()

const organizationInput = z
  .object({
    id: id.optional(),
    name: text(100),
    creditCode: optionalText(40),
    address: optionalText(200),
    industry: optionalText(50),
  })
  .strict()

const matterInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('consultation'), categoryId: id, content: text(2000), answer: text(4000) }).strict(),
  z.object({ type: z.literal('issue'), categoryId: id, content: text(4000), place: optionalText(200) }).strict(),
])

export const visitRegisterInput = z
  .object({
    sessionId: id,
    visitor: visitorInput,
    organization: organizationInput.nullish(),
    headcount: z.number().int(),
    matters: z.array(matterInput).max(20),
    note: optionalText(500),
  })
  .strict()

export const visitListInput = z.object({ sessionId: id }).strict()

export const directoryLookupInput = z.object({ query: text(100) }).strict()

export const visitorUpdateInput = z
  .object({
    id,
    name: text(50),
    phone: optionalText(40),
    idNumber: optionalText(40),
    kind: z.enum(['resident', 'enterprise']),
    address: optionalText(200),
    organizationId: id.nullish(),
    note: optionalText(500),
  })
  .strict()

export const organizationUpdateInput = z
  .object({
    id,
    name: text(100),
    creditCode: optionalText(40),
    address: optionalText(200),
    industry: optionalText(50),
    note: optionalText(500),
  })
  .strict()

export const issueListInput = z
  .object({
    status: z.array(issueStatus).max(8).optional(),
    categoryId: id.optional(),
    departmentId: id.optional(),
    dueState: z.enum(['overdue', 'due_soon', 'on_time']).optional(),
    month: yearMonth.optional(),
    text: text(100).optional(),
    visitorId: id.optional(),
    organizationId: id.optional(),
    sessionId: id.optional(),
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
export const issueExtendInput = z.object({ issueId: id, newDueDate: isoDate, approverId: id, reason: text(1000) }).strict()
export const issueResolveInput = z.object({ issueId: id, result: text(4000), date: isoDate.optional() }).strict()
export const issueCallbackInput = z
  .object({
    issueId: id,
    date: isoDate.optional(),
    method: z.enum(['phone', 'visit', 'sms', 'other']),
    satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']),
    comment: optionalText(1000),
  })
  .strict()
export const issueCloseInput = z.object({ issueId: id, note: optionalText(1000) }).strict()
export const issueTransferInput = z.object({ issueId: id, to: text(100), reason: text(1000) }).strict()
export const issueRejectInput = z.object({ issueId: id, reason: text(1000) }).strict()

export const summaryMonthInput = z.object({ month: yearMonth }).strict()
