import { cleanOrganization, cleanVisitor } from '../directory'
import { LedgerError } from '../errors'
import type { CallbackMethod, ImportField, ImportMapping, ImportRowProblem, IssueStatus, MatterType, Satisfaction, SessionKind, VisitorKind } from '../types'
import { cleanCreditCode, cleanIdNumber, cleanPhone } from '../identity'
import { toHalfWidth } from '../validation/text'
import { fieldLabel, FIELD_DEFS, isImportField, normalizeHeader } from './fields'
import { guessLayout, isBlankRow, isTotalRow, type LayoutColumn, type SheetLayout } from './layout'
import type { Grid, RawCell } from './read'
import {
  cellText,
  isMasked,
  nameOf,
  readCallbackMethod,
  readDate,
  readHeadcount,
  readKind,
  readMatterType,
  readSatisfaction,
  readStatus,
  readTime,
  readVisitorKind,
  textOf,
  type DateTime,
} from './values'

// From sheet rows to import records: everything that can be judged without the ledger. Each
// record is one visit (one arrival) with the matters it raised and, for each issue, the plan of its
// history as the sheet tells it. Rows that cannot be read come back with their reasons.

export interface CallbackFact {
  date: string | null
  method: CallbackMethod
  satisfaction: Satisfaction
  comment: string | null
}

export interface HistoryStep {
  action: 'accept' | 'assign' | 'progress' | 'resolve' | 'reopen' | 'close' | 'transfer' | 'reject'
  from: IssueStatus | null
  to: IssueStatus
  /** 'YYYY-MM-DD HH:mm:ss', strictly increasing along the steps. */
  at: string
  reason: string | null
}

export interface IssuePlan {
  status: IssueStatus
  department: string | null
  assignee: string | null
  leader: string | null
  /** From the sheet; null: computed from the category's time limit. */
  dueDate: string | null
  result: string | null
  resolvedDate: string | null
  closedDate: string | null
  transferTo: string | null
  reason: string | null
  /** With their dates settled (never before the resolution). */
  callbacks: (CallbackFact & { date: string })[]
  /** Result text of an issue the sheet shows as worked on but not finished. */
  progressNote: string | null
  steps: HistoryStep[]
  /** The number in the old ledger, kept in the visit's note. */
  originalNumber: string | null
}

export interface MatterRecord {
  type: MatterType
  /** Category as the sheet names it; null: not given. */
  category: string | null
  content: string
  answer: string | null
  place: string | null
  issue: IssuePlan | null
}

export interface ImportRecord {
  row: number
  date: string
  time: string
  kind: SessionKind | null
  sessionTitle: string | null
  location: string | null
  visitor: ReturnType<typeof cleanVisitor>
  organization: ReturnType<typeof cleanOrganization> | null
  headcount: number
  receivedBy: string | null
  note: string | null
  matters: MatterRecord[]
}

/** A remark for the report: the same message for many rows is shown once with the rows. */
export type Warn = (message: string, row: number | null) => void

export interface BuildResult {
  records: ImportRecord[]
  unreadable: ImportRowProblem[]
  blankRows: number
  totalRows: number
}

// ---- reading one row ----

/** Reads fields from one row by a mapping; names columns in messages the way Excel shows them. */
export class RowReader {
  constructor(
    readonly row: readonly RawCell[],
    readonly rowNumber: number,
    private readonly columns: ReadonlyMap<ImportField, LayoutColumn>,
  ) {}
  has(field: ImportField): boolean {
    return this.columns.has(field)
  }
  cell(field: ImportField): RawCell {
    const col = this.columns.get(field)
    return col ? (this.row[col.index - 1] ?? null) : null
  }
  text(field: ImportField): string | null {
    return textOf(this.cell(field))
  }
  column(field: ImportField): string {
    const col = this.columns.get(field)
    return col ? `${col.letter} ${col.header}` : fieldLabel(field)
  }
}

/** The mapping as columns of the layout; refuses a column that is not there and a missing required field. */
export function resolveMapping(layout: SheetLayout, mapping: ImportMapping): Map<ImportField, LayoutColumn> {
  const out = new Map<ImportField, LayoutColumn>()
  for (const [key, ref] of Object.entries(mapping)) {
    if (!isImportField(key)) throw new LedgerError('import_mapping', `映射中有未知的字段：${key}`)
    if (ref === undefined || ref === null || ref === '') continue
    let col: LayoutColumn | undefined
    if (typeof ref === 'number') col = layout.columns.find((c) => c.index === ref)
    else {
      const wanted = ref.trim()
      col =
        layout.columns.find((c) => c.header === wanted) ??
        layout.columns.find((c) => normalizeHeader(c.header) === normalizeHeader(wanted)) ??
        (/^[A-Za-z]{1,3}$/.test(wanted) ? layout.columns.find((c) => c.letter === wanted.toUpperCase()) : undefined)
    }
    if (!col) throw new LedgerError('import_mapping', `“${fieldLabel(key)}”对应的列“${String(ref)}”在工作表中找不到，请重新选择`)
    out.set(key, col)
  }
  const missing = FIELD_DEFS.filter((d) => d.required && !out.has(d.field)).map((d) => `“${d.label}”`)
  if (missing.length > 0) throw new LedgerError('import_mapping', `请为${missing.join('、')}指定表格中的列`)
  return out
}

export function mappingByNumber(columns: ReadonlyMap<ImportField, LayoutColumn>): ImportMapping {
  const out: ImportMapping = {}
  for (const [field, col] of columns) out[field] = col.index
  return out
}

// ---- linked sheets: this app's own export (问题台账, 回访 keyed by 问题编号) ----

export interface LinkedSheets {
  /** Sheet names, for the report. */
  names: string[]
  issues: Map<string, RowReader>
  callbacks: Map<string, RowReader[]>
}

export function numberKey(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').toUpperCase()
}

export function emptyLinks(): LinkedSheets {
  return { names: [], issues: new Map(), callbacks: new Map() }
}

/** Sheets other than the one imported whose rows add issue details or callbacks by 问题编号. */
export function linkedSheets(grids: readonly { grid: Grid; layout: SheetLayout | null }[], mainSheet: string): LinkedSheets {
  const links = emptyLinks()
  for (const { grid, layout } of grids) {
    if (grid.name === mainSheet || layout === null) continue
    const guessed = guessLayout(layout)
    const columns = new Map<ImportField, LayoutColumn>()
    for (const [index, field] of guessed) {
      const col = layout.columns.find((c) => c.index === index)
      if (col) columns.set(field, col)
    }
    if (!columns.has('issueNumber')) continue
    const isCallbacks = columns.has('callbackDate') && columns.has('callback')
    const isIssues = !isCallbacks && columns.has('status')
    if (!isCallbacks && !isIssues) continue
    links.names.push(grid.name)
    grid.rows.forEach((row, i) => {
      if (i <= layout.headerIndex || isBlankRow(row)) return
      const reader = new RowReader(row, i + 1, columns)
      const number = reader.text('issueNumber')
      if (number === null) return
      const key = numberKey(number)
      if (isIssues) links.issues.set(key, reader)
      else links.callbacks.set(key, [...(links.callbacks.get(key) ?? []), reader])
    })
  }
  return links
}

// ---- building records ----

export interface BuildOptions {
  today: string
  titleYear: number | null
  links: LinkedSheets
  warn: Warn
}

class RowProblems {
  readonly list: ImportRowProblem[] = []
  constructor(private readonly rowNumber: number) {}
  add(column: string | null, message: string): void {
    this.list.push({ row: this.rowNumber, column, message })
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function dateOf(reader: RowReader, field: ImportField, problems: RowProblems, o: BuildOptions): DateTime | null {
  const r = readDate(reader.cell(field), o.titleYear)
  if (r === null) return null
  if ('error' in r) {
    problems.add(reader.column(field), r.error)
    return null
  }
  if (r.value.date > o.today) {
    problems.add(reader.column(field), `日期晚于今天：${r.value.date}`)
    return null
  }
  if (r.value.date < '1990-01-01') {
    problems.add(reader.column(field), `日期早于 1990 年，请核对：${r.value.date}`)
    return null
  }
  return r.value
}

/** Runs a validator from db/ (the desk's own rules) and turns its refusal into a row problem. */
function checked<T>(problems: RowProblems, column: string | null, work: () => T): T | null {
  try {
    return work()
  } catch (e) {
    if (e instanceof LedgerError) {
      problems.add(column, e.message)
      return null
    }
    throw e
  }
}

const EXPORT_ISSUE_LINE = /^问题\s*([A-Za-z0-9-]*)\s*[（(]([^）)]*)[）)]\s*[：:]\s*([\s\S]*)$/
const EXPORT_CONSULTATION_LINE = /^咨询\s*[（(]([^）)]*)[）)]\s*[：:]\s*([\s\S]*)$/

interface ContentPart {
  type: MatterType
  number: string | null
  category: string
  content: string
}

/**
 * This app's export lists a visit's matters in one cell, a line each: “问题 JD-2026-11-0001（大气）：…”
 * or “咨询（排污许可）：…”. Any other text is one matter.
 */
export function splitExportMatters(text: string): ContentPart[] | null {
  const lines = text.split('\n')
  const parts: ContentPart[] = []
  for (const line of lines) {
    const issue = EXPORT_ISSUE_LINE.exec(line.trim())
    const consultation = issue ? null : EXPORT_CONSULTATION_LINE.exec(line.trim())
    if (issue) parts.push({ type: 'issue', number: issue[1] || null, category: (issue[2] ?? '').trim(), content: (issue[3] ?? '').trim() })
    else if (consultation) parts.push({ type: 'consultation', number: null, category: (consultation[1] ?? '').trim(), content: (consultation[2] ?? '').trim() })
    else if (parts.length > 0) {
      const last = parts[parts.length - 1]
      if (last) last.content = `${last.content}\n${line}`.trim()
    } else return null
  }
  return parts.length > 0 ? parts : null
}

interface IssueFacts {
  number: string | null
  status: IssueStatus | null
  department: string | null
  assignee: string | null
  leader: string | null
  dueDate: string | null
  result: string | null
  resolvedDate: string | null
  closedDate: string | null
  transferTo: string | null
  reason: string | null
  callbacks: CallbackFact[]
}

function callbackFrom(reader: RowReader, problems: RowProblems, o: BuildOptions): CallbackFact | null {
  const text = reader.text('callback')
  if (text === null) return null
  const satisfaction = readSatisfaction(text)
  if (satisfaction === null) {
    o.warn(`回访情况“${text}”看不出满意程度，未记为回访`, reader.rowNumber)
    return null
  }
  const date = reader.has('callbackDate') ? dateOf(reader, 'callbackDate', problems, o) : null
  return {
    date: date?.date ?? null,
    method: readCallbackMethod(reader.text('callbackMethod') ?? text) ?? 'other',
    satisfaction,
    comment: reader.text('callbackComment'),
  }
}

function issueFacts(reader: RowReader, problems: RowProblems, o: BuildOptions, number: string | null): IssueFacts {
  const statusText = reader.text('status')
  const status = readStatus(statusText)
  if (statusText !== null && status === null && !/^否$/.test(statusText)) o.warn(`办理状态“${statusText}”无法识别，按其他列推断`, reader.rowNumber)
  const linkedCallbacks = number === null ? undefined : o.links.callbacks.get(numberKey(number))
  let callbacks: CallbackFact[]
  if (linkedCallbacks && linkedCallbacks.length > 0) {
    callbacks = linkedCallbacks
      .map((r) => callbackFrom(r, problems, o))
      .filter((c): c is CallbackFact => c !== null)
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
  } else {
    const single = callbackFrom(reader, problems, o)
    callbacks = single ? [single] : []
  }
  return {
    number,
    status,
    department: reader.text('department'),
    assignee: nameOf(reader.cell('assignee')),
    leader: nameOf(reader.cell('leader')),
    dueDate: dateOf(reader, 'dueDate', problems, { ...o, today: '9999-12-31' })?.date ?? null,
    result: reader.text('result'),
    resolvedDate: dateOf(reader, 'resolvedDate', problems, o)?.date ?? null,
    closedDate: dateOf(reader, 'closedDate', problems, o)?.date ?? null,
    transferTo: reader.text('transferTo'),
    reason: reader.text('reason'),
    callbacks,
  }
}

/** Stamps along an issue's history: the given time of day, but never before the step before. */
class StepClock {
  private last = ''
  at(date: string, time: string): string {
    let at = `${date} ${time}`
    if (at <= this.last) {
      const [d = date, t = time] = this.last.split(' ')
      const [h = 0, m = 0, s = 0] = t.split(':').map(Number)
      const next = h * 3600 + m * 60 + s + 1
      at = next >= 86400 ? `${d} 23:59:59` : `${d} ${pad(Math.floor(next / 3600))}:${pad(Math.floor(next / 60) % 60)}:${pad(next % 60)}`
    }
    this.last = at
    return at
  }
}

const OPEN: readonly IssueStatus[] = ['accepted', 'assigned', 'in_progress']

/**
 * The issue's history as the sheet tells it: accept → assign → resolve → callbacks → close, with the
 * sheet's dates. An explicit 状态 wins; without one, 办结日期 means 办结, a satisfied callback 销号,
 * an unsatisfied one 重新办理, a 转办单位 转办.
 */
function planIssue(f: IssueFacts, accepted: DateTime & { time: string }, problems: RowProblems, o: BuildOptions, rowNumber: number): IssuePlan {
  const clock = new StepClock()
  const steps: HistoryStep[] = []
  // The status the steps so far have reached (an object: TypeScript would pin a plain variable to 'accepted').
  const now: { state: IssueStatus } = { state: 'accepted' }
  const step = (action: HistoryStep['action'], to: IssueStatus, date: string, time: string, reason: string | null = null) => {
    steps.push({ action, from: steps.length === 0 ? null : now.state, to, at: clock.at(date, time), reason })
    now.state = to
  }
  step('accept', 'accepted', accepted.date, accepted.time)
  const base: IssuePlan = {
    status: 'accepted',
    department: f.department,
    assignee: f.assignee,
    leader: f.leader,
    dueDate: f.dueDate !== null && f.dueDate >= accepted.date ? f.dueDate : null,
    result: null,
    resolvedDate: null,
    closedDate: null,
    transferTo: null,
    reason: null,
    callbacks: [],
    progressNote: null,
    steps,
    originalNumber: f.number,
  }
  if (f.dueDate !== null && f.dueDate < accepted.date) o.warn('办结时限早于来访日期，按问题类别的时限重新计算', rowNumber)

  if (f.status === 'rejected') {
    const reason = f.reason ?? '原台账记为不予受理'
    step('reject', 'rejected', accepted.date, accepted.time, reason)
    return { ...base, status: 'rejected', department: null, reason }
  }
  if (f.status === 'transferred' || (f.status === null && f.transferTo !== null)) {
    const reason = f.reason ?? '原台账记为转办'
    step('transfer', 'transferred', accepted.date, accepted.time, reason)
    return { ...base, status: 'transferred', department: null, transferTo: f.transferTo ?? '原台账未记录转办单位', reason }
  }

  const explicitOpen = f.status !== null && OPEN.includes(f.status)
  const resolvedOnce = !explicitOpen && (f.resolvedDate !== null || f.status === 'resolved' || f.status === 'closed' || f.status === 'reopened')
  if (f.resolvedDate !== null && f.resolvedDate < accepted.date) {
    problems.add(null, `办结日期（${f.resolvedDate}）早于来访日期（${accepted.date}）`)
  }
  const assign = () => {
    if (f.department !== null || f.status === 'assigned') step('assign', 'assigned', accepted.date, accepted.time)
  }

  if (!resolvedOnce) {
    if (f.callbacks.length > 0) o.warn('有回访结果但问题未办结，回访未导入', rowNumber)
    if (explicitOpen && f.resolvedDate !== null) o.warn('办理状态为未办结，办结日期未导入', rowNumber)
    assign()
    const working = f.status === 'in_progress' || (f.status === null && f.result !== null)
    if (working) {
      if (f.status === null) o.warn('有办理结果但没有办结日期，按“办理中”导入，办理结果记为办理进展', rowNumber)
      step('progress', 'in_progress', accepted.date, accepted.time)
      return { ...base, status: 'in_progress', progressNote: f.result, steps }
    }
    return { ...base, status: now.state, steps }
  }

  const lastCallback = f.callbacks.at(-1) ?? null
  let resolvedDate = f.resolvedDate
  if (resolvedDate === null) {
    resolvedDate = f.closedDate ?? lastCallback?.date ?? accepted.date
    if (f.status !== 'reopened') o.warn('已办结但没有办结日期，按销号或回访日期（没有则按来访日期）记为办结日期', rowNumber)
  }
  if (resolvedDate < accepted.date) resolvedDate = accepted.date
  assign()
  step('resolve', 'resolved', resolvedDate, '17:00:00')
  const callbacks: (CallbackFact & { date: string })[] = []
  for (const c of f.callbacks) {
    const date = c.date !== null && c.date >= resolvedDate ? c.date : resolvedDate
    if (now.state === 'reopened') step('resolve', 'resolved', date, '17:00:00')
    const comment = c.satisfaction === 'unsatisfied' ? (c.comment ?? '回访不满意（原台账未记录原因）') : c.comment
    callbacks.push({ ...c, date, comment })
    if (c.satisfaction === 'unsatisfied') step('reopen', 'reopened', date, '17:30:00', comment)
  }
  const lastDate = callbacks.at(-1)?.date ?? resolvedDate
  let status: IssueStatus
  if (f.status === 'reopened') status = 'reopened'
  else if (f.status === 'resolved') status = 'resolved'
  else if (f.status === 'closed') status = 'closed'
  else if (lastCallback === null) status = 'resolved'
  else status = lastCallback.satisfaction === 'unsatisfied' ? 'reopened' : 'closed'

  if (status === 'reopened' && now.state !== 'reopened') step('reopen', 'reopened', lastDate, '17:30:00', '原台账记为重新办理')
  if ((status === 'resolved' || status === 'closed') && now.state === 'reopened') step('resolve', 'resolved', lastDate, '17:40:00')
  let closedDate: string | null = null
  if (status === 'closed') {
    closedDate = f.closedDate !== null && f.closedDate >= lastDate ? f.closedDate : lastDate
    step('close', 'closed', closedDate, '17:45:00')
  }
  return {
    ...base,
    status,
    result: f.result ?? '原台账未记录办理结果',
    resolvedDate: status === 'reopened' ? null : (f.resolvedDate ?? resolvedDate),
    closedDate,
    callbacks,
    steps,
  }
}

function visitorOf(reader: RowReader, problems: RowProblems, o: BuildOptions, hasOrganization: boolean) {
  const name = nameOf(reader.cell('visitorName'))
  let phone = reader.text('phone')
  if (phone !== null && isMasked(phone)) {
    o.warn('联系电话已脱敏（如 138****5678），未导入号码', reader.rowNumber)
    phone = null
  }
  const phoneText = phone
  if (phoneText !== null) phone = checked(problems, reader.column('phone'), () => cleanPhone(phoneText))
  const idCell = reader.cell('idNumber')
  let idNumber = reader.text('idNumber')
  if (idNumber !== null && isMasked(idNumber)) {
    o.warn('身份证号已脱敏，未导入', reader.rowNumber)
    idNumber = null
  } else if (typeof idCell === 'number' && idCell > 1e15) {
    problems.add(reader.column('idNumber'), '身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新填写')
    idNumber = null
  } else if (idNumber !== null) {
    const idText = idNumber
    idNumber = checked(problems, reader.column('idNumber'), () => cleanIdNumber(idText))
  }
  const kind: VisitorKind = hasOrganization ? 'enterprise' : (readVisitorKind(reader.text('visitorKind')) ?? 'resident')
  return checked(problems, reader.column('visitorName'), () => cleanVisitor({ name: name ?? '', phone, idNumber, kind }))
}

function organizationOf(reader: RowReader, problems: RowProblems) {
  const name = reader.text('organization')
  const code = reader.text('creditCode')
  if (name === null) {
    if (code !== null) problems.add(reader.column('organization'), '有统一社会信用代码但没有企业（单位）名称')
    return null
  }
  const creditCode = code === null ? null : checked(problems, reader.column('creditCode'), () => cleanCreditCode(code))
  if (code !== null && creditCode === null) return null
  return checked(problems, reader.column('organization'), () => cleanOrganization({ name, creditCode }))
}

function tooLong(problems: RowProblems, reader: RowReader, field: ImportField, max: number): void {
  const text = reader.text(field)
  if (text !== null && [...text].length > max) problems.add(reader.column(field), `${fieldLabel(field)}超过 ${max} 个字`)
}

/** Columns that show an issue was handled: a row with any of them is not a mere consultation. */
const HANDLING_FIELDS: readonly ImportField[] = ['status', 'department', 'resolvedDate', 'callback', 'transferTo', 'dueDate', 'assignee', 'leader']

function inferType(reader: RowReader): MatterType {
  const explicit = readMatterType(reader.text('matterType'))
  if (explicit !== null) return explicit
  const worked = HANDLING_FIELDS.some((f) => reader.text(f) !== null)
  return !worked && reader.text('answer') !== null ? 'consultation' : 'issue'
}

/** Consultation answers of an export cell, one line each, matched in order. */
function splitAnswers(text: string | null, count: number): (string | null)[] {
  if (text === null || count === 0) return Array.from({ length: count }, () => null)
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  if (count === 1 || lines.length < count) return [text, ...Array.from({ length: count - 1 }, () => null)]
  return [...lines.slice(0, count - 1), lines.slice(count - 1).join('\n')]
}

function buildRecord(reader: RowReader, o: BuildOptions): { record: ImportRecord | null; problems: ImportRowProblem[] } {
  const problems = new RowProblems(reader.rowNumber)
  const when = dateOf(reader, 'date', problems, o)
  if (when === null && readDate(reader.cell('date'), o.titleYear) === null) problems.add(reader.column('date'), '缺少来访日期')
  const time = readTime(reader.cell('time')) ?? when?.time ?? '09:00:00'
  const organization = organizationOf(reader, problems)
  const visitor = visitorOf(reader, problems, o, organization !== null)
  let headcount = 1
  const hc = readHeadcount(reader.cell('headcount'))
  if (hc !== null) {
    if ('error' in hc) problems.add(reader.column('headcount'), hc.error)
    else headcount = hc.value
  }
  const contentText = reader.text('content')
  if (contentText === null) problems.add(reader.column('content'), '缺少反映问题（内容）')
  // The desk's limits on text, so an imported record can be edited and printed like any other.
  tooLong(problems, reader, 'content', 4000)
  tooLong(problems, reader, 'answer', 4000)
  tooLong(problems, reader, 'result', 4000)
  tooLong(problems, reader, 'place', 200)
  tooLong(problems, reader, 'transferTo', 100)
  tooLong(problems, reader, 'reason', 1000)

  const matters: MatterRecord[] = []
  if (contentText !== null && when !== null) {
    const accepted = { date: when.date, time }
    const parts = splitExportMatters(contentText)
    const consultations = parts?.filter((p) => p.type === 'consultation').length ?? 0
    const answers = parts ? splitAnswers(reader.text('answer'), consultations) : []
    let answerIndex = 0
    const rowNumber = reader.text('issueNumber')
    for (const part of parts ?? [null]) {
      const type = part?.type ?? inferType(reader)
      const number = part?.number ?? (part === null ? rowNumber : null)
      const linked = number !== null ? o.links.issues.get(numberKey(number)) : undefined
      if (number !== null && o.links.names.length > 0 && o.links.issues.size > 0 && !linked && type === 'issue') {
        o.warn(`问题编号 ${number} 在关联的问题台账中找不到，按本行内容导入`, reader.rowNumber)
      }
      const source = linked ?? reader
      const content = part?.content ?? contentText
      if (type === 'consultation') {
        const answer = part ? (answers[answerIndex++] ?? null) : (reader.text('answer') ?? reader.text('result'))
        matters.push({
          type,
          category: part?.category ?? reader.text('category'),
          content,
          answer: answer ?? '原台账未记录答复内容',
          place: part ? null : reader.text('place'),
          issue: null,
        })
        continue
      }
      const facts = issueFacts(source, problems, o, number)
      matters.push({
        type,
        category: part?.category ?? reader.text('category'),
        content,
        answer: null,
        place: (linked ? linked.text('place') : null) ?? (part ? null : reader.text('place')),
        issue: planIssue(facts, accepted, problems, o, reader.rowNumber),
      })
    }
  }
  if (problems.list.length > 0 || when === null || visitor === null || contentText === null) return { record: null, problems: problems.list }

  const notes = [
    reader.text('seq') !== null ? `原台账序号 ${reader.text('seq') ?? ''}` : null,
    ...matters.map((m) => (m.issue?.originalNumber ? `原问题编号 ${m.issue.originalNumber}` : null)),
    reader.text('note'),
  ].filter((n): n is string => n !== null)
  return {
    record: {
      row: reader.rowNumber,
      date: when.date,
      time,
      kind: readKind(reader.text('kind')) ?? readKind(reader.text('session')),
      sessionTitle: reader.text('session'),
      location: reader.text('location'),
      visitor,
      organization,
      headcount,
      receivedBy: nameOf(reader.cell('receivedBy')),
      note: notes.length > 0 ? notes.join('；').slice(0, 500) : null,
      matters,
    },
    problems: [],
  }
}

/** Every data row below the header: records, or the reasons a row cannot be read. */
export function buildRecords(grid: Grid, layout: SheetLayout, columns: ReadonlyMap<ImportField, LayoutColumn>, o: BuildOptions): BuildResult {
  const out: BuildResult = { records: [], unreadable: [], blankRows: 0, totalRows: 0 }
  const headerTexts = new Set(layout.columns.map((c) => normalizeHeader(c.header)))
  const dateColumn = columns.get('date')
  let lastDate: RawCell = null
  grid.rows.forEach((source, i) => {
    let row = source
    if (i <= layout.headerIndex) return
    if (isBlankRow(row)) {
      out.blankRows++
      return
    }
    if (isTotalRow(row)) {
      out.totalRows++
      return
    }
    // The header repeated on every printed page of a long sheet.
    const texts = row.map((c) => normalizeHeader(cellText(c))).filter((t) => t !== '')
    if (texts.length >= 2 && texts.every((t) => headerTexts.has(t))) {
      out.blankRows++
      return
    }
    // A date written once for the day's rows (and not merged over them): later rows take it.
    if (dateColumn) {
      const date = row[dateColumn.index - 1] ?? null
      if (textOf(date) !== null) lastDate = date
      else if (lastDate !== null) {
        row = row.map((c, index) => (index === dateColumn.index - 1 ? lastDate : c))
        o.warn('来访日期为空，沿用上一行的日期', i + 1)
      }
    }
    const { record, problems } = buildRecord(new RowReader(row, i + 1, columns), o)
    if (record) out.records.push(record)
    else out.unreadable.push(...problems)
  })
  return out
}
