import { codeList, type CodeOf } from './define'
import type { Channel } from './visits'

// 来源, 办理程序 and the 信访 procedure's words: every code the ledger stores for them, with the
// Chinese the screens, prints and exports show.

/**
 * What kind of source (来源) a matter came from. The office's own list in 设置 names its sources
 * (issue_sources), each of one of these kinds; the kind decides what the ledger does with it
 * (whether it may carry a 工单号, which 办理程序 it suggests, how the figures group it).
 */
export const sourceKind = codeList({
  desk: '现场接待',
  phone: '来电',
  letter: '来信',
  online: '网上',
  hotline_12345: '12345',
  hotline_12369: '12369',
  superior: '上级交办',
  petition_bureau: '信访局转办',
  deputies: '人大建议·政协提案',
  other: '其他',
})
export type SourceKind = CodeOf<typeof sourceKind>

/** The kind of source a channel is: a walk-in outside a reception day came to the desk all the same. */
export function sourceKindOf(channel: Channel): SourceKind {
  return channel === 'walk_in' ? 'desk' : channel
}

/** Sources handed over by another body: they carry that body's name and their own 工单号 or 文号. */
export const TRANSFERRING_KINDS = [
  'hotline_12345',
  'hotline_12369',
  'superior',
  'petition_bureau',
  'deputies',
] as const satisfies readonly SourceKind[]

/** How an accepted matter is handled (办理程序): the category's limit, the statute's clocks, or the transferring body's date. */
export const procedure = codeList({ general: '一般问题', petition: '信访事项', referral: '转办件' })
export type Procedure = CodeOf<typeof procedure>

/** The 办理程序 a source suggests at registration; the desk may choose another. */
export const DEFAULT_PROCEDURE: Readonly<Record<SourceKind, Procedure>> = {
  desk: 'general',
  phone: 'general',
  letter: 'general',
  online: 'general',
  hotline_12345: 'referral',
  hotline_12369: 'referral',
  superior: 'referral',
  petition_bureau: 'petition',
  deputies: 'general',
  other: 'general',
}

/** A category's time limit is counted in working days (holidays skipped) or calendar days. */
export const limitUnit = codeList({ workdays: '工作日', calendar: '自然日' })
export type LimitUnit = CodeOf<typeof limitUnit>

/** "15个工作日", "30个自然日". */
export function describeLimit(days: number, unit: LimitUnit): string {
  return `${days}个${limitUnit.labels[unit]}`
}

/** What is decided on a registered 信访事项 within its 15 days. */
export const petitionDecision = codeList({ accept: '受理', reject: '不予受理', forward: '转送' })
export type PetitionDecision = CodeOf<typeof petitionDecision>

/** The written notices of the procedure, each printed on A4 and delivered. */
export const noticeKind = codeList({
  accept: '受理告知书',
  reject: '不予受理告知书',
  forward: '转送告知书',
  extend: '延期告知书',
  reply: '处理意见书',
  review: '复查意见书',
  rereview: '复核意见书',
})
export type NoticeKind = CodeOf<typeof noticeKind>

/** How a notice reached the visitor, or a 转办件's reply reached the transferring body. */
export const deliveryMethod = codeList({
  in_person: '当面送达',
  post: '邮寄送达',
  online: '网上（系统）送达',
  sms: '短信告知',
  other: '其他方式',
})
export type DeliveryMethod = CodeOf<typeof deliveryMethod>

/** The two review stages after the reply: 复查, then 复核. */
export const reviewLevel = codeList({ review: '复查', rereview: '复核' })
export type ReviewLevel = CodeOf<typeof reviewLevel>

/** Where a 信访事项 stands in its procedure, derived from its records on every read. */
export const petitionStage = codeList({
  registered: '待作出受理决定',
  handling: '受理后办理中',
  replied: '已书面答复',
  review: '复查中',
  reviewed: '已复查',
  rereview: '复核中',
  final: '已复核（终结）',
  rejected: '不予受理',
  forwarded: '已转送',
})
export type PetitionStage = CodeOf<typeof petitionStage>

/** The steps of the procedure, as buttons of the issue drawer and words of refusals. */
export const petitionAction = codeList({
  decide: '受理决定',
  deliver: '送达登记',
  extend: '延期办理',
  reply: '书面答复',
  review_request: '复查申请',
  review_answer: '复查意见',
  rereview_request: '复核申请',
  rereview_answer: '复核意见',
  unflag: '解除重复标记',
})
export type PetitionAction = CodeOf<typeof petitionAction>

/**
 * The issue history's words for these steps. Merged into historyAction (codes/issues.ts), so the
 * timeline, the audit log and the figures read them like any other step.
 */
export const procedureHistoryAction = codeList({
  petition_accept: '信访受理',
  petition_reject: '信访不予受理',
  petition_forward: '信访转送',
  notice_deliver: '告知书送达',
  petition_extend: '信访延期',
  petition_reply: '信访书面答复',
  review_request: '复查申请',
  review_answer: '复查意见',
  rereview_request: '复核申请',
  rereview_answer: '复核意见',
  repeat_unflag: '解除重复标记',
  procedure_change: '变更办理程序',
  referral_reply: '回复转办单位',
})
export type ProcedureHistoryAction = CodeOf<typeof procedureHistoryAction>

/** The clocks a matter runs against, each shown with its rule. */
export const deadlineKind = codeList({
  notice: '受理告知',
  handling: '办结',
  review_request: '复查申请',
  review_answer: '复查答复',
  rereview_request: '复核申请',
  rereview_answer: '复核答复',
  referral_due: '转办办结',
  referral_reply: '转办回复',
})
export type DeadlineKind = CodeOf<typeof deadlineKind>

/** A clock's state: 临期 once 75 % of its time is used, 超期 after; met on time or late once done. */
export const clockState = codeList({
  on_time: '未到期',
  due_soon: '临期',
  overdue: '已超期',
  met: '按期完成',
  met_late: '逾期完成',
  lapsed: '期满未申请',
})
export type ClockState = CodeOf<typeof clockState>
