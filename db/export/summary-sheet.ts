import { sessionKind } from '../../shared/codes/sessions'
import type { MonthlySummary } from '../../shared/types'
import type { Cell, Column, SheetData } from './cells'

// 汇总: the month's figures exactly as db/figures.ts computes them, each with its definition, so a
// reader of the spreadsheet does not have to guess what 办结率 divides by.

interface Figure {
  label: string
  value: (s: MonthlySummary) => number | null
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
  { label: '接待日（场）', value: (s) => s.sessions, note: '本月已开始或已结束的接待日；只计划未举行的不计', inYear: true },
  ...kindFigures,
  {
    label: '来访登记（批）',
    value: (s) => s.visits,
    note: '本月现场接待的来访登记条数；来电、来信等登记的问题只计入问题，作废的不计',
    inYear: true,
  },
  {
    label: '接待企业（家）',
    value: (s) => s.enterprises,
    note: '本月现场接待涉及的不同企业，按统一社会信用代码区分，无代码的按名称',
    inYear: true,
  },
  { label: '接待人次', value: (s) => s.personTimes, note: '本月现场接待各条来访登记人数之和', inYear: true },
  { label: '其中：群众（人次）', value: (s) => s.residentPersonTimes, note: '未关联企业的来访登记人数之和' },
  { label: '其中：企业（人次）', value: (s) => s.enterprisePersonTimes, note: '关联企业的来访登记人数之和' },
  { label: '咨询（件）', value: (s) => s.consultations, note: '答复的咨询事项（含来电、来信等登记的）', inYear: true },
  { label: '登记问题（个）', value: (s) => s.issuesRegistered, note: '本月登记的问题，含不予受理的', inYear: true },
  { label: '受理（个）', value: (s) => s.issuesAccepted, note: '登记问题减去不予受理的', inYear: true },
  { label: '办结（个）', value: (s) => s.issuesResolved, note: '受理问题中目前已办结或已销号的', inYear: true },
  { label: '其中：已销号（个）', value: (s) => s.issuesClosed, note: '回访满意或基本满意后销号的' },
  { label: '按期办结（个）', value: (s) => s.issuesResolvedOnTime, note: '办结日期不晚于办结时限（含经批准的延期）', inYear: true },
  { label: '转办（个）', value: (s) => s.issuesTransferred, note: '转交其他部门或单位办理的', inYear: true },
  { label: '不予受理（个）', value: (s) => s.issuesRejected, note: '不属本局职责等原因不予受理的', inYear: true },
  { label: '办理中（个）', value: (s) => s.issuesOpen, note: '尚未办结、转办或不予受理的', inYear: true },
  {
    label: '办结率',
    value: (s) => s.resolutionRate,
    rate: true,
    note: '办结 ÷（受理 − 转办）；转办的问题已移交，不计入分母',
    inYear: true,
  },
  { label: '按期办结率', value: (s) => s.onTimeRate, rate: true, note: '按期办结 ÷ 办结', inYear: true },
  { label: '回访（次）', value: (s) => s.callbacks, note: '本月进行的回访，含对以前月份问题的回访', inYear: true },
  { label: '其中：满意（次）', value: (s) => s.satisfied, note: '' },
  { label: '其中：基本满意（次）', value: (s) => s.basicallySatisfied, note: '' },
  { label: '其中：不满意（次）', value: (s) => s.unsatisfied, note: '不满意的问题重新办理' },
  { label: '满意率', value: (s) => s.satisfactionRate, rate: true, note: '（满意 + 基本满意）÷ 回访', inYear: true },
  {
    label: '上月结转未办结（个）',
    value: (s) => s.carriedOver,
    note: '本月之前登记、本月第一天仍未办结的问题（按办理记录推算）',
    inYear: true,
  },
  { label: '当前超期（个）', value: (s) => s.overdue.length, note: '截至导出之日已过办结时限仍未办结的问题（本月底前登记的）' },
]

/** The value cell of a figure: a count, a percentage, or '—' when a rate has nothing to divide by. */
export function figureCell(figure: Figure, s: MonthlySummary): Cell {
  const v = figure.value(s)
  if (v === null) return '—'
  return figure.rate ? { percent: v } : v
}

export interface SummaryHeader {
  month: string
  exportedAt: string
  exportedBy: string
  /** '已脱敏' or the supervisor's reason for an unmasked export. */
  privacy: string
}

/**
 * One month: label / value / definition rows, then the by-category table below a blank row. The
 * definitions sit in the fifth column so the category table's four number columns stay narrow.
 */
export function monthSummarySheet(s: MonthlySummary, head: SummaryHeader): SheetData {
  const columns: Column[] = [{ header: '项目' }, { header: '数值' }, { header: '' }, { header: '' }, { header: '口径说明', wrap: true }]
  const line = (label: string, value: Cell, note: string | null): Cell[] => [label, value, null, null, note]
  const rows: Cell[][] = [
    line('月份', head.month, '状态类数字（办结、销号、办理中等）以导出时的台账为准'),
    line('导出时间', head.exportedAt, null),
    line('导出人', head.exportedBy, null),
    line('个人信息', head.privacy, '联系电话、身份证号默认脱敏；未脱敏导出须负责人批准并记入审计日志'),
    ...FIGURES.map((f) => line(f.label, figureCell(f, s), f.value(s) === null ? `${f.note}（本月无可计算的数据）` : f.note || null)),
    [],
  ]
  const boldRows = [rows.length]
  rows.push(['问题类别', '咨询（件）', '受理（个）', '办结（个）'])
  if (s.byCategory.length === 0) rows.push(['（本月无记录）'])
  for (const c of s.byCategory) rows.push([c.categoryName, c.consultations, c.issuesAccepted, c.issuesResolved])
  return { name: '汇总', columns, rows, boldRows, autoFilter: false }
}

export const YEAR_FIGURES: readonly Figure[] = FIGURES.filter((f) => f.inYear)

/** The year's 汇总: one row per month, one column per figure. */
export function yearSummaryColumns(): Column[] {
  return [{ header: '月份' }, ...YEAR_FIGURES.map((f) => ({ header: f.label }))]
}

export function yearSummaryRow(s: MonthlySummary): Cell[] {
  return [s.month, ...YEAR_FIGURES.map((f) => figureCell(f, s))]
}
