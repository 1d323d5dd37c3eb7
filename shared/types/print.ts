// Print sheets: the handover sheet for an issue and the monthly report.
import type { AuditAnchor } from './audit'
import type { Adjustment, MonthClose, MonthlySummary, PeriodSummary } from './figures'

export interface HandoverSheet {
  bureauName: string
  issueId: number
  number: string
  acceptedDate: string
  dueDate: string
  /** Counted over a year whose holiday arrangement is not entered yet: printed as 暂定. */
  dueProvisional: boolean
  timeLimitDays: number
  /** How the due date was counted: "15 个工作日，节假日顺延", "信访事项：受理后60日" … */
  dueRule: string
  sessionTitle: string | null
  /** False when the office withholds the complainant's identity on handover sheets. */
  showVisitor: boolean
  visitorName: string | null
  /** Masked: 138****5678. */
  visitorPhone: string | null
  /** The full number for the section to reply with, only when a supervisor's 设置 says so (audited); else null. */
  replyPhone: string | null
  /** 接待办公室电话, for the section to ask for a withheld number. */
  officePhone: string | null
  organizationName: string | null
  /** 被反映对象: the enterprise complained about. */
  subjectName: string | null
  localityName: string | null
  /** 协办 sections handed the issue beside the lead (主办) one. */
  assistDepartments: string[]
  categoryName: string
  place: string | null
  content: string
  answeredOnTheSpot: string | null
  departmentName: string | null
  assigneeName: string | null
  leaderName: string | null
  firstContactName: string | null
  assignNote: string | null
}

/** Any period's report: its figures and the sentence that says them. */
export interface PeriodReport {
  summary: PeriodSummary
  /** The report sentence, figures from the summary; editable on screen before printing. */
  sentence: string
  bureauName: string
  /** The audit log's head when the report was made, printed in the footer (an anchor on paper for `check --anchor`). */
  auditAnchor: AuditAnchor | null
}

/**
 * A month's report. Once the month is closed (月结) it is the report as it was sent, word for word,
 * with `adjustments` saying which figures the ledger has changed since (调整).
 */
export interface MonthlyReport extends PeriodReport {
  summary: MonthlySummary
  close: MonthClose | null
  adjustments: Adjustment[]
}

/** 受理回执: what the visitor takes away for the issues accepted at one visit. */
export interface ReceiptSheet {
  bureauName: string
  /** Whom to call about it, with the first contact's name on each issue. */
  officePhone: string | null
  visitId: number
  visitDate: string
  arrivedAt: string
  sessionTitle: string | null
  visitorName: string
  /** Masked: 138****5678. */
  visitorPhone: string | null
  organizationName: string | null
  receivedBy: string | null
  issues: {
    number: string
    categoryName: string
    content: string
    place: string | null
    acceptedDate: string
    dueDate: string
    timeLimitDays: number
    firstContactName: string | null
  }[]
}
