import type { Executor } from '../core/context'
import { isOpenStatus, loadCalendar } from '../issues/deadlines'
import { issueJoin, lastSatisfaction } from '../issues/join'
import { callbackMethod, dueState, issueStatus, satisfaction } from '../../shared/codes/issues'
import { channel, visitorKind } from '../../shared/codes/visits'
import { procedure } from '../../shared/codes/petitions'
import { maskFreeText, maskIdNumber, maskPhone } from '../privacy/mask'
import type { IssueStatus } from '../../shared/types'
import { excelDate, type Cell, type Column, type SheetData } from './cells'
import { CASE_FILE_COLUMNS, caseFileCells } from './case-file-cells'
import { lateExtension } from '../issues/extensions'

// The three list sheets of an export, for any span of dates: 来访登记, 问题台账, 回访. Which
// records count follows db/figures.ts exactly, so the row counts equal the month's figures:
// visits received at the desk by visit date (calls and letters between reception days are not
// 接待; their issues are in 问题台账 with their 来源), issues by accepted date (refused ones
// included, as 登记问题), callbacks by callback date; anything hanging off a voided visit is left out.

export interface Span {
  /** 'YYYY-MM-DD', inclusive. */
  from: string
  /** 'YYYY-MM-DD', exclusive. */
  to: string
}

export interface Privacy {
  /** Phones and ID numbers in full: a supervisor's audited choice (db/export/xlsx.ts). */
  unmasked: boolean
}

function privacy(p: Privacy) {
  return {
    phone: (v: string | null): string | null => (p.unmasked ? v : maskPhone(v)),
    idNumber: (v: string | null): string | null => (p.unmasked ? v : maskIdNumber(v)),
  }
}

/**
 * A masked export masks phone and ID numbers typed into any text cell too (“举报人电话139-1234-5670”),
 * with the one function every call result goes through; columns marked verbatim (a credit code)
 * are left as they are.
 */
export function maskTextCells(rows: Cell[][], columns: readonly Column[], p: Privacy): Cell[][] {
  if (p.unmasked) return rows
  return rows.map((row) => row.map((cell, i) => (typeof cell === 'string' && columns[i]?.verbatim !== true ? maskFreeText(cell) : cell)))
}

const timeOf = (stampText: string): string => stampText.slice(11, 16)

const channelOf = (code: string): string => channel.label(code)

export const VISIT_COLUMNS: readonly Column[] = [
  { header: '来访日期' },
  { header: '到达时间' },
  { header: '接待日' },
  { header: '来访人' },
  { header: '类型' },
  { header: '联系电话' },
  { header: '身份证号' },
  { header: '企业/单位' },
  { header: '统一社会信用代码', verbatim: true },
  { header: '人数' },
  { header: '来访事项', wrap: true },
  { header: '咨询答复', wrap: true },
  { header: '接待人' },
]

/** 来访登记's rows: the span's desk visits, not voided (calls and letters are 来电来信's, not receptions). */
function spanVisits(db: Executor, span: Span) {
  return db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .leftJoin('sessions as s', 's.id', 'v.session_id')
    .leftJoin('staff as r', 'r.id', 'v.received_by_id')
    .where('v.visit_date', '>=', span.from)
    .where('v.visit_date', '<', span.to)
    .where('v.voided_at', 'is', null)
    .where('v.channel', '=', 'desk')
}

export async function visitSheet(db: Executor, span: Span, p: Privacy): Promise<SheetData> {
  const mask = privacy(p)
  const visits = await spanVisits(db, span)
    .select([
      'v.id',
      'v.visit_date',
      'v.arrived_at',
      's.title as session_title',
      'p.name as visitor_name',
      'p.kind as visitor_kind',
      'p.phone',
      'p.id_number',
      'o.name as organization_name',
      'o.credit_code',
      'v.headcount',
      'r.name as received_by',
    ])
    .orderBy('v.visit_date')
    .orderBy('v.arrived_at')
    .orderBy('v.id')
    .execute()
  const matters = await db
    .selectFrom('matters as m')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .innerJoin('categories as c', 'c.id', 'm.category_id')
    .leftJoin('issues as i', 'i.matter_id', 'm.id')
    .select(['m.visit_id', 'm.type', 'c.name as category_name', 'm.content', 'm.answer', 'i.number as issue_number'])
    .where('v.visit_date', '>=', span.from)
    .where('v.visit_date', '<', span.to)
    .where('v.voided_at', 'is', null)
    .where('v.channel', '=', 'desk')
    .orderBy('m.id')
    .execute()
  const raised = new Map<number, string[]>()
  const answered = new Map<number, string[]>()
  for (const m of matters) {
    const content = m.content
    const line =
      m.type === 'issue' ? `问题 ${m.issue_number ?? ''}（${m.category_name}）：${content}` : `咨询（${m.category_name}）：${content}`
    raised.set(m.visit_id, [...(raised.get(m.visit_id) ?? []), line])
    if (m.type === 'consultation' && m.answer) answered.set(m.visit_id, [...(answered.get(m.visit_id) ?? []), m.answer])
  }
  const rows: Cell[][] = visits.map((v) => [
    excelDate(v.visit_date),
    timeOf(v.arrived_at),
    v.session_title,
    v.visitor_name,
    visitorKind.labels[v.visitor_kind],
    mask.phone(v.phone),
    mask.idNumber(v.id_number),
    v.organization_name,
    v.credit_code,
    v.headcount,
    (raised.get(v.id) ?? []).join('\n'),
    (answered.get(v.id) ?? []).join('\n'),
    v.received_by,
  ])
  return { name: '来访登记', columns: [...VISIT_COLUMNS], rows: maskTextCells(rows, VISIT_COLUMNS, p), autoFilter: true }
}

export const ISSUE_COLUMNS: readonly Column[] = [
  { header: '问题编号' },
  { header: '状态' },
  { header: '问题类别' },
  { header: '反映问题', wrap: true },
  { header: '地点' },
  { header: '来访人' },
  { header: '联系电话' },
  { header: '企业/单位' },
  { header: '来源' },
  { header: '承办股室' },
  { header: '承办人' },
  { header: '包案领导' },
  { header: '受理日期' },
  { header: '办结时限' },
  { header: '时限暂定' },
  { header: '时限情况' },
  { header: '办结日期' },
  { header: '办理结果', wrap: true },
  { header: '销号日期' },
  { header: '最近回访' },
  { header: '转办单位' },
  { header: '转办/不予受理理由', wrap: true },
  { header: '办理程序' },
  { header: '工单号/文号' },
  { header: '来源单位' },
  ...CASE_FILE_COLUMNS,
]

function timeLimitState(status: IssueStatus, due: string, resolved: string | null, today: string, lateExtended: boolean): string | null {
  // An extension granted after the deadline had passed leaves the issue overdue (超期后延期).
  if (status === 'resolved' || status === 'closed') return resolved !== null && resolved <= due && !lateExtended ? '按期办结' : '超期办结'
  if (isOpenStatus(status)) return due < today ? dueState.labels.overdue : dueState.labels.on_time
  return null
}

/** Rows in ledger-number order; `today` decides 已超期 for issues still open. */
/** 问题台账's rows: the issues accepted in the span whose visit was not voided. */
function spanIssues(db: Executor, span: Span) {
  return issueJoin(db)
    .leftJoin('staff as l', 'l.id', 'i.leader_id')
    .where('i.accepted_date', '>=', span.from)
    .where('i.accepted_date', '<', span.to)
    .where('v.voided_at', 'is', null)
}

export async function issueRows(db: Executor, span: Span, p: Privacy, today: string): Promise<Cell[][]> {
  const mask = privacy(p)
  const calendar = await loadCalendar(db)
  const caseFile = await caseFileCells(db, span)
  const issues = await spanIssues(db, span)
    .leftJoin('issue_sources as src', 'src.id', 'i.source_id')
    .select([
      'src.name as source_name',
      'i.procedure',
      'i.source_ref',
      'i.source_body',
      'i.id',
      'i.number',
      'i.status',
      'c.name as category_name',
      'c.time_limit_unit',
      'm.content',
      'm.place',
      'p.name as visitor_name',
      'p.phone',
      'o.name as organization_name',
      'v.channel',
      'd.name as department_name',
      'a.name as assignee_name',
      'l.name as leader_name',
      'i.accepted_date',
      'i.due_date',
      'i.resolved_date',
      'i.result',
      'i.closed_date',
      'i.transfer_to',
      'i.reason',
      lastSatisfaction().as('last_satisfaction'),
      lateExtension().as('late_extended'),
    ])
    .orderBy('i.year_month')
    .orderBy('i.seq')
    .orderBy('i.id')
    .execute()
  const rows = issues.map((i): Cell[] => [
    i.number,
    issueStatus.labels[i.status],
    i.category_name,
    i.content,
    i.place,
    i.visitor_name,
    mask.phone(i.phone),
    i.organization_name,
    i.source_name ?? channelOf(i.channel),
    i.department_name,
    i.assignee_name,
    i.leader_name,
    excelDate(i.accepted_date),
    excelDate(i.due_date),
    // Counted over a year whose holiday arrangement is not entered yet (db/calendar/working-days.ts).
    i.procedure === 'general' && i.time_limit_unit === 'workdays' && calendar.isProvisionalSpan(i.accepted_date, i.due_date)
      ? '暂定'
      : null,
    timeLimitState(i.status, i.due_date, i.resolved_date, today, Number(i.late_extended) === 1),
    excelDate(i.resolved_date),
    i.result,
    excelDate(i.closed_date),
    i.last_satisfaction === null ? null : satisfaction.labels[i.last_satisfaction],
    i.transfer_to,
    // `reason` is only written by 转办 and 不予受理 (db/issues.ts).
    i.status === 'transferred' || i.status === 'rejected' ? i.reason : null,
    procedure.label(i.procedure),
    i.source_ref,
    i.source_body,
    ...(caseFile.get(i.id) ?? CASE_FILE_COLUMNS.map(() => null)),
  ])
  return maskTextCells(rows, ISSUE_COLUMNS, p)
}

export async function issueSheet(db: Executor, span: Span, p: Privacy, today: string): Promise<SheetData> {
  return { name: '问题台账', columns: [...ISSUE_COLUMNS], rows: await issueRows(db, span, p, today), autoFilter: true }
}

export const CALLBACK_COLUMNS: readonly Column[] = [
  { header: '回访日期' },
  { header: '问题编号' },
  { header: '反映问题', wrap: true },
  { header: '来访人' },
  { header: '联系电话' },
  { header: '企业/单位' },
  { header: '回访方式' },
  { header: '满意度' },
  { header: '回访意见', wrap: true },
  { header: '回访人' },
]

/** 回访's rows: the calls made in the span about issues whose visit was not voided. */
function spanCallbacks(db: Executor, span: Span) {
  return db
    .selectFrom('callbacks as cb')
    .innerJoin('issues as i', 'i.id', 'cb.issue_id')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .leftJoin('staff as s', 's.id', 'cb.actor_id')
    .where('cb.callback_date', '>=', span.from)
    .where('cb.callback_date', '<', span.to)
    .where('v.voided_at', 'is', null)
}

export async function callbackSheet(db: Executor, span: Span, p: Privacy): Promise<SheetData> {
  const mask = privacy(p)
  const callbacks = await spanCallbacks(db, span)
    .select([
      'cb.callback_date',
      'i.number',
      'm.content',
      'p.name as visitor_name',
      'p.phone',
      'o.name as organization_name',
      'cb.method',
      'cb.satisfaction',
      'cb.comment',
      's.name as actor_name',
    ])
    .orderBy('cb.callback_date')
    .orderBy('cb.id')
    .execute()
  const rows: Cell[][] = callbacks.map((c) => [
    excelDate(c.callback_date),
    c.number,
    c.content,
    c.visitor_name,
    mask.phone(c.phone),
    c.organization_name,
    callbackMethod.labels[c.method],
    satisfaction.labels[c.satisfaction],
    c.comment,
    c.actor_name,
  ])
  return { name: '回访', columns: [...CALLBACK_COLUMNS], rows: maskTextCells(rows, CALLBACK_COLUMNS, p), autoFilter: true }
}

/**
 * How many rows 来访登记, 问题台账 and 回访 will have for the span, counted by the same conditions
 * the sheets read with: the year export knows its total before it reads a sheet.
 */
export async function countListRows(db: Executor, span: Span): Promise<number> {
  const counts = await Promise.all([
    spanVisits(db, span)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    spanIssues(db, span)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    spanCallbacks(db, span)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return counts.reduce((sum, c) => sum + Number(c.n), 0)
}
