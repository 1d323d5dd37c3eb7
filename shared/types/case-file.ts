// The case file of an issue: whom or what it is about (被反映对象), where it belongs (属地), earlier
// issues it repeats (重复件), the sections that answer for it (主办 / 协办), and what 办结 found and did.

export type { Finding, MeasureKind, SectionRole, SectionStatus } from '../codes/case-file'
import type { Finding, MeasureKind, SectionRole, SectionStatus } from '../codes/case-file'
import type { IssueStatus } from '../codes/issues'

/** 乡镇 / 街道, a list the office keeps in 设置. */
export interface Locality {
  id: number
  name: string
  sortOrder: number
  active: boolean
}

/** The numbers in 设置 that the case file's rules read. */
export interface CaseRules {
  /** 重复件: days back an earlier issue about the same subject or visitor counts. */
  repeatWindowDays: number
  /** 集体访: a visit of this many people or more. */
  collectiveHeadcount: number
  /** Extensions one issue may have. */
  maxExtensions: number
  /** How far all extensions together may move the first deadline, in working days. */
  extensionCeilingWorkdays: number
}

/** The enterprise complained about, kept apart from the visitor's own organization. */
export interface IssueSubject {
  organizationId: number
  name: string
  creditCode: string | null
}

/** One section's handover of an issue and its answer. */
export interface SectionHandover {
  id: number
  departmentId: number
  departmentName: string
  role: SectionRole
  status: SectionStatus
  /** When it was handed over (the working time counts from 交办, not from 签收). */
  assignedAt: string
  signedDate: string | null
  signerName: string | null
  returnReason: string | null
  answeredAt: string | null
}

export interface Measure {
  kind: MeasureKind
  /** 责令整改: the date the order gives for it. */
  rectifyDeadline: string | null
  /** 立案处罚: the fine in 元 (two decimals at most); null when none was set. */
  fineYuan: number | null
  /** 移送: the body the case went to. */
  referredTo: string | null
  note: string | null
}

export interface IssueLink {
  id: number
  number: string
  status: IssueStatus
  acceptedDate: string
}

export interface IssueCaseFile {
  subject: IssueSubject | null
  localityId: number | null
  localityName: string | null
  /** The earlier issue this one repeats, as chosen at registration. */
  repeatOf: IssueLink | null
  /** Later issues registered as repeats of this one. */
  repeatedBy: IssueLink[]
  /** The visit brought 设置's 集体访 head-count or more. */
  collective: boolean
  headcount: number
  /** Every handover, the current ones first (lead before assist), then those returned or withdrawn. */
  sections: SectionHandover[]
  /** Set at the latest 办结. */
  finding: Finding | null
  measures: Measure[]
  extensionCount: number
  /** Extensions granted after the deadline had already passed (超期后延期). */
  lateExtensionCount: number
}

/** An earlier issue the desk is shown while typing a new one (重复件). */
export interface RepeatCandidate extends IssueLink {
  categoryName: string
  content: string
  visitorName: string
  subjectName: string | null
  place: string | null
  /** What makes it a repeat: the same enterprise complained about, the same 点位, the same visitor. */
  matchedBy: ('subject' | 'place' | 'visitor')[]
}

export interface RepeatCandidates {
  windowDays: number
  rows: RepeatCandidate[]
}

/** A period's case-file figures (db/figures/case-file.ts states each definition). */
export interface CaseFileFigures {
  /** Issues registered in the period as repeats of an earlier one. */
  repeats: number
  /** Desk visits of 设置's head-count or more, and the people they brought. */
  collectiveVisits: number
  collectivePersonTimes: number
  collectiveHeadcount: number
  /** Of the period's issues now 办结 or 销号: how many with each finding. */
  findings: Record<Finding, number>
  /** (属实 + 部分属实) ÷ issues with a finding; null when none has one. */
  verifiedRate: number | null
  rectifyOrders: number
  /** 立案数: issues whose 办结 records 立案处罚. */
  penaltyCases: number
  /** 罚款金额 in 元. */
  fineYuan: number
  referrals: number
  /** Extensions granted in the period after the deadline had passed. */
  lateExtensions: number
  byLocality: LocalityFigure[]
}

export interface LocalityFigure {
  /** null: issues registered without a 属地 (before the list existed, or imported). */
  localityId: number | null
  localityName: string
  issuesAccepted: number
  issuesResolved: number
  verified: number
}
