import type {
  CallbackMethod,
  DueState,
  IssueStatus,
  Satisfaction,
  SessionKind,
  SessionStatus,
  StaffRole,
} from '../../electron/contract/types'

// Screen wording for the ledger's codes. db/ has its own copy for messages it writes; the renderer
// may not import db/ at run time.

export const SESSION_KIND: Record<SessionKind, string> = {
  enterprise: '服务企业接待日',
  public: '服务群众接待日',
  leader: '领导接待日',
  field: '上门服务',
}

export const SESSION_KIND_SHORT: Record<SessionKind, string> = { enterprise: '企业', public: '群众', leader: '领导', field: '上门' }

export const SESSION_STATUS: Record<SessionStatus, string> = { planned: '计划中', open: '进行中', closed: '已结束' }

export const ISSUE_STATUS: Record<IssueStatus, string> = {
  accepted: '已受理',
  assigned: '已交办',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已销号',
  reopened: '重新办理',
  transferred: '已转办',
  rejected: '不予受理',
}

export const ISSUE_STATUS_COLOR: Record<IssueStatus, string> = {
  accepted: 'blue',
  assigned: 'geekblue',
  in_progress: 'processing',
  resolved: 'cyan',
  closed: 'success',
  reopened: 'warning',
  transferred: 'purple',
  rejected: 'default',
}

export const DUE_STATE: Record<DueState, string> = { overdue: '已超期', due_soon: '即将到期', on_time: '未到期', done: '—' }

export const SATISFACTION: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }

export const CALLBACK_METHOD: Record<CallbackMethod, string> = { phone: '电话', visit: '上门', sms: '短信', other: '其他' }

export const STAFF_ROLE: Record<StaffRole, string> = { desk: '前台工作人员', supervisor: '负责人', handler: '承办人员' }

export function optionsOf<K extends string>(labels: Record<K, string>, keys: readonly K[]): { value: K; label: string }[] {
  return keys.map((value) => ({ value, label: labels[value] }))
}
