import { claimVersion, type Versioned } from '../core/versions'
import { stamp, today, write, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { addCalendarDays } from '../calendar/calendar-days'
import { optionalText, requireText } from '../validation/text'
import { noticeKind, reviewLevel, type NoticeKind, type PetitionAction, type ReviewLevel } from '../../shared/codes/petitions'
import { PETITION_REVIEW_ANSWER_DAYS, PETITION_REVIEW_REQUEST_DAYS } from '../../shared/limits'
import { recordHistory } from './history'
import { deliveredOn } from './petition-deadlines'
import { addNotice, cleanDelivery, deliveredText, loadForStep, stepDate, type Delivery } from './petition-step'

// 复查 and 复核 (《信访工作条例》): asked within 30 days of receiving the reply (or the 复查's opinion), answered within 30.

const REVIEW_STEPS = {
  review: { request: 'review_request', answer: 'review_answer', answered: 'reply', notice: 'review' },
  rereview: { request: 'rereview_request', answer: 'rereview_answer', answered: 'review', notice: 'rereview' },
} as const satisfies Record<ReviewLevel, { request: PetitionAction; answer: PetitionAction; answered: NoticeKind; notice: NoticeKind }>

/** 复查 (or 复核) asked: within 30 days of receiving the reply (or the 复查's opinion). */
export async function requestReview(
  ctx: LedgerContext,
  input: { issueId: number; level: ReviewLevel; date?: string | undefined; body?: string | null | undefined } & Versioned,
): Promise<void> {
  if (!reviewLevel.has(input.level)) throw new LedgerError('invalid_input', '请选择复查或复核')
  const step = REVIEW_STEPS[input.level]
  const word = reviewLevel.label(input.level)
  const body = optionalText(input.body, `${word}机关`, 100)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
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
  input: {
    issueId: number
    level: ReviewLevel
    text: string
    date?: string | undefined
    delivery?: Delivery | null | undefined
  } & Versioned,
): Promise<void> {
  if (!reviewLevel.has(input.level)) throw new LedgerError('invalid_input', '请选择复查或复核')
  const step = REVIEW_STEPS[input.level]
  const word = reviewLevel.label(input.level)
  const text = requireText(input.text, `${word}意见`, 4000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
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
