import { cleanOrganization, cleanVisitor } from '../directory/records'
import type { ImportField, ImportRowProblem, MatterType, SessionKind, VisitorKind } from '../../shared/types'
import { cleanCreditCode, cleanIdNumber, cleanPhone } from '../directory/identity'
import { normalizeHeader } from './fields'
import { issueFacts } from './issue-facts'
import { planIssue, type IssuePlan } from './issue-plan'
import { isBlankRow, isTotalRow, type LayoutColumn, type SheetLayout } from './layout'
import { numberKey } from './linked-sheets'
import type { Grid, RawCell } from './read'
import { checked, dateOf, RowProblems, tooLong, type BuildOptions } from './row-problems'
import { RowReader } from './row-reader'
import { cellText, isMasked, nameOf, readDate, readHeadcount, readKind, readMatterType, readTime, readVisitorKind, textOf } from './values'

// From sheet rows to import records: everything that can be judged without the ledger. Each
// record is one visit (one arrival) with the matters it raised and, for each issue, the plan of its
// history as the sheet tells it. Rows that cannot be read come back with their reasons.

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

export interface BuildResult {
  records: ImportRecord[]
  unreadable: ImportRowProblem[]
  blankRows: number
  totalRows: number
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
    else if (consultation)
      parts.push({ type: 'consultation', number: null, category: (consultation[1] ?? '').trim(), content: (consultation[2] ?? '').trim() })
    else if (parts.length > 0) {
      const last = parts[parts.length - 1]
      if (last) last.content = `${last.content}\n${line}`.trim()
    } else return null
  }
  return parts.length > 0 ? parts : null
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

/** Columns that show an issue was handled: a row with any of them is not a mere consultation. */
const HANDLING_FIELDS: readonly ImportField[] = [
  'status',
  'department',
  'resolvedDate',
  'callback',
  'transferTo',
  'dueDate',
  'assignee',
  'leader',
]

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
  if (problems.list.length > 0 || when === null || visitor === null || contentText === null)
    return { record: null, problems: problems.list }

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
export function buildRecords(
  grid: Grid,
  layout: SheetLayout,
  columns: ReadonlyMap<ImportField, LayoutColumn>,
  o: BuildOptions,
): BuildResult {
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
