import { stamp, today, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { IssueRow, PetitionNoticeRow, PetitionReviewRow, PetitionRow } from '../core/schema'
import { requireDate } from '../validation/dates'
import { issueStatus } from '../../shared/codes/issues'
import {
  deliveryMethod,
  noticeKind,
  petitionAction,
  petitionDecision,
  petitionStage,
  procedure as procedureList,
  type DeliveryMethod,
  type NoticeKind,
  type PetitionAction,
  type PetitionStage,
  type ReviewLevel,
} from '../../shared/codes/petitions'
import { allowedPetitionActions, petitionStageOf } from '../../shared/petition-lifecycle'
import { issueVisitJoin } from './join'
import { deliveredOn } from './petition-deadlines'

// What every step of the 信访 procedure shares: the petition loaded and checked against the
// step about to be taken, the step's date, its written notice and how it reached the visitor.

export interface Delivery {
  date: string
  method: DeliveryMethod
}

export interface Loaded {
  issue: IssueRow
  petition: PetitionRow
  notices: PetitionNoticeRow[]
  reviews: PetitionReviewRow[]
  stage: PetitionStage
}

export function stageOf(petition: PetitionRow, reviews: readonly PetitionReviewRow[]): PetitionStage {
  const of = (level: ReviewLevel) => reviews.find((r) => r.level === level)
  const review = of('review')
  const rereview = of('rereview')
  return petitionStageOf({
    decision: petition.decision,
    replied: petition.replied_on !== null,
    review: { requested: review !== undefined, answered: review?.answered_on != null },
    rereview: { requested: rereview !== undefined, answered: rereview?.answered_on != null },
  })
}

/** The notice a review is asked against, in the stage that may ask for it: the reply for 复查, the 复查's opinion for 复核. */
export function answerOfStage(stage: PetitionStage): NoticeKind | null {
  return stage === 'replied' ? 'reply' : stage === 'reviewed' ? 'review' : null
}

export function actionsOf(l: Pick<Loaded, 'petition' | 'notices' | 'stage'> & { issue: Pick<IssueRow, 'status'> }): PetitionAction[] {
  const answer = answerOfStage(l.stage)
  return allowedPetitionActions(l.stage, {
    status: l.issue.status,
    extended: l.petition.extended_days !== null,
    undelivered: l.notices.some((n) => n.delivered_on === null),
    repeatFlagged: l.petition.repeat_of_issue_id !== null,
    answerDelivered: answer !== null && deliveredOn(l.notices, answer) !== null,
  })
}

/** The petition of an issue, refused with the reason when `action` may not start from where it stands. */
export async function loadForStep(trx: Tx, issueId: number, action: PetitionAction): Promise<Loaded> {
  const found = await issueVisitJoin(trx)
    .selectAll('i')
    .select('v.voided_at as visit_voided_at')
    .where('i.id', '=', issueId)
    .executeTakeFirst()
  if (!found) throw notFound('问题', issueId)
  const { visit_voided_at, ...issue } = found
  const label = petitionAction.label(action)
  if (visit_voided_at) throw new LedgerError('voided', `问题 ${issue.number} 所属的来访登记已作废，不能再${label}`)
  const petition = await trx.selectFrom('petitions').selectAll().where('issue_id', '=', issueId).executeTakeFirst()
  if (issue.procedure !== 'petition' || !petition) {
    throw new LedgerError(
      'invalid_transition',
      `问题 ${issue.number} 的办理程序为“${procedureList.label(issue.procedure)}”，不是信访事项，不能${label}`,
    )
  }
  const notices = await trx.selectFrom('petition_notices').selectAll().where('issue_id', '=', issueId).orderBy('id').execute()
  const reviews = await trx.selectFrom('petition_reviews').selectAll().where('issue_id', '=', issueId).orderBy('id').execute()
  const loaded = { issue, petition, notices, reviews, stage: stageOf(petition, reviews) }
  if (!actionsOf(loaded).includes(action)) throw refusal(action, loaded)
  return loaded
}

function refusal(action: PetitionAction, l: Loaded): LedgerError {
  const label = petitionAction.label(action)
  const what = `信访事项 ${l.issue.number}`
  if (l.stage === 'registered' && (action === 'reply' || action === 'extend')) {
    return new LedgerError('not_decided', `${what}尚未作出受理决定，不能${label}；请先在登记后15日内作出受理、不予受理或转送的决定`)
  }
  if (action === 'decide' && l.petition.decision !== null) {
    return new LedgerError(
      'already_decided',
      `${what}已于 ${l.petition.decided_on ?? ''} 作出“${petitionDecision.label(l.petition.decision)}”的决定，不能再次决定`,
    )
  }
  if (action === 'extend' && l.petition.extended_days !== null) {
    return new LedgerError(
      'already_extended',
      `${what}已于 ${l.petition.extended_on ?? ''} 延期 ${l.petition.extended_days} 日；信访事项的办理期限只能延长一次`,
    )
  }
  const answer = answerOfStage(l.stage)
  if ((action === 'review_request' || action === 'rereview_request') && answer !== null && deliveredOn(l.notices, answer) === null) {
    const word = action === 'review_request' ? '复查' : '复核'
    return new LedgerError('not_delivered', `${noticeKind.label(answer)}尚未登记送达，无法计算${word}申请期限；请先登记送达日期和方式`)
  }
  if (action === 'deliver') return new LedgerError('invalid_transition', `${what}没有待登记送达的告知书`)
  if (action === 'unflag') return new LedgerError('invalid_transition', `${what}没有需要解除的重复标记`)
  if (l.stage === 'handling' || l.stage === 'replied') {
    return new LedgerError('invalid_transition', `${what}当前为“${issueStatus.label(l.issue.status)}”，不能${label}`)
  }
  return new LedgerError('invalid_transition', `${what}当前为“${petitionStage.label(l.stage)}”，不能${label}`)
}

/** A date a step happened on: given or today; never in the future, never before `notBefore`. */
export function stepDate(ctx: LedgerContext, value: string | undefined, label: string, notBefore: string, notBeforeLabel: string): string {
  const date = value === undefined ? today(ctx) : requireDate(value, label)
  if (date > today(ctx)) throw new LedgerError('invalid_date', `${label}不能晚于今天（${today(ctx)}）`)
  if (date < notBefore) throw new LedgerError('invalid_date', `${label}不能早于${notBeforeLabel}（${notBefore}）`)
  return date
}

export function cleanDelivery(ctx: LedgerContext, d: Delivery | null | undefined, dated: string, notice: NoticeKind): Delivery | null {
  if (d === null || d === undefined) return null
  if (!deliveryMethod.has(d.method)) throw new LedgerError('invalid_input', '请选择送达方式')
  return { date: stepDate(ctx, d.date, `${noticeKind.label(notice)}的送达日期`, dated, '告知书的日期'), method: d.method }
}

export async function addNotice(trx: Tx, ctx: LedgerContext, issueId: number, kind: NoticeKind, dated: string, delivery: Delivery | null) {
  const row = await trx
    .insertInto('petition_notices')
    .values({
      issue_id: issueId,
      kind,
      dated,
      delivered_on: delivery?.date ?? null,
      delivery_method: delivery?.method ?? null,
      actor_id: ctx.actor.id,
      created_at: stamp(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export const deliveredText = (kind: NoticeKind, d: Delivery | null) =>
  d === null ? `${noticeKind.label(kind)}待送达` : `${noticeKind.label(kind)}${deliveryMethod.label(d.method)}（${d.date}）`

export async function touchPetition(trx: Tx, ctx: LedgerContext, issueId: number, set: Partial<Omit<PetitionRow, 'issue_id'>>) {
  await trx
    .updateTable('petitions')
    .set({ ...set, updated_at: stamp(ctx) })
    .where('issue_id', '=', issueId)
    .execute()
}
