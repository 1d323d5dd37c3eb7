import { z } from 'zod'
import type { ImportField } from '../../shared/types'

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

// pin: required for a staff member who has set one; 4–12 digits are checked in db/pin.ts.
export const operatorSelectInput = z.object({ staffId: id.nullable(), pin: text(40).optional() }).strict()

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
    appointmentId: id.optional(),
  })
  .strict()

export const contactRegisterInput = z
  .object({
    channel: z.enum(['phone', 'letter', 'online', 'other']),
    date: isoDate,
    visitor: visitorInput,
    organization: organizationInput.nullish(),
    headcount: z.number().int(),
    matters: z.array(matterInput).max(20),
    note: optionalText(500),
  })
  .strict()

export const contactListInput = z
  .object({ month: yearMonth, page: z.number().int().positive().optional(), pageSize: z.number().int().positive().max(200).optional() })
  .strict()

export const appointmentListInput = z.object({ sessionId: id }).strict()
export const appointmentBookInput = z
  .object({
    sessionId: id,
    visitorName: text(50),
    phone: optionalText(40),
    kind: z.enum(['resident', 'enterprise']),
    organizationName: optionalText(100),
    creditCode: optionalText(40),
    headcount: z.number().int(),
    questions: z.array(z.object({ categoryId: id.nullish(), content: text(2000) }).strict()).max(10),
    note: optionalText(500),
  })
  .strict()
export const appointmentCancelInput = z.object({ appointmentId: id, reason: text(500) }).strict()
export const appointmentLimitsInput = z
  .object({ sessionId: id, maxBookings: z.number().int().nullable(), maxPeoplePerBooking: z.number().int().nullable() })
  .strict()

export const visitListInput = z
  .object({ sessionId: id, page: z.number().int().positive().optional(), pageSize: z.number().int().positive().max(200).optional() })
  .strict()

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

export const directoryListInput = z
  .object({ query: text(100).optional(), page: z.number().int().positive(), pageSize: z.number().int().positive().max(200) })
  .strict()

/** Merging a duplicate enterprise or visitor into the record kept. */
export const mergeInput = z.object({ keepId: id, mergeId: id, reason: optionalText(200) }).strict()

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
export const issueUpdateTextInput = z.object({ issueId: id, content: text(4000).optional(), place: optionalText(200) }).strict()

export const searchAllInput = z
  .object({
    query: text(100),
    limit: z.number().int().positive().max(100).optional(),
    kinds: z.array(z.enum(['issue', 'visitor', 'organization'])).max(3).optional(),
  })
  .strict()

/** One page of one of 回访's queues. */
export const callbackQueueInput = z
  .object({ page: z.number().int().positive().optional(), pageSize: z.number().int().positive().max(200).optional() })
  .strict()

export const summaryMonthInput = z.object({ month: yearMonth }).strict()
export const summaryYearInput = z.object({ year: z.string().regex(/^\d{4}$/, '年份格式应为 YYYY') }).strict()

// ---- reliability (issue 5): operators, audit, personal data, voiding, backups ----

export const staffSetPinInput = z.object({ staffId: id, pin: text(40).nullable(), currentPin: text(40).nullish() }).strict()

export const auditListInput = z
  .object({
    page: z.number().int().positive().optional(),
    pageSize: z.number().int().positive().max(500).optional(),
    entity: text(40).optional(),
    entityId: id.optional(),
    actorId: id.optional(),
    action: text(40).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()

export const auditExportInput = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict()

export const visitorRevealInput = z.object({ visitorId: id, field: z.enum(['phone', 'idNumber']), reason: text(200) }).strict()

export const visitVoidInput = z.object({ visitId: id, reason: text(200) }).strict()
export const sessionVoidInput = z.object({ id, reason: text(200) }).strict()

export const backupRestoreInput = z.object({ name: text(200) }).strict()
// null: back to the default folder next to the ledger.
export const backupFolderSetInput = z.object({ folder: text(1000).nullable() }).strict()

export const printHandoverInput = z
  .object({ issueIds: z.array(z.number().int().positive()).min(1).max(500).optional(), sessionId: z.number().int().positive().optional() })
  .strict()
  .refine((v) => v.issueIds !== undefined || v.sessionId !== undefined, '请指定要打印交办单的问题或接待日')

export const printPageInput = z.object({ mode: z.enum(['print', 'pdf']), fileName: z.string().min(1).max(120) }).strict()

// ---- export (issue 4): Excel and CSV files; main asks where to save ----

const year = z.number().int().min(2000, '年份应在 2000 年以后').max(2100, '年份应在 2100 年以前')

// unmasked: phones and ID numbers in full, supervisor only, with a reason (checked in db/export).
export const exportMonthInput = z.object({ month: yearMonth, unmasked: z.boolean().optional(), reason: text(200).optional() }).strict()
export const exportYearInput = z.object({ year }).strict()
export const exportIssuesCsvInput = z
  .object({ month: yearMonth.optional(), year: year.optional() })
  .strict()
  .refine((v) => (v.month === undefined) !== (v.year === undefined), '请选择导出的月份或年份（二选一）')

// ---- import (issue 7): an old Excel / CSV ledger. `file` is a path main's open dialog returned
// (import-choose-file); main refuses any other path. ----

const IMPORT_FIELDS = [
  'seq',
  'issueNumber',
  'date',
  'time',
  'kind',
  'session',
  'location',
  'visitorName',
  'visitorKind',
  'phone',
  'idNumber',
  'organization',
  'creditCode',
  'headcount',
  'matterType',
  'category',
  'content',
  'answer',
  'place',
  'receivedBy',
  'status',
  'department',
  'assignee',
  'leader',
  'dueDate',
  'result',
  'resolvedDate',
  'callback',
  'callbackDate',
  'callbackMethod',
  'callbackComment',
  'closedDate',
  'transferTo',
  'reason',
  'note',
] as const satisfies readonly ImportField[]
// Fails to compile when db/types.ts gains a field this list does not have.
const everyImportField: Exclude<ImportField, (typeof IMPORT_FIELDS)[number]> extends never ? true : never = true
void everyImportField

/** Field → column number (1 = column A) or header text. */
const importMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.union([z.number().int().positive().max(16384), text(100).min(1)]))
const importFile = text(1000).min(1, '请先选择要导入的文件')
const importOptions = {
  sheet: text(100).optional(),
  defaultKind: sessionKind.optional(),
  location: text(60).optional(),
}

export const importInspectInput = z.object({ file: importFile }).strict()
export const importDryRunInput = z.object({ file: importFile, mapping: importMapping, ...importOptions }).strict()
export const importRunInput = z.object({ file: importFile, mapping: importMapping, ...importOptions, skipBad: z.boolean().optional() }).strict()
export const importUndoInput = z.object({ batchId: id }).strict()
