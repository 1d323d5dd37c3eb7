// Print sheets: the handover sheet for an issue and the monthly report.
import type { MonthlySummary } from './figures'

export interface HandoverSheet {
  bureauName: string
  issueId: number
  number: string
  acceptedDate: string
  dueDate: string
  /** Counted over a year whose holiday arrangement is not entered yet: printed as 暂定. */
  dueProvisional: boolean
  timeLimitDays: number
  sessionTitle: string | null
  /** False when the office withholds the complainant's identity on handover sheets. */
  showVisitor: boolean
  visitorName: string | null
  /** Masked: 138****5678. */
  visitorPhone: string | null
  organizationName: string | null
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

export interface MonthlyReport {
  summary: MonthlySummary
  /** The report sentence, figures from the summary; editable on screen before printing. */
  sentence: string
  bureauName: string
}
