import { addCalendarDays, daysBetween } from '../calendar/calendar-days'
import type { PetitionNoticeRow, PetitionReviewRow, PetitionRow, ReferralRow } from '../core/schema'
import type { ClockState, DeadlineKind, ReviewLevel } from '../../shared/codes/petitions'
import {
  CLOCK_DUE_SOON_SHARE,
  PETITION_HANDLING_DAYS,
  PETITION_NOTICE_DAYS,
  PETITION_REVIEW_ANSWER_DAYS,
  PETITION_REVIEW_REQUEST_DAYS,
} from '../../shared/limits'
import type { Deadline } from '../../shared/types'

// The clocks of a 信访事项 and a 转办件, each with the rule it comes from, derived from the records
// on every read (a stored state would go stale at midnight). All in calendar days.

/** 临期 once 75 % of the allowed time is used, 超期 after; once met, on time or late. */
export function clockState(from: string, due: string, doneOn: string | null, today: string): ClockState {
  if (doneOn !== null) return doneOn <= due ? 'met' : 'met_late'
  if (today > due) return 'overdue'
  const allowed = daysBetween(from, due)
  const used = daysBetween(from, today)
  return allowed <= 0 || used >= allowed * CLOCK_DUE_SOON_SHARE ? 'due_soon' : 'on_time'
}

function deadline(kind: DeadlineKind, rule: string, from: string, due: string, doneOn: string | null, today: string): Deadline {
  return { kind, rule, from, due, doneOn, state: clockState(from, due, doneOn, today) }
}

/** The visitor's own window: nothing is late when they do not ask, the window only closes. */
function window(kind: DeadlineKind, rule: string, from: string, doneOn: string | null, today: string): Deadline {
  const due = addCalendarDays(from, PETITION_REVIEW_REQUEST_DAYS)
  const state: ClockState = doneOn !== null ? (doneOn <= due ? 'met' : 'met_late') : today > due ? 'lapsed' : 'on_time'
  return { kind, rule, from, due, doneOn, state }
}

/** The decision's notice: 受理告知书, 不予受理告知书 or 转送告知书. */
export const DECISION_NOTICES = ['accept', 'reject', 'forward'] as const

/** The date the petition's handling is due by: 60 days from acceptance, plus the one extension. */
export function handlingDue(p: Pick<PetitionRow, 'decided_on' | 'extended_days'>): string | null {
  if (p.decided_on === null) return null
  return addCalendarDays(p.decided_on, PETITION_HANDLING_DAYS + (p.extended_days ?? 0))
}

/** The date an answer reached the visitor: the latest delivered notice of that kind. */
export function deliveredOn(notices: readonly PetitionNoticeRow[], kind: PetitionNoticeRow['kind']): string | null {
  const delivered = notices.filter((n) => n.kind === kind && n.delivered_on !== null).map((n) => n.delivered_on ?? '')
  return delivered.length > 0 ? (delivered.sort().at(-1) ?? null) : null
}

export function petitionDeadlines(
  p: PetitionRow,
  notices: readonly PetitionNoticeRow[],
  reviews: readonly PetitionReviewRow[],
  today: string,
): Deadline[] {
  const decisionDelivered = notices.find((n) => DECISION_NOTICES.some((k) => k === n.kind) && n.delivered_on !== null)?.delivered_on ?? null
  const out: Deadline[] = [
    deadline(
      'notice',
      `信访受理告知：登记后${PETITION_NOTICE_DAYS}日`,
      p.registered_on,
      addCalendarDays(p.registered_on, PETITION_NOTICE_DAYS),
      decisionDelivered,
      today,
    ),
  ]
  const due = handlingDue(p)
  if (p.decision !== 'accept' || p.decided_on === null || due === null) return out
  const extended = p.extended_days === null ? '' : `，延期${p.extended_days}日`
  out.push(deadline('handling', `信访办结：受理后${PETITION_HANDLING_DAYS}日${extended}`, p.decided_on, due, p.replied_on, today))

  const review = (level: ReviewLevel) => reviews.find((r) => r.level === level) ?? null
  const stages = [
    { level: 'review' as const, answered: 'reply' as const, request: 'review_request' as const, answer: 'review_answer' as const },
    { level: 'rereview' as const, answered: 'review' as const, request: 'rereview_request' as const, answer: 'rereview_answer' as const },
  ]
  for (const s of stages) {
    const received = deliveredOn(notices, s.answered)
    const asked = review(s.level)
    const word = s.level === 'review' ? '复查' : '复核'
    const after = s.level === 'review' ? '处理意见书' : '复查意见书'
    if (received !== null) {
      out.push(
        window(s.request, `${word}申请：收到${after}后${PETITION_REVIEW_REQUEST_DAYS}日内`, received, asked?.requested_on ?? null, today),
      )
    }
    if (asked === null) break
    out.push(
      deadline(
        s.answer,
        `${word}答复：收到${word}请求后${PETITION_REVIEW_ANSWER_DAYS}日`,
        asked.requested_on,
        addCalendarDays(asked.requested_on, PETITION_REVIEW_ANSWER_DAYS),
        asked.answered_on,
        today,
      ),
    )
  }
  return out
}

export function referralDeadlines(
  r: ReferralRow,
  issue: { accepted_date: string; resolved_date: string | null; source_body: string | null },
  today: string,
): Deadline[] {
  const body = issue.source_body ?? '转办单位'
  return [
    deadline('referral_due', `转办时限：${body}要求${r.due_on}前办结`, issue.accepted_date, r.due_on, issue.resolved_date, today),
    deadline('referral_reply', `转办回复：${r.reply_by}前回复${body}`, issue.accepted_date, r.reply_by, r.replied_on, today),
  ]
}
