import type { Executor } from '../core/context'
import { notFound } from '../core/errors'
import { maskFreeText } from '../privacy/mask'
import { handlingDue } from '../issues/petition-deadlines'
import { issueVisitJoin } from '../issues/join'
import { getSettings } from '../reference/reference'
import { describeLimit, type LimitUnit, type Procedure } from '../../shared/codes/petitions'
import { channel } from '../../shared/codes/visits'
import { PETITION_HANDLING_DAYS } from '../../shared/limits'
import type { PetitionNoticeSheet } from '../../shared/types'

// What the printed notices of the 信访 procedure say (renderer/pages/print/PetitionNoticeView.tsx
// lays them out): addressed to the visitor by name, never with a phone or ID number, and any such
// number typed into the text masked, as on every print and export.

/** How a handover sheet explains its due date. */
export function handoverDueRule(procedure: Procedure, days: number, unit: LimitUnit): string {
  if (procedure === 'petition') return `信访事项：受理后${PETITION_HANDLING_DAYS}日，不因节假日顺延`
  if (procedure === 'referral') return '转办件：按转办单位要求的时限'
  return unit === 'calendar' ? `${describeLimit(days, unit)}，不因节假日顺延` : `${describeLimit(days, unit)}，节假日顺延`
}

/** Channel words as a notice says them: 来访 rather than 现场接待. */
const CHANNEL_ON_NOTICE: Record<string, string> = { desk: '来访', phone: '来电', letter: '来信', online: '网上信访' }

export async function petitionNoticeSheet(db: Executor, noticeId: number): Promise<PetitionNoticeSheet> {
  const n = await db.selectFrom('petition_notices').selectAll().where('id', '=', noticeId).executeTakeFirst()
  if (!n) throw notFound('告知书', noticeId)
  const r = await issueVisitJoin(db)
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .innerJoin('petitions as pt', 'pt.issue_id', 'i.id')
    .select([
      'i.number',
      'i.source_ref',
      'm.content',
      'v.channel',
      'p.name as visitor_name',
      'o.name as organization_name',
      'pt.registered_on',
      'pt.decided_on',
      'pt.extended_days',
      'pt.decision_reason',
      'pt.forwarded_to',
      'pt.extension_reason',
      'pt.reply',
    ])
    .where('i.id', '=', n.issue_id)
    .executeTakeFirst()
  if (!r) throw notFound('信访事项', n.issue_id)
  const review =
    n.kind === 'review' || n.kind === 'rereview'
      ? await db
          .selectFrom('petition_reviews')
          .selectAll()
          .where('issue_id', '=', n.issue_id)
          .where('level', '=', n.kind)
          .executeTakeFirst()
      : undefined
  const settings = await getSettings(db)
  const text = (v: string | null | undefined) => (v === null || v === undefined ? null : maskFreeText(v))
  return {
    bureauName: settings.bureauName,
    noticeId: n.id,
    kind: n.kind,
    number: r.number,
    dated: n.dated,
    visitorName: r.visitor_name,
    organizationName: r.organization_name,
    registeredOn: r.registered_on,
    channelLabel: CHANNEL_ON_NOTICE[r.channel] ?? channel.label(r.channel),
    sourceRef: r.source_ref,
    content: maskFreeText(r.content),
    decidedOn: r.decided_on,
    handlingDue: handlingDue(r),
    decisionReason: text(r.decision_reason),
    forwardedTo: r.forwarded_to,
    extendedDays: r.extended_days,
    extensionReason: text(r.extension_reason),
    answer: n.kind === 'reply' ? text(r.reply) : review ? text(review.answer) : null,
    reviewBody: review?.body ?? null,
    deliveredOn: n.delivered_on,
    deliveryMethod: n.delivery_method,
  }
}
