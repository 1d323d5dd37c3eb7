import { sessionKind } from '../../shared/codes/sessions'
import type { Adjustment, MonthClose, Period, PeriodFigures, PeriodSummary } from '../../shared/types'
import type { Cell, Column, SheetData } from './cells'
import { CASE_FILE_FIGURES, caseFileNote, localityTable } from './case-file-figures'

// 汇总: a period's figures exactly as db/figures/period.ts computes them, each with its definition,
// so a reader of the spreadsheet does not have to guess what 办结率 divides by. Labels and notes
// say 本期 / 上期, read as the period's own words (本月 / 上月, 本季度 / 上季度 …).

type Words = Pick<Period, 'current' | 'previous'>

export interface Figure {
  label: string
  value: (s: PeriodFigures & Partial<Pick<PeriodSummary, 'overdue' | 'caseFile'>>) => number | null
  rate?: boolean
  note: string
  /** Also a column of the year export's one-row-per-month 汇总. */
  inYear?: boolean
}

const kindFigures: Figure[] = sessionKind.codes.map((kind) => ({
  label: `其中：${sessionKind.labels[kind]}（场）`,
  value: (s) => s.sessionsByKind[kind],
  note: '',
}))

export const FIGURES: readonly Figure[] = [
  { label: '接待日（场）', value: (s) => s.sessions, note: '本期已开始或已结束的接待日；只计划未举行的不计', inYear: true },
  ...kindFigures,
  {
    label: '来访登记（批）',
    value: (s) => s.visits,
    note: '本期现场接待的来访登记条数；来电、来信等登记的问题只计入问题，作废的不计',
    inYear: true,
  },
  {
    label: '接待企业（家）',
    value: (s) => s.enterprises,
    note: '本期现场接待涉及的不同企业，按统一社会信用代码区分，无代码的按名称；同一企业在本期内多次来访只计一家',
    inYear: true,
  },
  { label: '接待人次', value: (s) => s.personTimes, note: '本期现场接待各条来访登记人数之和', inYear: true },
  { label: '其中：群众（人次）', value: (s) => s.residentPersonTimes, note: '未关联企业的来访登记人数之和' },
  { label: '其中：企业（人次）', value: (s) => s.enterprisePersonTimes, note: '关联企业的来访登记人数之和' },
  { label: '咨询（件）', value: (s) => s.consultations, note: '答复的咨询事项（含来电、来信等登记的）', inYear: true },
  { label: '登记问题（个）', value: (s) => s.issuesRegistered, note: '本期受理日期的问题，含不予受理的', inYear: true },
  { label: '受理（个）', value: (s) => s.issuesAccepted, note: '本期受理：登记问题减去不予受理的（来信按收到日期计）', inYear: true },
  { label: '办结（个）', value: (s) => s.issuesResolved, note: '本期受理且已办结：本期受理的问题中目前已办结或已销号的', inYear: true },
  { label: '其中：已销号（个）', value: (s) => s.issuesClosed, note: '回访满意或基本满意后销号的' },
  { label: '按期办结（个）', value: (s) => s.issuesResolvedOnTime, note: '办结日期不晚于办结时限（含经批准的延期）', inYear: true },
  { label: '转办（个）', value: (s) => s.issuesTransferred, note: '转交其他部门或单位办理的', inYear: true },
  { label: '不予受理（个）', value: (s) => s.issuesRejected, note: '不属本局职责等原因不予受理的', inYear: true },
  { label: '办理中（个）', value: (s) => s.issuesOpen, note: '本期受理、尚未办结、转办或不予受理的', inYear: true },
  {
    label: '办结率',
    value: (s) => s.resolutionRate,
    rate: true,
    note: '办结 ÷（受理 − 转办）；转办的问题已移交，不计入分母',
    inYear: true,
  },
  { label: '按期办结率', value: (s) => s.onTimeRate, rate: true, note: '按期办结 ÷ 办结', inYear: true },
  {
    label: '本期办结（个）',
    value: (s) => s.issuesResolvedInPeriod,
    note: '办结日期在本期内的问题，不论何时受理（含上期结转）；回访不满意重新办理的，以最后一次办结为准，只计一次',
    inYear: true,
  },
  { label: '其中：上期受理（个）', value: (s) => s.issuesResolvedInPeriodEarlier, note: '本期办结中，本期之前受理的' },
  { label: '其中：按期（个）', value: (s) => s.issuesResolvedInPeriodOnTime, note: '本期办结中，办结日期不晚于办结时限的' },
  {
    label: '回访（次）',
    value: (s) => s.callbacks,
    note: '本期进行的回访次数，含对以前问题的回访；同一问题可回访多次',
    inYear: true,
  },
  {
    label: '回访问题（个）',
    value: (s) => s.issuesCalledBack,
    note: '本期回访过的问题，每个问题只计一次，以本期最后一次回访的满意度为准',
    inYear: true,
  },
  { label: '其中：满意（个）', value: (s) => s.satisfied, note: '' },
  { label: '其中：基本满意（个）', value: (s) => s.basicallySatisfied, note: '' },
  { label: '其中：不满意（个）', value: (s) => s.unsatisfied, note: '不满意的问题重新办理' },
  { label: '满意率', value: (s) => s.satisfactionRate, rate: true, note: '（满意 + 基本满意）÷ 回访问题', inYear: true },
  {
    label: '上期结转未办结（个）',
    value: (s) => s.carriedOver,
    note: '本期之前受理、本期第一天仍未办结的问题（按办结日期、收到日期等业务日期推算，不按录入时间）',
    inYear: true,
  },
  { label: '其中：目前仍在办理（个）', value: (s) => s.carriedOverOpen, note: '上期结转的问题中，到现在仍未办结的' },
  {
    label: '当前超期（个）',
    value: (s) => s.overdue?.length ?? null,
    note: '截至导出之日已过办结时限仍未办结的问题（本期结束前受理的）',
  },
  ...CASE_FILE_FIGURES,
]

/** A label or note in the period's own words: 本期 → 本月, 上期 → 上月, and so on. */
export function worded(text: string, words: Words): string {
  return text.replaceAll('本期', words.current).replaceAll('上期', words.previous)
}

/** The value cell of a figure: a count, a percentage, or '—' when a rate has nothing to divide by. */
export function figureCell(figure: Figure, s: PeriodFigures & Partial<Pick<PeriodSummary, 'overdue'>>): Cell {
  const v = figure.value(s)
  if (v === null) return '—'
  return figure.rate ? { percent: v } : v
}

export interface SummaryHeader {
  /** The month ('2026-11') or the period's label. */
  period: string
  exportedAt: string
  exportedBy: string
  /** '已脱敏' or the supervisor's reason for an unmasked export. */
  privacy: string
  /** A closed month: the report as it was sent, and what changed since (调整). */
  close?: { close: MonthClose; adjustments: Adjustment[]; listsLive: boolean } | undefined
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n))

/**
 * One period: label / value / definition rows, then the by-category table below a blank row. The
 * definitions sit in the fifth column so the category table's number columns stay narrow.
 */
export function summarySheet(s: PeriodSummary, head: SummaryHeader): SheetData {
  const words = s.period
  const columns: Column[] = [{ header: '项目' }, { header: '数值' }, { header: '' }, { header: '' }, { header: '口径说明', wrap: true }]
  const line = (label: string, value: Cell, note: string | null): Cell[] => [label, value, null, null, note]
  const rows: Cell[][] = [
    line(
      s.period.kind === 'month' ? '月份' : '期间',
      head.period,
      `${s.period.from} 至 ${s.period.to}；状态类数字（办结、销号、办理中等）以导出时的台账为准`,
    ),
    line('导出时间', head.exportedAt, null),
    line('导出人', head.exportedBy, null),
    line('个人信息', head.privacy, '联系电话、身份证号默认脱敏；未脱敏导出须负责人批准并记入审计日志'),
  ]
  if (head.close) {
    const c = head.close.close
    rows[0] = line('月份', head.period, `${s.period.from} 至 ${s.period.to}；已月结：以下数字为月结时报送的数字`)
    rows.push(
      line(
        '月结',
        `${c.closedAt.slice(0, 16)} ${c.closedBy}`,
        `月结时审计日志第 ${c.auditHeadId} 条，哈希 ${c.auditHeadHash.slice(0, 16)}…${head.close.listsLive ? '；未脱敏导出的明细表为导出时的台账' : '；明细表为月结时的记录'}`,
      ),
    )
    for (const a of head.close.adjustments) {
      rows.push(
        line(
          `调整：${a.label}`,
          a.now - a.reported,
          `报送 ${a.reported}，现为 ${a.now}（${signed(a.now - a.reported)}），月结后台账记录有变动`,
        ),
      )
    }
  }
  rows.push(
    ...FIGURES.map((f) => {
      const note = worded(caseFileNote(f, s), words)
      return line(
        worded(f.label, words),
        figureCell(f, s),
        f.value(s) === null ? `${note}（${words.current}无可计算的数据）` : note || null,
      )
    }),
    [],
  )
  const boldRows = [rows.length]
  rows.push(['问题类别', '咨询（件）', '受理（个）', '办结（个）', worded('本期办结（个）', words)])
  if (s.byCategory.length === 0) rows.push([worded('（本期无记录）', words)])
  for (const c of s.byCategory) rows.push([c.categoryName, c.consultations, c.issuesAccepted, c.issuesResolved, c.issuesResolvedInPeriod])
  if (s.byDepartment.length > 0) {
    rows.push([])
    boldRows.push(rows.length)
    rows.push(['承办股室', '受理（个）', '办结（个）', '办理中（个）', worded('本期办结（个）', words)])
    for (const d of s.byDepartment)
      rows.push([d.departmentName, d.issuesAccepted, d.issuesResolved, d.issuesOpen, d.issuesResolvedInPeriod])
  }
  const byLocality = localityTable(s)
  if (byLocality.length > 0) {
    rows.push([])
    boldRows.push(rows.length)
    rows.push(...byLocality)
  }
  return { name: '汇总', columns, rows, boldRows, autoFilter: false }
}

export const YEAR_FIGURES: readonly Figure[] = FIGURES.filter((f) => f.inYear)

const MONTH_WORDS: Words = { current: '本月', previous: '上月' }

/** The year's 汇总: one row per month, one column per figure. */
export function yearSummaryColumns(): Column[] {
  return [{ header: '月份' }, ...YEAR_FIGURES.map((f) => ({ header: worded(f.label, MONTH_WORDS) }))]
}

export function yearSummaryRow(s: PeriodSummary & { month: string }): Cell[] {
  return [s.month, ...YEAR_FIGURES.map((f) => figureCell(f, s))]
}
