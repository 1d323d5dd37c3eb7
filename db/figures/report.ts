import { readAuditHead } from '../audit/anchor'
import type { Executor } from '../core/context'
import { readLedgerId } from '../core/identity'
import { getSettings } from '../reference/reference'
import type { Adjustment, MonthlyReport, PeriodFigures, PeriodReport } from '../../shared/types'
import { monthRange } from '../validation/dates'
import { activeClose } from './close'
import { monthlySummary } from './month'
import { periodSummary } from './period'
import { periodSentence } from './report-sentence'

// The reports: any period's figures with the sentence that says them, and a month's, which once
// closed (月结) is the report as it was sent, with what has changed since shown as 调整.

/** The figures a 调整 line names, in the office's words, in the order it reads them. */
const ADJUSTED: readonly [keyof PeriodFigures, string][] = [
  ['sessions', '接待日'],
  ['enterprises', '接待企业'],
  ['personTimes', '接待人次'],
  ['consultations', '咨询'],
  ['issuesAccepted', '受理'],
  ['issuesResolved', '办结'],
  ['issuesResolvedInPeriod', '当月办结'],
  ['issuesTransferred', '转办'],
  ['issuesOpen', '办理中'],
  ['issuesCalledBack', '回访问题'],
  ['callbacks', '回访次数'],
  ['satisfied', '满意'],
  ['basicallySatisfied', '基本满意'],
  ['unsatisfied', '不满意'],
  ['carriedOver', '上月结转'],
]

export function adjustmentsBetween(reported: PeriodFigures, now: PeriodFigures): Adjustment[] {
  return ADJUSTED.flatMap(([field, label]) => {
    const a = reported[field]
    const b = now[field]
    return typeof a === 'number' && typeof b === 'number' && a !== b ? [{ field, label, reported: a, now: b }] : []
  })
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n))

/** "上月数据调整：办结+1、回访问题+1。", or nothing when the month stands as reported. */
export function adjustmentLine(adjustments: readonly Adjustment[], previous = '上月'): string {
  if (adjustments.length === 0) return ''
  return `${previous}数据调整：${adjustments.map((a) => `${a.label}${signed(a.now - a.reported)}`).join('、')}。`
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  const year = m === 1 ? (y ?? 0) - 1 : (y ?? 0)
  const mm = m === 1 ? 12 : (m ?? 1) - 1
  return `${year}-${String(mm).padStart(2, '0')}`
}

/** A closed month's figures now against those it was reported with; empty for an open month. */
export async function monthAdjustments(db: Executor, month: string, today: string): Promise<Adjustment[]> {
  const close = await activeClose(db, month)
  if (!close) return []
  return adjustmentsBetween(close.snapshot.report.summary, await monthlySummary(db, month, today))
}

/** The audit log's head now, for the printed report's footer: a copy on paper that `check --anchor` compares with. */
async function headNow(db: Executor) {
  return readAuditHead(db, await readLedgerId(db))
}

export async function periodReport(db: Executor, from: string, to: string, today: string): Promise<PeriodReport> {
  const summary = await periodSummary(db, from, to, today)
  const settings = await getSettings(db)
  return { summary, sentence: periodSentence(summary), bureauName: settings.bureauName, auditAnchor: await headNow(db) }
}

/**
 * A month's report. Closed: word for word what was sent, and the figures that changed since. Open:
 * computed now, its sentence ending with the previous month's 调整 when that month is closed.
 */
export async function monthlyReport(db: Executor, month: string, today: string): Promise<MonthlyReport> {
  monthRange(month)
  const close = await activeClose(db, month)
  if (close) {
    const now = await monthlySummary(db, month, today)
    // Word for word as sent; the footer's head is today's, as any printout's is.
    return {
      ...close.snapshot.report,
      close: close.close,
      adjustments: adjustmentsBetween(close.snapshot.report.summary, now),
      auditAnchor: await headNow(db),
    }
  }
  const summary = await monthlySummary(db, month, today)
  const settings = await getSettings(db)
  const sentence = periodSentence(summary, adjustmentLine(await monthAdjustments(db, previousMonth(month), today)))
  return { summary, sentence, bureauName: settings.bureauName, close: null, adjustments: [], auditAnchor: await headNow(db) }
}
