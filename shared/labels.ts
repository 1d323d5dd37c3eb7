import type { CallbackMethod, IssueStatus, Satisfaction } from './types'

export const ISSUE_STATUS_LABEL: Record<IssueStatus, string> = {
  accepted: '已受理',
  assigned: '已交办',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已销号',
  reopened: '重新办理',
  transferred: '已转办',
  rejected: '不予受理',
}

export const SATISFACTION_LABEL: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
}

export const CALLBACK_METHOD_LABEL: Record<CallbackMethod, string> = {
  phone: '电话',
  visit: '上门',
  sms: '短信',
  other: '其他',
}

const ACTION_LABEL: Record<string, string> = {
  accept: '受理',
  assign: '交办',
  reassign: '重新交办',
  progress: '开始办理',
  resolve: '办结',
  reopen: '回访不满意，重新办理',
  close: '销号',
  transfer: '转办',
  reject: '不予受理',
  void: '随来访登记作废',
}

export function describeHistory(action: string, from: IssueStatus | null, to: IssueStatus): string {
  const label = ACTION_LABEL[action] ?? action
  if (from === null || from === to) return label
  return `${label}（${ISSUE_STATUS_LABEL[from]} → ${ISSUE_STATUS_LABEL[to]}）`
}
