import type { Executor } from '../core/context'
import { addCalendarDays } from '../calendar/calendar-days'
import { liveIssueJoin } from '../issues/join'
import { handlingDue } from '../issues/petition-deadlines'
import { PETITION_NOTICE_DAYS } from '../../shared/limits'
import { percent } from './period'
import type { PetitionFigures, ReferralFigure } from '../../shared/types'

/**
 * A period's 信访 and 转办件 figures (a month, a quarter, any range), computed from the records every time. Definitions, stated
 * once and shown in the README, the 信访 sheet of the export and the report:
 * - 信访件数 (registered): 信访事项 registered in the period (by registration date); by how they came:
 *   来访 (at the desk), 来信, 网上, 其他 (calls and the rest).
 * - 受理 / 不予受理 / 转送 / 待决定: the decisions on those, whenever made.
 * - 按期告知率 = decision notices delivered within 15 days of registration ÷ notices due (delivered,
 *   or not delivered with the 15 days passed): a notice still missing after its date counts as late.
 * - 按期办结率 (信访) = written replies on or before the handling date in force (60 days, plus the
 *   extension) ÷ replies due (given, or not given with the date passed), of the accepted ones.
 * - 延期件数: of the period's petitions, those extended.
 * - 复查件数 / 复核件数: requests made in the period (by request date), whenever the petition is from.
 * - 转办件 by 来源: referrals registered in the period, per source; 按期回复率 = replies sent back on or
 *   before the reply-by date ÷ replies due (sent, or not sent with the date passed).
 * Issues of a voided visit never count; "now" decides only what is already late.
 */
export async function petitionFigures(db: Executor, first: string, nextFirst: string, today: string): Promise<PetitionFigures> {
  const petitions = await liveIssueJoin(db)
    .innerJoin('petitions as p', 'p.issue_id', 'i.id')
    .select([
      'i.id',
      'v.channel',
      'p.registered_on',
      'p.decision',
      'p.decided_on',
      'p.extended_days',
      'p.replied_on',
      (eb) =>
        eb
          .selectFrom('petition_notices as n')
          .select((n) => n.fn.min('n.delivered_on').as('d'))
          .whereRef('n.issue_id', '=', 'i.id')
          .where('n.kind', 'in', ['accept', 'reject', 'forward'])
          .as('notice_delivered'),
    ])
    .where('i.procedure', '=', 'petition')
    .where('i.accepted_date', '>=', first)
    .where('i.accepted_date', '<', nextFirst)
    .execute()

  const byForm = { visit: 0, letter: 0, online: 0, other: 0 }
  let noticesOnTime = 0
  let noticesDue = 0
  let repliedOnTime = 0
  let repliesDue = 0
  for (const p of petitions) {
    if (p.channel === 'desk') byForm.visit++
    else if (p.channel === 'letter') byForm.letter++
    else if (p.channel === 'online') byForm.online++
    else byForm.other++
    const noticeDue = addCalendarDays(p.registered_on, PETITION_NOTICE_DAYS)
    const delivered = p.notice_delivered ?? null
    if (delivered !== null || today > noticeDue) noticesDue++
    if (delivered !== null && delivered <= noticeDue) noticesOnTime++
    const due = p.decision === 'accept' ? handlingDue(p) : null
    if (due !== null) {
      if (p.replied_on !== null || today > due) repliesDue++
      if (p.replied_on !== null && p.replied_on <= due) repliedOnTime++
    }
  }
  const decided = (d: 'accept' | 'reject' | 'forward') => petitions.filter((p) => p.decision === d).length

  const reviewRows = await liveIssueJoin(db)
    .innerJoin('petition_reviews as r', 'r.issue_id', 'i.id')
    .select(['r.level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.requested_on', '>=', first)
    .where('r.requested_on', '<', nextFirst)
    .groupBy('r.level')
    .execute()
  const reviewsOf = (level: 'review' | 'rereview') => Number(reviewRows.find((r) => r.level === level)?.n ?? 0)

  const referrals = await liveIssueJoin(db)
    .innerJoin('referrals as f', 'f.issue_id', 'i.id')
    .leftJoin('issue_sources as s', 's.id', 'i.source_id')
    .select(['s.name as source_name', 's.sort_order', 'f.reply_by', 'f.replied_on'])
    .where('i.procedure', '=', 'referral')
    .where('i.accepted_date', '>=', first)
    .where('i.accepted_date', '<', nextFirst)
    .orderBy('s.sort_order')
    .orderBy('s.id')
    .execute()
  const bySource = new Map<string, Omit<ReferralFigure, 'sourceName'>>()
  const empty = () => ({ count: 0, replied: 0, repliedOnTime: 0, late: 0, replyOnTimeRate: null })
  const total = empty()
  for (const f of referrals) {
    const name = f.source_name ?? '未注明来源'
    const figure = bySource.get(name) ?? empty()
    for (const x of [figure, total]) {
      x.count++
      if (f.replied_on !== null) x.replied++
      if (f.replied_on !== null && f.replied_on <= f.reply_by) x.repliedOnTime++
      else if (f.replied_on !== null || today > f.reply_by) x.late++
    }
    bySource.set(name, figure)
  }
  const withRate = <T extends Omit<ReferralFigure, 'sourceName'>>(x: T): T => ({
    ...x,
    replyOnTimeRate: percent(x.repliedOnTime, x.repliedOnTime + x.late),
  })

  return {
    registered: petitions.length,
    byForm,
    accepted: decided('accept'),
    rejected: decided('reject'),
    forwarded: decided('forward'),
    undecided: petitions.filter((p) => p.decision === null).length,
    noticesOnTime,
    noticesDue,
    noticeOnTimeRate: percent(noticesOnTime, noticesDue),
    repliedOnTime,
    repliesDue,
    handlingOnTimeRate: percent(repliedOnTime, repliesDue),
    extended: petitions.filter((p) => p.extended_days !== null).length,
    reviews: reviewsOf('review'),
    rereviews: reviewsOf('rereview'),
    referrals: [...bySource].map(([sourceName, x]) => ({ sourceName, ...withRate(x) })),
    referralTotal: withRate(total),
  }
}

/** A period with no 信访事项 or 转办件 at all. */
export function emptyPetitionFigures(): PetitionFigures {
  const none = { count: 0, replied: 0, repliedOnTime: 0, late: 0, replyOnTimeRate: null }
  return {
    registered: 0,
    byForm: { visit: 0, letter: 0, online: 0, other: 0 },
    accepted: 0,
    rejected: 0,
    forwarded: 0,
    undecided: 0,
    noticesOnTime: 0,
    noticesDue: 0,
    noticeOnTimeRate: null,
    repliedOnTime: 0,
    repliesDue: 0,
    handlingOnTimeRate: null,
    extended: 0,
    reviews: 0,
    rereviews: 0,
    referrals: [],
    referralTotal: none,
  }
}

/** The period's 信访 and 转办件 in the bureau's phrasing, for the report; empty when there were none. */
export function petitionSentence(f: PetitionFigures): string {
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`)
  const parts: string[] = []
  if (f.registered > 0) {
    const forms = [
      ['来访', f.byForm.visit],
      ['来信', f.byForm.letter],
      ['网上', f.byForm.online],
      ['其他', f.byForm.other],
    ] as const
    const formText = forms
      .filter(([, n]) => n > 0)
      .map(([label, n]) => `${label}${n}件`)
      .join('、')
    let text = `登记信访事项${f.registered}件（${formText}），受理${f.accepted}件、不予受理${f.rejected}件、转送${f.forwarded}件`
    if (f.noticesDue > 0) text += `，按期告知率${pct(f.noticeOnTimeRate)}`
    if (f.repliesDue > 0) text += `，按期办结率${pct(f.handlingOnTimeRate)}`
    if (f.extended > 0) text += `，延期${f.extended}件`
    parts.push(text)
  }
  if (f.reviews + f.rereviews > 0) parts.push(`收到复查申请${f.reviews}件、复核申请${f.rereviews}件`)
  if (f.referralTotal.count > 0) {
    // "12345 2件", not "123452件".
    const sources = f.referrals.map((r) => `${r.sourceName}${/\d$/.test(r.sourceName) ? ' ' : ''}${r.count}件`).join('、')
    parts.push(
      `办理转办件${f.referralTotal.count}件（${sources}）${f.referralTotal.replyOnTimeRate === null ? '' : `，按期回复率${pct(f.referralTotal.replyOnTimeRate)}`}`,
    )
  }
  return parts.length > 0 ? `${parts.join('；')}。` : ''
}
