import { issueVisitJoin } from './join'
import { today, type LedgerContext } from '../core/context'
import { listIssues } from './queries'
import { maskPhone } from '../privacy/mask'
import type { Paging } from '../core/paging'
import type { CallbackItem, CallbackPage, Satisfaction } from '../../shared/types'

export type CallbackQueue = 'due' | 'toClose'

/**
 * 回访's two queues, oldest resolution first: resolved issues nobody has called back yet
 * ('due'), and those called back 满意 or 基本满意 waiting for 销号 ('toClose'). Paged in the
 * ledger like every list, with the phone (masked), result and last call of the page's rows, so
 * the screen needs no call per row.
 */
export async function callbackQueue(ctx: LedgerContext, queue: CallbackQueue, paging: Paging = {}): Promise<CallbackPage> {
  const list = await listIssues(
    ctx.db,
    { callback: queue, sort: 'resolvedDate', order: 'asc', page: paging.page, pageSize: paging.pageSize ?? 10 },
    today(ctx),
  )
  const ids = list.rows.map((r) => r.id)
  if (ids.length === 0) return { ...list, rows: [] }
  const [extras, calls] = await Promise.all([
    issueVisitJoin(ctx.db)
      .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
      .select(['i.id', 'i.result', 'p.phone'])
      .where('i.id', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('callbacks')
      .select(['issue_id', 'satisfaction', 'callback_date'])
      .where('issue_id', 'in', ids)
      .orderBy('callback_date')
      .orderBy('id')
      .execute(),
  ])
  const byId = new Map(extras.map((e) => [e.id, e]))
  // Ordered oldest first, so the last one written for an issue is its latest call.
  const lastCall = new Map<number, { satisfaction: Satisfaction; date: string }>()
  for (const c of calls) lastCall.set(c.issue_id, { satisfaction: c.satisfaction, date: c.callback_date })
  const rows = list.rows.map((r): CallbackItem => ({
    ...r,
    visitorPhone: maskPhone(byId.get(r.id)?.phone ?? null),
    result: byId.get(r.id)?.result ?? null,
    lastSatisfaction: lastCall.get(r.id)?.satisfaction ?? null,
    lastCallbackDate: lastCall.get(r.id)?.date ?? null,
  }))
  return { ...list, rows }
}
