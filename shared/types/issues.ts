// Issues (问题台账): statuses, lists, detail with its timeline, and 回访's queues.

export type { CallbackMethod, DueState, IssueAction, IssueStatus, Satisfaction } from '../codes/issues'
import type { IssueAttachment } from './attachments'
import type { DueState, IssueAction, IssueStatus, Satisfaction } from '../codes/issues'
import type { Procedure } from '../codes/petitions'
import type { IssueIntake } from './petitions'
import type { IssueCaseFile } from './case-file'

/** How late an overdue issue is: `count` working days, or calendar days when its deadline is in them. */
export interface OverdueBy {
  count: number
  workdays: boolean
}

export interface IssueListItem {
  /** The issue's version as read: every edit names it, and is refused when someone saved first (db/core/versions.ts). */
  version: number
  id: number
  number: string
  status: IssueStatus
  categoryId: number
  categoryName: string
  content: string
  visitorName: string
  organizationName: string | null
  departmentId: number | null
  departmentName: string | null
  assigneeName: string | null
  acceptedDate: string
  dueDate: string
  resolvedDate: string | null
  /** 被反映对象: the enterprise the issue is about, when it names one. */
  subjectName: string | null
  /** 属地. */
  localityName: string | null
  dueState: DueState
  /**
   * The deadline counts days of a year whose official holiday arrangement is not entered yet
   * (counted on the statutory holidays alone): shown as 暂定 wherever the deadline is.
   */
  dueProvisional: boolean
  /** 一般问题, 信访事项 or 转办件. */
  procedure: Procedure
  /** For an overdue issue, how late it is, in its deadline's own unit (working days, or calendar days); else null. */
  overdueBy: OverdueBy | null
}

export interface TimelineEntry {
  kind: 'history' | 'progress' | 'supervision' | 'extension' | 'callback' | 'correction' | 'attachment'
  at: string
  actorName: string | null
  title: string
  text: string | null
  /** The file an 'attachment' entry is about, to open or download. */
  attachment?: IssueAttachment
}

export interface IssueDetail extends IssueListItem {
  place: string | null
  result: string | null
  transferTo: string | null
  reason: string | null
  closedDate: string | null
  visitId: number
  visitorId: number
  visitorPhone: string | null
  organizationId: number | null
  sessionId: number | null
  sessionTitle: string | null
  assigneeId: number | null
  leaderId: number | null
  leaderName: string | null
  firstContactId: number | null
  firstContactName: string | null
  answer: string | null
  lastSatisfaction: Satisfaction | null
  timeline: TimelineEntry[]
  allowedActions: IssueAction[]
  /** 被反映对象, 属地, 重复件, 主办 / 协办, 查实情况 and 处理措施. */
  caseFile: IssueCaseFile
  /** Set when the visit that raised it was voided: shown for the record, out of lists and figures. */
  voidedAt: string | null
  voidReason: string | null
  /** 来源, 工单号, 办理程序 and, for a 信访事项 or 转办件, its procedure and clocks. */
  intake: IssueIntake
  /** The matter the issue was raised as (its description and place are the matter's). */
  matterId: number
  /** Who registered the visit: the clerk who may 更正 it in the correction period. */
  receivedById: number | null
}

/** A row of 回访's queues: what the caller needs in view without opening the issue. */
export interface CallbackItem extends IssueListItem {
  /** Masked like every phone on screen (db/mask.ts). */
  visitorPhone: string | null
  result: string | null
  lastSatisfaction: Satisfaction | null
  lastCallbackDate: string | null
}

export interface CallbackPage {
  rows: CallbackItem[]
  total: number
  page: number
  pageSize: number
}

/** 问题台账's 已超期 and 即将到期 buttons: how many open issues are past their deadline, and due within the warning days. */
export interface DueCounts {
  overdue: number
  dueSoon: number
}

export interface IssuePage {
  rows: IssueListItem[]
  total: number
  page: number
  pageSize: number
}
