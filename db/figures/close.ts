import { assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { stamp, today, write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import type { Cell, SheetData } from '../export/cells'
import { excelDate, isoOf } from '../export/cells'
import { callbackSheet, issueSheet, visitSheet } from '../export/ledger-rows'
import { getSettings } from '../reference/reference'
import type { MonthClose, MonthlySummary } from '../../shared/types'
import { isYearMonth, monthRange } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'
import { monthlySummary } from './month'
import { periodSentence } from './report-sentence'

// 月结: a supervisor closes a month once its report is sent. The report (figures, the sentence as
// sent, the lists) and the export's list sheets (masked, as the office's copy would be) are frozen
// as a snapshot, with the audit chain's head at that moment, so a reprint is exactly what was
// sent and anyone can later tell which records it was computed from. Records of a closed month
// may still change (a late callback, a correction): the month's page and the next month's report
// show the difference as 调整 (db/figures/report.ts). Reopening needs a supervisor and a reason.

const SNAPSHOT_VERSION = 1

/** A cell as JSON keeps it: dates as { date: 'YYYY-MM-DD' }. */
type StoredCell = string | number | null | { percent: number } | { date: string }

export interface StoredSheet {
  name: string
  columns: SheetData['columns']
  rows: StoredCell[][]
  autoFilter: boolean
}

export interface MonthSnapshot {
  version: typeof SNAPSHOT_VERSION
  report: { summary: MonthlySummary; sentence: string; bureauName: string }
  sheets: StoredSheet[]
}

function storeCell(cell: Cell): StoredCell {
  if (cell instanceof Date) return { date: isoOf(cell) }
  return cell
}

function restoreCell(cell: StoredCell): Cell {
  if (cell !== null && typeof cell === 'object' && 'date' in cell) return excelDate(cell.date)
  return cell
}

export function restoreSheet(s: StoredSheet): SheetData {
  return { name: s.name, columns: s.columns, rows: s.rows.map((r) => r.map(restoreCell)), autoFilter: s.autoFilter }
}

function storeSheet(s: SheetData): StoredSheet {
  return { name: s.name, columns: s.columns, rows: s.rows.map((r) => r.map(storeCell)), autoFilter: s.autoFilter }
}

// Written only by closeMonth below, in this file's own format; checked for that shape on the way back.
function isSnapshot(v: unknown): v is MonthSnapshot {
  if (v === null || typeof v !== 'object') return false
  if (!('version' in v) || v.version !== SNAPSHOT_VERSION || !('report' in v) || !('sheets' in v)) return false
  return Array.isArray(v.sheets) && v.report !== null && typeof v.report === 'object' && 'summary' in v.report && 'sentence' in v.report
}

export interface ActiveClose {
  close: MonthClose
  snapshot: MonthSnapshot
}

/** The month's close in force (not reopened), with its snapshot; null for an open month. */
export async function activeClose(db: Executor, month: string): Promise<ActiveClose | null> {
  const row = await db.selectFrom('month_closes').selectAll().where('month', '=', month).where('reopened_at', 'is', null).executeTakeFirst()
  if (!row) return null
  const parsed: unknown = JSON.parse(row.snapshot)
  if (!isSnapshot(parsed)) throw new LedgerError('corrupt', `${month} 的月结记录无法读取，请联系技术人员`)
  return {
    close: {
      month: row.month,
      closedAt: row.closed_at,
      closedBy: row.closed_by_name,
      auditHeadId: row.audit_head_id,
      auditHeadHash: row.audit_head_hash,
    },
    snapshot: parsed,
  }
}

function requireMonthOver(ctx: LedgerContext, month: string): void {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
  if (monthRange(month).nextFirst > today(ctx)) throw new LedgerError('month_not_over', `${month} 尚未结束，月底之后才能月结`)
}

/**
 * Closes a month as reported: `sentence` is the wording that was sent (as edited on the 统计
 * screen); without it, the generated one. The figures are always the ledger's own.
 */
export async function closeMonth(ctx: LedgerContext, input: { month: string; sentence?: string | undefined }): Promise<MonthClose> {
  await assertSupervisor(ctx, '月结')
  requireMonthOver(ctx, input.month)
  const edited = optionalText(input.sentence, '月报文字', 2000)
  const month = input.month
  return write(ctx, async (trx) => {
    if (await activeClose(trx, month)) throw new LedgerError('already_closed', `${month} 已经月结`)
    const day = today(ctx)
    const summary = await monthlySummary(trx, month, day)
    const span = { from: monthRange(month).first, to: monthRange(month).nextFirst }
    const masked = { unmasked: false }
    const sheets = [await visitSheet(trx, span, masked), await issueSheet(trx, span, masked, day), await callbackSheet(trx, span, masked)]
    const settings = await getSettings(trx)
    const snapshot: MonthSnapshot = {
      version: SNAPSHOT_VERSION,
      report: { summary, sentence: edited ?? periodSentence(summary), bureauName: settings.bureauName },
      sheets: sheets.map(storeSheet),
    }
    const head = await trx.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()
    const close = {
      month,
      closed_at: stamp(ctx),
      closed_by_id: ctx.actor.id ?? 0,
      closed_by_name: ctx.actor.name,
      snapshot: JSON.stringify(snapshot),
      audit_head_id: head?.id ?? 0,
      audit_head_hash: head?.hash ?? '',
    }
    const { id } = await trx.insertInto('month_closes').values(close).returning('id').executeTakeFirstOrThrow()
    await audit(trx, ctx, 'close_month', 'month', id, { month, auditHeadId: close.audit_head_id, auditHeadHash: close.audit_head_hash })
    return {
      month,
      closedAt: close.closed_at,
      closedBy: close.closed_by_name,
      auditHeadId: close.audit_head_id,
      auditHeadHash: close.audit_head_hash,
    }
  })
}

/** Reopens a closed month: the snapshot is kept (stamped as reopened), the month is computed live again. */
export async function reopenMonth(ctx: LedgerContext, input: { month: string; reason: string }): Promise<void> {
  await assertSupervisor(ctx, '撤销月结')
  const reason = requireText(input.reason, '撤销月结的原因', 500)
  await write(ctx, async (trx) => {
    const row = await trx
      .selectFrom('month_closes')
      .select('id')
      .where('month', '=', input.month)
      .where('reopened_at', 'is', null)
      .executeTakeFirst()
    if (!row) throw new LedgerError('not_closed', `${input.month} 没有月结，无需撤销`)
    await trx
      .updateTable('month_closes')
      .set({ reopened_at: stamp(ctx), reopened_by_id: ctx.actor.id, reopened_by_name: ctx.actor.name, reopen_reason: reason })
      .where('id', '=', row.id)
      .execute()
    await audit(trx, ctx, 'reopen_month', 'month', row.id, { month: input.month, reason })
  })
}
