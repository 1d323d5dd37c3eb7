import { assertSupervisor } from '../core/access'
import { stamp, today, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { addCalendarDays } from '../calendar/calendar-days'
import type { IssueRow, PetitionNoticeRow, PetitionReviewRow, PetitionRow } from '../core/schema'
import { requireDate } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'
import { issueStatus } from '../../shared/codes/issues'
import {
  deliveryMethod,
  noticeKind,
  petitionAction,
  petitionDecision,
  petitionStage,
  procedure as procedureList,
  reviewLevel,
  type DeliveryMethod,
  type NoticeKind,
  type PetitionAction,
  type PetitionDecision,
  type PetitionStage,
  type ReviewLevel,
} from '../../shared/codes/petitions'
import {
  PETITION_EXTENSION_MAX_DAYS,
  PETITION_HANDLING_DAYS,
  PETITION_REVIEW_ANSWER_DAYS,
  PETITION_REVIEW_REQUEST_DAYS,
} from '../../shared/limits'
import { allowedPetitionActions, petitionStageOf } from '../../shared/petition-lifecycle'
import type { Deadline, PetitionCase } from '../../shared/types'
import { recordHistory } from './history'
import { issueVisitJoin } from './join'
import { deliveredOn, handlingDue, petitionDeadlines } from './petition-deadlines'

// The 信访 procedure (《信访工作条例》): a registered petition is decided within 15 days — 受理,
// 不予受理 or 转送 — with a written notice; an accepted one is handled within 60 days, extended
// once by at most 30 by the unit's head, and ended by the written reply; the visitor may then ask
// for 复查 and 复核, 30 + 30 days each. Every step is a history row; every notice is a row with
// the date it bears and, once known, how and when it was delivered.

export interface Delivery {
  date: string
  method: DeliveryMethod
}

interface Loaded {
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
function answerOfStage(stage: PetitionStage): NoticeKind | null {
  return stage === 'replied' ? 'reply' : stage === 'reviewed' ? 'review' : null
}

function actionsOf(l: Pick<Loaded, 'petition' | 'notices' | 'stage'> & { issue: Pick<IssueRow, 'status'> }): PetitionAction[] {
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
async function loadForStep(trx: Tx, issueId: number, action: PetitionAction): Promise<Loaded> {
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
function stepDate(ctx: LedgerContext, value: string | undefined, label: string, notBefore: string, notBeforeLabel: string): string {
  const date = value === undefined ? today(ctx) : requireDate(value, label)
  if (date > today(ctx)) throw new LedgerError('invalid_date', `${label}不能晚于今天（${today(ctx)}）`)
  if (date < notBefore) throw new LedgerError('invalid_date', `${label}不能早于${notBeforeLabel}（${notBefore}）`)
  return date
}

function cleanDelivery(ctx: LedgerContext, d: Delivery | null | undefined, dated: string, notice: NoticeKind): Delivery | null {
  if (d === null || d === undefined) return null
  if (!deliveryMethod.has(d.method)) throw new LedgerError('invalid_input', '请选择送达方式')
  return { date: stepDate(ctx, d.date, `${noticeKind.label(notice)}的送达日期`, dated, '告知书的日期'), method: d.method }
}

async function addNotice(trx: Tx, ctx: LedgerContext, issueId: number, kind: NoticeKind, dated: string, delivery: Delivery | null) {
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

const deliveredText = (kind: NoticeKind, d: Delivery | null) =>
  d === null ? `${noticeKind.label(kind)}待送达` : `${noticeKind.label(kind)}${deliveryMethod.label(d.method)}（${d.date}）`

async function touchPetition(trx: Tx, ctx: LedgerContext, issueId: number, set: Partial<Omit<PetitionRow, 'issue_id'>>) {
  await trx
    .updateTable('petitions')
    .set({ ...set, updated_at: stamp(ctx) })
    .where('issue_id', '=', issueId)
    .execute()
}

/** The earlier petition of the same visitor and category that 复核 concluded: the same matter is not accepted again. */
export async function concludedPetition(
  db: Executor,
  visitorId: number,
  categoryId: number,
  exceptIssueId?: number,
): Promise<number | null> {
  let q = db
    .selectFrom('petition_reviews as r')
    .innerJoin('issues as i', 'i.id', 'r.issue_id')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select('i.id')
    .where('r.level', '=', 'rereview')
    .where('r.answered_on', 'is not', null)
    .where('v.visitor_id', '=', visitorId)
    .where('i.category_id', '=', categoryId)
    .where('v.voided_at', 'is', null)
  if (exceptIssueId !== undefined) q = q.where('i.id', '!=', exceptIssueId)
  const row = await q.orderBy('r.answered_on', 'desc').limit(1).executeTakeFirst()
  return row?.id ?? null
}

/** Starts the procedure of an issue registered (or changed) as a 信访事项. */
export async function startPetition(
  trx: Tx,
  ctx: LedgerContext,
  issue: { id: number; registeredOn: string; visitorId: number; categoryId: number },
): Promise<void> {
  const existing = await trx.selectFrom('petitions').select('issue_id').where('issue_id', '=', issue.id).executeTakeFirst()
  if (existing) return
  await trx
    .insertInto('petitions')
    .values({
      issue_id: issue.id,
      registered_on: issue.registeredOn,
      decision: null,
      decided_on: null,
      decision_reason: null,
      forwarded_to: null,
      extended_days: null,
      extension_reason: null,
      extension_approver_id: null,
      extended_on: null,
      replied_on: null,
      reply: null,
      repeat_of_issue_id: await concludedPetition(trx, issue.visitorId, issue.categoryId, issue.id),
      created_at: stamp(ctx),
      updated_at: stamp(ctx),
    })
    .execute()
}

export interface DecideInput {
  issueId: number
  decision: PetitionDecision
  date?: string | undefined
  /** 不予受理: why (required); 转送: why, if said. */
  reason?: string | null | undefined
  /** 转送: to whom (required). */
  forwardTo?: string | null | undefined
  delivery?: Delivery | null | undefined
}

/** 受理 / 不予受理 / 转送, with the decision's notice; 受理 starts the 60 days. */
export async function decidePetition(ctx: LedgerContext, input: DecideInput): Promise<void> {
  if (!petitionDecision.has(input.decision)) throw new LedgerError('invalid_input', '请选择受理、不予受理或转送')
  const reason =
    input.decision === 'reject' ? requireText(input.reason, '不予受理的理由', 1000) : optionalText(input.reason, '决定的理由', 1000)
  const forwardTo = input.decision === 'forward' ? requireText(input.forwardTo, '转送的机关或单位', 100) : null
  if (input.decision !== 'forward' && optionalText(input.forwardTo, '转送的机关或单位', 100) !== null) {
    throw new LedgerError('invalid_input', '只有转送才填写转送的机关或单位')
  }
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, 'decide')
    const date = stepDate(ctx, input.date, '决定日期', l.petition.registered_on, '登记日期')
    if (input.decision === 'accept' && l.petition.repeat_of_issue_id !== null) {
      const earlier = await trx.selectFrom('issues').select('number').where('id', '=', l.petition.repeat_of_issue_id).executeTakeFirst()
      throw new LedgerError(
        'repeat_matter',
        `信访事项 ${l.issue.number} 与已复核终结的 ${earlier?.number ?? ''} 为同一事项，依《信访工作条例》不再受理；可作出不予受理的决定，或由负责人解除重复标记`,
      )
    }
    const delivery = cleanDelivery(ctx, input.delivery, date, input.decision)
    await touchPetition(trx, ctx, l.issue.id, {
      decision: input.decision,
      decided_on: date,
      decision_reason: reason,
      forwarded_to: forwardTo,
    })
    const to = input.decision === 'accept' ? l.issue.status : input.decision === 'reject' ? 'rejected' : 'transferred'
    const due = input.decision === 'accept' ? addCalendarDays(date, PETITION_HANDLING_DAYS) : l.issue.due_date
    await trx
      .updateTable('issues')
      .set({
        status: to,
        due_date: due,
        ...(input.decision === 'reject' ? { reason } : {}),
        ...(input.decision === 'forward' ? { transfer_to: forwardTo, reason } : {}),
        updated_at: stamp(ctx),
      })
      .where('id', '=', l.issue.id)
      .execute()
    const noticeId = await addNotice(trx, ctx, l.issue.id, input.decision, date, delivery)
    const summary =
      input.decision === 'accept'
        ? `${date} 受理，${due} 前办结（受理后${PETITION_HANDLING_DAYS}日）；${deliveredText('accept', delivery)}`
        : input.decision === 'forward'
          ? `${date} 转送${forwardTo ?? ''}；${deliveredText('forward', delivery)}`
          : `${date} 不予受理；${deliveredText('reject', delivery)}`
    await recordHistory(trx, ctx, l.issue.id, `petition_${input.decision}`, l.issue.status, to, reason, {
      date,
      due,
      noticeId,
      delivery,
      summary,
    })
  })
}

/** When and how a printed notice reached the visitor. */
export async function deliverNotice(ctx: LedgerContext, input: { issueId: number; noticeId: number } & Delivery): Promise<void> {
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, 'deliver')
    const notice = l.notices.find((n) => n.id === input.noticeId)
    if (!notice) throw notFound(`信访事项 ${l.issue.number} 的告知书`, input.noticeId)
    if (notice.delivered_on !== null) {
      throw new LedgerError(
        'already_delivered',
        `${noticeKind.label(notice.kind)}已于 ${notice.delivered_on} ${deliveryMethod.label(notice.delivery_method ?? 'other')}，不能重复登记`,
      )
    }
    const delivery = cleanDelivery(ctx, input, notice.dated, notice.kind)
    if (delivery === null) throw new LedgerError('required', '请填写送达日期和方式')
    await trx
      .updateTable('petition_notices')
      .set({ delivered_on: delivery.date, delivery_method: delivery.method })
      .where('id', '=', notice.id)
      .execute()
    await recordHistory(trx, ctx, l.issue.id, 'notice_deliver', l.issue.status, l.issue.status, null, {
      noticeId: notice.id,
      kind: notice.kind,
      delivery,
      summary: deliveredText(notice.kind, delivery),
    })
  })
}

export interface ExtendInput {
  issueId: number
  days: number
  reason: string
  date?: string | undefined
  delivery?: Delivery | null | undefined
}

/** The one extension, at most 30 days, by the unit's head (a signed-in 负责人), with the visitor told. */
export async function extendPetition(ctx: LedgerContext, input: ExtendInput): Promise<void> {
  await assertSupervisor(ctx, '批准信访事项延期')
  if (!Number.isInteger(input.days) || input.days < 1) throw new LedgerError('invalid_input', '延长的天数须为正整数')
  if (input.days > PETITION_EXTENSION_MAX_DAYS) {
    throw new LedgerError('extension_too_long', `信访事项的办理期限最多延长 ${PETITION_EXTENSION_MAX_DAYS} 日，不能延长 ${input.days} 日`)
  }
  const reason = requireText(input.reason, '延期理由', 1000)
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, 'extend')
    const decidedOn = l.petition.decided_on ?? l.petition.registered_on
    const date = stepDate(ctx, input.date, '延期告知书的日期', decidedOn, '受理日期')
    const due = handlingDue(l.petition) ?? l.issue.due_date
    if (date > due) throw new LedgerError('invalid_date', `延期须在办理期限（${due}）届满前决定，${date} 已超过期限`)
    const delivery = cleanDelivery(ctx, input.delivery, date, 'extend')
    const newDue = addCalendarDays(decidedOn, PETITION_HANDLING_DAYS + input.days)
    await touchPetition(trx, ctx, l.issue.id, {
      extended_days: input.days,
      extension_reason: reason,
      extension_approver_id: ctx.actor.id,
      extended_on: date,
    })
    await trx
      .updateTable('issues')
      .set({ due_date: newDue, updated_at: stamp(ctx) })
      .where('id', '=', l.issue.id)
      .execute()
    const noticeId = await addNotice(trx, ctx, l.issue.id, 'extend', date, delivery)
    await recordHistory(trx, ctx, l.issue.id, 'petition_extend', l.issue.status, l.issue.status, reason, {
      days: input.days,
      from: due,
      to: newDue,
      approver: ctx.actor.name,
      noticeId,
      delivery,
      summary: `延期${input.days}日，${due} → ${newDue}（批准人：${ctx.actor.name}）；${deliveredText('extend', delivery)}`,
    })
  })
}

/** The written reply (处理意见书): ends handling as 办结 does; the callback follows as for any issue. */
export async function replyPetition(
  ctx: LedgerContext,
  input: { issueId: number; text: string; date?: string | undefined; delivery?: Delivery | null | undefined },
): Promise<void> {
  const text = requireText(input.text, '处理意见', 4000)
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, 'reply')
    const date = stepDate(ctx, input.date, '处理意见书的日期', l.petition.decided_on ?? l.petition.registered_on, '受理日期')
    const delivery = cleanDelivery(ctx, input.delivery, date, 'reply')
    await touchPetition(trx, ctx, l.issue.id, { replied_on: date, reply: text })
    await trx
      .updateTable('issues')
      .set({ status: 'resolved', result: text, resolved_date: date, updated_at: stamp(ctx) })
      .where('id', '=', l.issue.id)
      .execute()
    const noticeId = await addNotice(trx, ctx, l.issue.id, 'reply', date, delivery)
    await recordHistory(trx, ctx, l.issue.id, 'petition_reply', l.issue.status, 'resolved', null, {
      date,
      onTime: date <= l.issue.due_date,
      noticeId,
      delivery,
      summary: `${date} 书面答复（期限 ${l.issue.due_date}）；${deliveredText('reply', delivery)}`,
    })
  })
}

const REVIEW_STEPS = {
  review: { request: 'review_request', answer: 'review_answer', answered: 'reply', notice: 'review' },
  rereview: { request: 'rereview_request', answer: 'rereview_answer', answered: 'review', notice: 'rereview' },
} as const satisfies Record<ReviewLevel, { request: PetitionAction; answer: PetitionAction; answered: NoticeKind; notice: NoticeKind }>

/** 复查 (or 复核) asked: within 30 days of receiving the reply (or the 复查's opinion). */
export async function requestReview(
  ctx: LedgerContext,
  input: { issueId: number; level: ReviewLevel; date?: string | undefined; body?: string | null | undefined },
): Promise<void> {
  if (!reviewLevel.has(input.level)) throw new LedgerError('invalid_input', '请选择复查或复核')
  const step = REVIEW_STEPS[input.level]
  const word = reviewLevel.label(input.level)
  const body = optionalText(input.body, `${word}机关`, 100)
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, step.request)
    // loadForStep has made sure the answer was delivered.
    const received = deliveredOn(l.notices, step.answered) ?? today(ctx)
    const date = stepDate(ctx, input.date, `${word}申请日期`, received, `${noticeKind.label(step.answered)}的送达日期`)
    const last = addCalendarDays(received, PETITION_REVIEW_REQUEST_DAYS)
    if (date > last) {
      throw new LedgerError(
        'review_too_late',
        `${word}须在收到${noticeKind.label(step.answered)}之日起${PETITION_REVIEW_REQUEST_DAYS}日内提出（${received} 送达，至 ${last}），${date} 已超过期限`,
      )
    }
    await trx
      .insertInto('petition_reviews')
      .values({
        issue_id: l.issue.id,
        level: input.level,
        requested_on: date,
        body,
        answered_on: null,
        answer: null,
        created_at: stamp(ctx),
      })
      .execute()
    await recordHistory(trx, ctx, l.issue.id, step.request, l.issue.status, l.issue.status, null, {
      date,
      body,
      summary: `${date} 申请${word}${body ? `（${body}）` : ''}，${addCalendarDays(date, PETITION_REVIEW_ANSWER_DAYS)} 前答复`,
    })
  })
}

/** The 复查 (or 复核) opinion, with its written notice. */
export async function answerReview(
  ctx: LedgerContext,
  input: { issueId: number; level: ReviewLevel; text: string; date?: string | undefined; delivery?: Delivery | null | undefined },
): Promise<void> {
  if (!reviewLevel.has(input.level)) throw new LedgerError('invalid_input', '请选择复查或复核')
  const step = REVIEW_STEPS[input.level]
  const word = reviewLevel.label(input.level)
  const text = requireText(input.text, `${word}意见`, 4000)
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, step.answer)
    const review = l.reviews.find((r) => r.level === input.level)
    if (!review) throw new LedgerError('invalid_transition', `信访事项 ${l.issue.number} 没有${word}申请`)
    const date = stepDate(ctx, input.date, `${noticeKind.label(step.notice)}的日期`, review.requested_on, `${word}申请日期`)
    const delivery = cleanDelivery(ctx, input.delivery, date, step.notice)
    await trx.updateTable('petition_reviews').set({ answered_on: date, answer: text }).where('id', '=', review.id).execute()
    const noticeId = await addNotice(trx, ctx, l.issue.id, step.notice, date, delivery)
    await recordHistory(trx, ctx, l.issue.id, step.answer, l.issue.status, l.issue.status, null, {
      date,
      noticeId,
      delivery,
      summary: `${date} 作出${word}意见${input.level === 'rereview' ? '，信访程序终结' : ''}；${deliveredText(step.notice, delivery)}`,
    })
  })
}

/** A supervisor's word that a petition flagged as a repeat is a new matter after all. */
export async function unflagRepeat(ctx: LedgerContext, input: { issueId: number; reason: string }): Promise<void> {
  await assertSupervisor(ctx, '解除重复信访标记')
  const reason = requireText(input.reason, '解除的理由', 1000)
  await write(ctx, async (trx) => {
    const l = await loadForStep(trx, input.issueId, 'unflag')
    const earlier = await trx
      .selectFrom('issues')
      .select('number')
      .where('id', '=', l.petition.repeat_of_issue_id ?? 0)
      .executeTakeFirst()
    await touchPetition(trx, ctx, l.issue.id, { repeat_of_issue_id: null })
    await recordHistory(trx, ctx, l.issue.id, 'repeat_unflag', l.issue.status, l.issue.status, reason, {
      earlier: earlier?.number ?? null,
      summary: `不再视为 ${earlier?.number ?? ''} 的同一事项`,
    })
  })
}

/** The petition as the issue drawer shows it, with its clocks; null when the issue has none. */
export async function readPetition(
  db: Executor,
  issue: Pick<IssueRow, 'id' | 'status'>,
  voided: boolean,
  day: string,
): Promise<{ case: PetitionCase; deadlines: Deadline[] } | null> {
  const petition = await db
    .selectFrom('petitions as p')
    .leftJoin('staff as ap', 'ap.id', 'p.extension_approver_id')
    .leftJoin('issues as r', 'r.id', 'p.repeat_of_issue_id')
    .selectAll('p')
    .select(['ap.name as approver_name', 'r.number as repeat_number'])
    .where('p.issue_id', '=', issue.id)
    .executeTakeFirst()
  if (!petition) return null
  const { approver_name, repeat_number, ...row } = petition
  const notices = await db.selectFrom('petition_notices').selectAll().where('issue_id', '=', issue.id).orderBy('id').execute()
  const reviews = await db.selectFrom('petition_reviews').selectAll().where('issue_id', '=', issue.id).orderBy('id').execute()
  const stage = stageOf(row, reviews)
  const petitionCase: PetitionCase = {
    stage,
    registeredOn: row.registered_on,
    decision: row.decision,
    decidedOn: row.decided_on,
    decisionReason: row.decision_reason,
    forwardedTo: row.forwarded_to,
    extendedDays: row.extended_days,
    extensionReason: row.extension_reason,
    extensionApproverName: approver_name,
    repliedOn: row.replied_on,
    reply: row.reply,
    repeatOf: row.repeat_of_issue_id !== null ? { issueId: row.repeat_of_issue_id, number: repeat_number ?? '' } : null,
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      dated: n.dated,
      deliveredOn: n.delivered_on,
      deliveryMethod: n.delivery_method,
    })),
    reviews: reviews.map((r) => ({
      level: r.level,
      requestedOn: r.requested_on,
      body: r.body,
      answeredOn: r.answered_on,
      answer: r.answer,
    })),
    actions: voided ? [] : actionsOf({ issue, petition: row, notices, stage }),
  }
  return { case: petitionCase, deadlines: petitionDeadlines(row, notices, reviews, day) }
}
