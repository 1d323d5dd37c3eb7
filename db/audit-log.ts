import { requireSupervisor } from './access'
import { verifyAuditChain } from './audit'
import type { LedgerContext } from './context'
import { LedgerError } from './errors'
import type { AuditChainStatus, AuditEntry, AuditPage } from './types'
import { isIsoDate } from './validation/dates'
import dayjs from 'dayjs'

// The audit log as a supervisor reads it. Read-only: nothing here (or anywhere) updates or
// deletes audit rows, and triggers in the file refuse it whatever program tries.

const ENTITY_LABEL: Record<string, string> = {
  ledger: '台账',
  settings: '设置',
  department: '股室',
  category: '问题类别',
  holiday_override: '节假日',
  staff: '人员',
  session: '接待日',
  visit: '来访登记',
  visitor: '来访人',
  organization: '企业',
  issue: '问题',
  import_batch: '导入批次',
  appointment: '预约',
}

const ACTION_LABEL: Record<string, string> = {
  seed: '初始化',
  create: '新建',
  update: '修改',
  set: '设置',
  remove: '删除',
  plan: '计划',
  open: '开始',
  register: '登记',
  accept: '受理',
  assign: '交办',
  reassign: '重新交办',
  progress: '记录进展',
  supervise: '督办',
  extend: '延期',
  resolve: '办结',
  callback: '回访',
  reopen: '回访不满意，重新办理',
  transfer: '转办',
  reject: '不予受理',
  sign_in: '登录',
  sign_out: '退出',
  sign_in_failed: 'PIN 错误，登录未成功',
  set_pin: '设置 PIN',
  clear_pin: '清除 PIN',
  reveal: '查看完整个人信息',
  void: '作废',
  restore: '从备份恢复',
  set_backup_folder: '更改备份文件夹',
  export_unmasked: '导出未脱敏的',
  export_audit: '导出审计日志',
  import: '导入',
  undo_import: '撤销',
  edit_text: '修改内容',
  merge: '合并',
  merged_into: '并入',
  register_contact: '登记联系',
  book: '预约',
  arrive: '到场',
  cancel: '取消',
  set_booking_limits: '设置预约名额',
}

function describe(action: string, entity: string, entityId: number | null): string {
  // 'close' means 销号 for an issue and 结束 for a reception day.
  const verb = action === 'close' ? (entity === 'issue' ? '销号' : '结束') : (ACTION_LABEL[action] ?? action)
  const what = ENTITY_LABEL[entity] ?? entity
  return `${verb} ${what}${entityId === null ? '' : ` #${entityId}`}`
}

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
  requireSupervisor(ctx, '查看审计日志')
  const from = dateBound(filter.from, '开始日期')
  const to = dateBound(filter.to, '结束日期')
  if (from !== undefined && to !== undefined && from > to) throw new LedgerError('invalid_date', '开始日期不能晚于结束日期')
  const page = Math.max(1, filter.page ?? 1)
  const pageSize = Math.min(500, Math.max(1, filter.pageSize ?? 50))
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
    .offset((page - 1) * pageSize)
    .execute()
  return {
    rows: rows.map(
      (r): AuditEntry => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        summary: describe(r.action, r.entity, r.entity_id),
        detail: r.detail,
      }),
    ),
    total: Number(total.n),
    page,
    pageSize,
  }
}

/** Walks the hash chain, as `npm run ledger -- check` does. Supervisors only. */
export async function auditChainStatus(ctx: LedgerContext): Promise<AuditChainStatus> {
  requireSupervisor(ctx, '校验审计日志')
  return verifyAuditChain(ctx.db)
}
