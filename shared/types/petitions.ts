// 来源, 办理程序, the 信访 procedure and 转办件 as they cross into the renderer.

export type {
  ClockState,
  DeadlineKind,
  DeliveryMethod,
  LimitUnit,
  NoticeKind,
  PetitionAction,
  PetitionDecision,
  PetitionStage,
  Procedure,
  ReviewLevel,
  SourceKind,
} from '../codes/petitions'
import type {
  ClockState,
  DeadlineKind,
  DeliveryMethod,
  NoticeKind,
  PetitionAction,
  PetitionDecision,
  PetitionStage,
  Procedure,
  ReviewLevel,
  SourceKind,
} from '../codes/petitions'

/** One entry of the office's 来源 list (设置 → 来源). */
export interface IssueSource {
  id: number
  name: string
  kind: SourceKind
  sortOrder: number
  active: boolean
}

/** One clock a matter runs against, with the rule it comes from ("信访受理告知：登记后15日"). */
export interface Deadline {
  kind: DeadlineKind
  rule: string
  /** The day the clock started. */
  from: string
  due: string
  /** When it was met (the notice delivered, the reply given, the request made), if it was. */
  doneOn: string | null
  state: ClockState
}

export interface PetitionNotice {
  id: number
  kind: NoticeKind
  /** The date the notice bears. */
  dated: string
  deliveredOn: string | null
  deliveryMethod: DeliveryMethod | null
}

export interface PetitionReview {
  level: ReviewLevel
  requestedOn: string
  /** The body asked to review (复查机关 / 复核机关), as the visitor named it. */
  body: string | null
  answeredOn: string | null
  answer: string | null
}

export interface PetitionCase {
  stage: PetitionStage
  registeredOn: string
  decision: PetitionDecision | null
  decidedOn: string | null
  decisionReason: string | null
  forwardedTo: string | null
  extendedDays: number | null
  extensionReason: string | null
  extensionApproverName: string | null
  repliedOn: string | null
  reply: string | null
  /** An earlier petition of the same visitor and category concluded by 复核: not accepted again. */
  repeatOf: { issueId: number; number: string } | null
  notices: PetitionNotice[]
  reviews: PetitionReview[]
  actions: PetitionAction[]
}

export interface ReferralCase {
  /** The transferring body's deadline for handling. */
  dueOn: string
  /** The date by which the bureau must report back to it. */
  replyBy: string
  repliedOn: string | null
  replyMethod: DeliveryMethod | null
  reply: string | null
  /** Whether the reply back may be recorded now (the matter is done and no reply yet). */
  canReply: boolean
}

/** What every issue carries about where it came from and how it is handled. */
export interface IssueIntake {
  procedure: Procedure
  sourceId: number | null
  sourceName: string
  sourceKind: SourceKind
  /** 工单号 / 文号 of the transferring body. */
  sourceRef: string | null
  /** The body that transferred it (转办单位 / 交办单位). */
  sourceBody: string | null
  petition: PetitionCase | null
  referral: ReferralCase | null
  deadlines: Deadline[]
}

/** A notice as it prints: addressed by name only, never a phone or ID number. */
export interface PetitionNoticeSheet {
  bureauName: string
  noticeId: number
  kind: NoticeKind
  number: string
  dated: string
  visitorName: string
  organizationName: string | null
  registeredOn: string
  /** How it reached the bureau, in words (来访, 来信 …). */
  channelLabel: string
  sourceRef: string | null
  content: string
  decidedOn: string | null
  handlingDue: string | null
  decisionReason: string | null
  forwardedTo: string | null
  extendedDays: number | null
  extensionReason: string | null
  /** The answer the notice carries: the reply, or the review's opinion. */
  answer: string | null
  reviewBody: string | null
  deliveredOn: string | null
  deliveryMethod: DeliveryMethod | null
}

/** 转办件 of one source in a month. */
export interface ReferralFigure {
  sourceName: string
  count: number
  replied: number
  repliedOnTime: number
  /** Replied after the reply-by date, or not replied with the date passed. */
  late: number
  replyOnTimeRate: number | null
}

/** A period's 信访 and 转办件 figures (db/figures/petition-figures.ts states every definition). */
export interface PetitionFigures {
  registered: number
  byForm: { visit: number; letter: number; online: number; other: number }
  accepted: number
  rejected: number
  forwarded: number
  undecided: number
  noticesOnTime: number
  noticesDue: number
  noticeOnTimeRate: number | null
  repliedOnTime: number
  repliesDue: number
  handlingOnTimeRate: number | null
  extended: number
  reviews: number
  rereviews: number
  referrals: ReferralFigure[]
  referralTotal: Omit<ReferralFigure, 'sourceName'>
}
