import { assertSupervisor } from '../core/access'
import type { Ledger } from '../core/open'
import { verifyAudit } from './verify'
import { verifyServerAudit } from './verify-server'
import { auditActionLabel, auditDigest, auditEntityLabel, auditFilterOptions } from './vocabulary'
import type { LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { pageBounds } from '../core/paging'
import type { AuditChainStatus, AuditEntry, AuditPage } from '../../shared/types'
import { isIsoDate } from '../validation/dates'
import dayjs from 'dayjs'

// The audit log as a supervisor reads it. Read-only: nothing here (or anywhere) updates or
// deletes audit rows, and triggers in the file refuse it whatever program tries.

export interface AuditFilter {
  page?: number | undefined
  pageSize?: number | undefined
  entity?: string | undefined
  entityId?: number | undefined
  actorId?: number | undefined
  action?: string | undefined
  /** 'YYYY-MM-DD', inclusive. */
  from?: string | undefined
  /** 'YYYY-MM-DD', inclusive. */
  to?: string | undefined
}

function dateBound(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined
  if (!isIsoDate(value)) throw new LedgerError('invalid_date', `${label}不是有效日期：${value.slice(0, 20)}`)
  return value
}

/** Newest first, 50 to a page by default (at most 500). Supervisors only. */
export async function listAudit(ctx: LedgerContext, filter: AuditFilter = {}): Promise<AuditPage> {
  await assertSupervisor(ctx, '查看审计日志')
  const from = dateBound(filter.from, '开始日期')
  const to = dateBound(filter.to, '结束日期')
  if (from !== undefined && to !== undefined && from > to) throw new LedgerError('invalid_date', '开始日期不能晚于结束日期')
  const { page, pageSize, offset } = pageBounds(filter, 50, 500)
  let q = ctx.db.selectFrom('audit_log')
  if (filter.entity !== undefined) q = q.where('entity', '=', filter.entity)
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId)
  if (filter.actorId !== undefined) q = q.where('actor_id', '=', filter.actorId)
  if (filter.action !== undefined) q = q.where('action', '=', filter.action)
  if (from !== undefined) q = q.where('at', '>=', from)
  if (to !== undefined) q = q.where('at', '<', dayjs(to).add(1, 'day').format('YYYY-MM-DD'))
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await q
    .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'detail'])
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset(offset)
    .execute()
  return {
    rows: rows.map((r): AuditEntry => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      actionLabel: auditActionLabel(r.action, r.entity),
      entityLabel: auditEntityLabel(r.entity, r.entity_id),
      summary: `${auditActionLabel(r.action, r.entity)} ${auditEntityLabel(r.entity, r.entity_id)}`,
      digest: auditDigest(r.detail),
      detail: r.detail,
    })),
    total: Number(total.n),
    page,
    pageSize,
    filters: auditFilterOptions(),
  }
}

/**
 * Everything `npm run ledger -- check` says about the audit log: the chain, the counter, the
 * triggers, the anchors kept outside the file, and the records against their digests. Supervisors only.
 */
export async function auditChainStatus(ctx: LedgerContext, ledger: Ledger): Promise<AuditChainStatus> {
  await assertSupervisor(ctx, '校验审计日志')
  return ledger.engine === 'pg' ? verifyServerAudit(ledger.db) : verifyAudit(ledger.sqlite, ledger.file)
}
