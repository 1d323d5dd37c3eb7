import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { assertSupervisor } from '../core/access'
import { stamp, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { addCalendarDays } from '../calendar/calendar-days'
import { optionalText, requireText } from '../validation/text'
import { deliveryMethod, noticeKind, petitionDecision, type PetitionDecision } from '../../shared/codes/petitions'
import { PETITION_EXTENSION_MAX_DAYS, PETITION_HANDLING_DAYS } from '../../shared/limits'
import { recordHistory } from './history'
import { handlingDue } from './petition-deadlines'
import { addNotice, cleanDelivery, deliveredText, loadForStep, stepDate, touchPetition, type Delivery } from './petition-step'

// The 信访 procedure (《信访工作条例》): a registered petition is decided within 15 days — 受理,
// 不予受理 or 转送 — with a written notice; an accepted one is handled within 60 days, extended
// once by at most 30 by the unit's head, and ended by the written reply; the visitor may then ask
// for 复查 and 复核, 30 + 30 days each. Every step is a history row; every notice is a row with
// the date it bears and, once known, how and when it was delivered.

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
export async function decidePetition(ctx: LedgerContext, input: DecideInput & Versioned): Promise<void> {
  if (!petitionDecision.has(input.decision)) throw new LedgerError('invalid_input', '请选择受理、不予受理或转送')
  const reason =
    input.decision === 'reject' ? requireText(input.reason, '不予受理的理由', 1000) : optionalText(input.reason, '决定的理由', 1000)
  const forwardTo = input.decision === 'forward' ? requireText(input.forwardTo, '转送的机关或单位', 100) : null
  if (input.decision !== 'forward' && optionalText(input.forwardTo, '转送的机关或单位', 100) !== null) {
    throw new LedgerError('invalid_input', '只有转送才填写转送的机关或单位')
  }
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
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
        version: nextVersion,
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
export async function deliverNotice(
  ctx: LedgerContext,
  input: ({ issueId: number; noticeId: number } & Delivery) & Versioned,
): Promise<void> {
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
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
export async function extendPetition(ctx: LedgerContext, input: ExtendInput & Versioned): Promise<void> {
  await assertSupervisor(ctx, '批准信访事项延期')
  if (!Number.isInteger(input.days) || input.days < 1) throw new LedgerError('invalid_input', '延长的天数须为正整数')
  if (input.days > PETITION_EXTENSION_MAX_DAYS) {
    throw new LedgerError('extension_too_long', `信访事项的办理期限最多延长 ${PETITION_EXTENSION_MAX_DAYS} 日，不能延长 ${input.days} 日`)
  }
  const reason = requireText(input.reason, '延期理由', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
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
      .set({ version: nextVersion, due_date: newDue, updated_at: stamp(ctx) })
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
  input: { issueId: number; text: string; date?: string | undefined; delivery?: Delivery | null | undefined } & Versioned,
): Promise<void> {
  const text = requireText(input.text, '处理意见', 4000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const l = await loadForStep(trx, input.issueId, 'reply')
    const date = stepDate(ctx, input.date, '处理意见书的日期', l.petition.decided_on ?? l.petition.registered_on, '受理日期')
    const delivery = cleanDelivery(ctx, input.delivery, date, 'reply')
    await touchPetition(trx, ctx, l.issue.id, { replied_on: date, reply: text })
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, status: 'resolved', result: text, resolved_date: date, updated_at: stamp(ctx) })
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

/** A supervisor's word that a petition flagged as a repeat is a new matter after all. */
export async function unflagRepeat(ctx: LedgerContext, input: { issueId: number; reason: string } & Versioned): Promise<void> {
  await assertSupervisor(ctx, '解除重复信访标记')
  const reason = requireText(input.reason, '解除的理由', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
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
