import fs from 'node:fs'
import { requireSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { listAudit, type AuditFilter } from '../audit/log'
import { write, type LedgerContext } from '../core/context'
import type { ExportResult } from '../../shared/types'
import { csvLine } from './csv'
import { writeAtomically } from './files'
import { refuseLedgerTarget } from './target'

const HEADERS = ['序号', '时间', '操作人', '操作', '对象', '对象编号', '摘要', '详情']
const PAGE = 500

/**
 * The audit log as CSV for a supervisor (inspections ask for it). The export itself is audited,
 * so the file always ends one row short of the ledger's log: the row that records this export.
 */
export async function exportAuditCsv(
  ctx: LedgerContext,
  options: Pick<AuditFilter, 'from' | 'to'> & { file: string },
): Promise<ExportResult> {
  requireSupervisor(ctx, '导出审计日志')
  await refuseLedgerTarget(ctx.db, options.file)
  const lines: string[] = []
  for (let page = 1; ; page++) {
    const p = await listAudit(ctx, { from: options.from, to: options.to, page, pageSize: PAGE })
    for (const r of p.rows) lines.push(csvLine([r.id, r.at, r.actorName, r.action, r.entity, r.entityId, r.summary, r.detail]))
    if (page * PAGE >= p.total) break
  }
  await writeAtomically(options.file, async (temp) => {
    await fs.promises.writeFile(temp, `\uFEFF${csvLine(HEADERS)}${lines.join('')}`, 'utf8')
  })
  await write(ctx, (trx) =>
    audit(trx, ctx, 'export_audit', 'audit_log', null, { from: options.from ?? null, to: options.to ?? null, rows: lines.length }),
  )
  return { file: options.file, rows: lines.length }
}
