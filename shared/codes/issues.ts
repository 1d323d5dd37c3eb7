import { DUE_SOON_WORKDAYS } from '../limits'
import { codeList, type CodeOf } from './define'
import { procedureHistoryAction } from './petitions'

/** An issue's state in the life cycle (DESIGN.md), in the order of the life cycle. */
export const issueStatus = codeList({
  accepted: '已受理',
  assigned: '已交办',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已销号',
  reopened: '重新办理',
  transferred: '已转办',
  rejected: '不予受理',
})
export type IssueStatus = CodeOf<typeof issueStatus>

/** What a person may do to an issue: the buttons of the issue drawer, the words of refusals. */
export const issueAction = codeList({
  assign: '交办',
  progress: '记录进展',
  supervise: '督办',
  extend: '延期',
  resolve: '办结',
  callback: '回访',
  close: '销号',
  transfer: '转办',
  reject: '不予受理',
  sign: '签收',
  return: '退回',
})
export type IssueAction = CodeOf<typeof issueAction>

/**
 * What a row of the issue's history records. Where a status change is also an action the words are
 * the action's; 'progress' here is the move into 办理中, not a progress note.
 */
export const historyAction = codeList({
  accept: '受理',
  assign: issueAction.labels.assign,
  reassign: '重新交办',
  progress: '开始办理',
  resolve: issueAction.labels.resolve,
  reopen: '回访不满意，重新办理',
  close: issueAction.labels.close,
  transfer: issueAction.labels.transfer,
  reject: issueAction.labels.reject,
  void: '随来访登记作废',
  recount_due: '放假安排调整，重算办结时限',
  ...procedureHistoryAction.labels,
  sign: issueAction.labels.sign,
  return: '主办股室退回，待重新交办',
  return_assist: '协办股室退回',
  case_file: '更正被反映对象或属地',
  recategorize: '更正问题类别',
  attach: '添加附件',
})
export type HistoryAction = CodeOf<typeof historyAction>

export const satisfaction = codeList({ satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' })
export type Satisfaction = CodeOf<typeof satisfaction>

export const callbackMethod = codeList({ phone: '电话', visit: '上门', sms: '短信', other: '其他' })
export type CallbackMethod = CodeOf<typeof callbackMethod>

/** Where an issue stands against its deadline, derived on every read. */
export const dueState = codeList({
  overdue: '已超期',
  due_soon: `${DUE_SOON_WORKDAYS}个工作日内到期`,
  on_time: '未到期',
  done: '—',
})
export type DueState = CodeOf<typeof dueState>

/** The due states a list can be filtered by ('done' is not a filter). */
export const DUE_FILTERS = ['overdue', 'due_soon', 'on_time'] as const satisfies readonly DueState[]
export type DueFilter = (typeof DUE_FILTERS)[number]

/** Progress rows: a note of work done, or a 督办 prompt. */
export const progressKind = codeList({ progress: '跟踪记录', supervision: '督办' })
export type ProgressKind = CodeOf<typeof progressKind>

/** One history row in words: "交办（已受理 → 已交办）". */
export function describeHistory(action: string, from: IssueStatus | null, to: IssueStatus): string {
  const label = historyAction.label(action)
  if (from === null || from === to) return label
  return `${label}（${issueStatus.label(from)} → ${issueStatus.label(to)}）`
}
