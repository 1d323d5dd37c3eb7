import type { Executor } from '../core/context'
import { addCalendarDays } from '../calendar/calendar-days'
import { liveIssueJoin } from '../issues/join'
import { DECISION_NOTICES, handlingDue } from '../issues/petition-deadlines'
import { deliveryMethod, petitionDecision } from '../../shared/codes/petitions'
import { PETITION_NOTICE_DAYS } from '../../shared/limits'
import type { PetitionFigures } from '../../shared/types'
import { excelDate, type Cell, type Column, type SheetData } from './cells'
import { maskFreeText } from '../privacy/mask'
import type { Privacy, Span } from './ledger-rows'

// 信访: the month's 信访 and 转办件 figures exactly as db/figures/petition-figures.ts computes them,
// each with its definition, then the month's 信访事项 and 转办件 one a row, so every figure can be
// counted off the rows below it.

interface Figure {
  label: string
  value: (f: PetitionFigures) => number | null
  rate?: boolean
  note: string
}

export const PETITION_FIGURES: readonly Figure[] = [
  { label: '信访件数', value: (f) => f.registered, note: '本期登记、办理程序为信访事项的' },
  { label: '其中：来访', value: (f) => f.byForm.visit, note: '现场接待登记的' },
  { label: '其中：来信', value: (f) => f.byForm.letter, note: '' },
  { label: '其中：网上', value: (f) => f.byForm.online, note: '' },
  { label: '其中：其他', value: (f) => f.byForm.other, note: '来电等其他渠道' },
  { label: '受理', value: (f) => f.accepted, note: '本期登记的信访事项中决定受理的' },
  { label: '不予受理', value: (f) => f.rejected, note: '' },
  { label: '转送', value: (f) => f.forwarded, note: '转送有权处理的机关、单位的' },
  { label: '尚未决定', value: (f) => f.undecided, note: '' },
  { label: '按期告知', value: (f) => f.noticesOnTime, note: `受理、不予受理或转送告知书在登记后${PETITION_NOTICE_DAYS}日内送达的` },
  { label: '应告知', value: (f) => f.noticesDue, note: `已送达告知书的，加上已过${PETITION_NOTICE_DAYS}日仍未送达的` },
  { label: '按期告知率', value: (f) => f.noticeOnTimeRate, rate: true, note: '按期告知 ÷ 应告知' },
  { label: '按期答复', value: (f) => f.repliedOnTime, note: '受理后60日内（含批准的延期）书面答复的' },
  { label: '应答复', value: (f) => f.repliesDue, note: '已书面答复的，加上已过办理期限仍未答复的' },
  { label: '按期办结率', value: (f) => f.handlingOnTimeRate, rate: true, note: '按期答复 ÷ 应答复' },
  { label: '延期件数', value: (f) => f.extended, note: '本期登记的信访事项中经负责人批准延期的' },
  { label: '复查件数', value: (f) => f.reviews, note: '本期收到的复查申请（不论信访事项登记于何时）' },
  { label: '复核件数', value: (f) => f.rereviews, note: '本期收到的复核申请' },
  { label: '转办件', value: (f) => f.referralTotal.count, note: '本期登记、办理程序为转办件的' },
  { label: '按期回复', value: (f) => f.referralTotal.repliedOnTime, note: '在转办单位要求的回复时限内回复的' },
  {
    label: '转办件按期回复率',
    value: (f) => f.referralTotal.replyOnTimeRate,
    rate: true,
    note: '按期回复 ÷（已回复 + 已过回复时限未回复）',
  },
]

const PETITION_LIST = [
  '问题编号',
  '来源',
  '工单号/文号',
  '转办单位',
  '信访人',
  '反映问题',
  '登记日期',
  '受理决定',
  '决定日期',
  '告知期限',
  '告知书送达',
  '办理期限',
  '延期（日）',
  '答复日期',
  '复查申请',
  '复核申请',
]

const REFERRAL_LIST = [
  '问题编号',
  '来源',
  '工单号/文号',
  '转办单位',
  '反映问题',
  '登记日期',
  '转办时限',
  '回复时限',
  '办结日期',
  '回复日期',
  '回复方式',
]

const pad = (cells: Cell[], width: number): Cell[] => [...cells, ...Array.from({ length: Math.max(0, width - cells.length) }, () => null)]

export async function petitionSheet(db: Executor, span: Span, figures: PetitionFigures, p: Privacy): Promise<SheetData> {
  const text = (v: string) => (p.unmasked ? v : maskFreeText(v))
  const petitions = await liveIssueJoin(db)
    .innerJoin('petitions as pt', 'pt.issue_id', 'i.id')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('issue_sources as s', 's.id', 'i.source_id')
    .select([
      'i.id',
      'i.number',
      's.name as source_name',
      'i.source_ref',
      'i.source_body',
      'p.name as visitor_name',
      'm.content',
      'pt.registered_on',
      'pt.decision',
      'pt.decided_on',
      'pt.extended_days',
      'pt.replied_on',
    ])
    .where('i.procedure', '=', 'petition')
    .where('i.accepted_date', '>=', span.from)
    .where('i.accepted_date', '<', span.to)
    .orderBy('i.year_month')
    .orderBy('i.seq')
    .execute()
  const ids = petitions.length > 0 ? petitions.map((r) => r.id) : [-1]
  const notices = await db
    .selectFrom('petition_notices')
    .select(['issue_id', 'kind', 'delivered_on', 'delivery_method'])
    .where('issue_id', 'in', ids)
    .where('kind', 'in', DECISION_NOTICES)
    .execute()
  const reviews = await db
    .selectFrom('petition_reviews')
    .select(['issue_id', 'level', 'requested_on'])
    .where('issue_id', 'in', ids)
    .execute()
  const referrals = await liveIssueJoin(db)
    .innerJoin('referrals as f', 'f.issue_id', 'i.id')
    .leftJoin('issue_sources as s', 's.id', 'i.source_id')
    .select([
      'i.number',
      's.name as source_name',
      'i.source_ref',
      'i.source_body',
      'm.content',
      'i.accepted_date',
      'i.resolved_date',
      'f.due_on',
      'f.reply_by',
      'f.replied_on',
      'f.reply_method',
    ])
    .where('i.procedure', '=', 'referral')
    .where('i.accepted_date', '>=', span.from)
    .where('i.accepted_date', '<', span.to)
    .orderBy('i.year_month')
    .orderBy('i.seq')
    .execute()

  const width = PETITION_LIST.length
  const columns: Column[] = pad(['项目', '数值', '口径说明'], width).map((header, i) => ({
    header: typeof header === 'string' ? header : '',
    wrap: i === 2 || i === 5,
  }))
  const rows: Cell[][] = PETITION_FIGURES.map((f) => {
    const v = f.value(figures)
    return pad([f.label, v === null ? '—' : f.rate ? { percent: v } : v, f.note || null], width)
  })
  for (const r of figures.referrals) {
    rows.push(pad([`转办件：${r.sourceName}`, r.count, `已回复 ${r.replied}，按期 ${r.repliedOnTime}`], width))
  }
  rows.push([])
  const boldRows = [rows.length]
  rows.push(PETITION_LIST)
  if (petitions.length === 0) rows.push(['（本期无信访事项）'])
  for (const r of petitions) {
    const notice = notices.find((n) => n.issue_id === r.id && n.delivered_on !== null)
    const review = (level: 'review' | 'rereview') => reviews.find((x) => x.issue_id === r.id && x.level === level)?.requested_on ?? null
    rows.push([
      r.number,
      r.source_name,
      r.source_ref,
      r.source_body,
      r.visitor_name,
      text(r.content),
      excelDate(r.registered_on),
      r.decision === null ? '尚未决定' : petitionDecision.label(r.decision),
      excelDate(r.decided_on),
      excelDate(addCalendarDays(r.registered_on, PETITION_NOTICE_DAYS)),
      notice ? `${notice.delivered_on ?? ''} ${deliveryMethod.label(notice.delivery_method ?? 'other')}` : null,
      excelDate(r.decision === 'accept' ? handlingDue(r) : null),
      r.extended_days,
      excelDate(r.replied_on),
      excelDate(review('review')),
      excelDate(review('rereview')),
    ])
  }
  rows.push([])
  boldRows.push(rows.length)
  rows.push(REFERRAL_LIST)
  if (referrals.length === 0) rows.push(['（本期无转办件）'])
  for (const r of referrals) {
    rows.push([
      r.number,
      r.source_name,
      r.source_ref,
      r.source_body,
      text(r.content),
      excelDate(r.accepted_date),
      excelDate(r.due_on),
      excelDate(r.reply_by),
      excelDate(r.resolved_date),
      excelDate(r.replied_on),
      r.reply_method === null ? null : deliveryMethod.label(r.reply_method),
    ])
  }
  return { name: '信访', columns, rows, boldRows, autoFilter: false }
}
