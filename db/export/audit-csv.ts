import fs from 'node:fs'
import path from 'node:path'
import { readAuditHead } from '../audit/anchor'
import { csvAnchorLine } from '../audit/verify'
import { readLedgerId } from '../core/identity'
import { maskFreeText } from '../privacy/mask'
import { assertSupervisor } from '../core/access'
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
 * Its last line is the log's head (审计链头: last id and hash), an anchor outside the file.
 */
export async function exportAuditCsv(
  ctx: LedgerContext,
  options: Pick<AuditFilter, 'from' | 'to'> & { file: string },
): Promise<ExportResult> {
  await assertSupervisor(ctx, '导出审计日志')
  await refuseLedgerTarget(ctx.db, options.file)
  const lines: string[] = []
  for (let page = 1; ; page++) {
    const p = await listAudit(ctx, { from: options.from, to: options.to, page, pageSize: PAGE })
    // Details quote what was typed (an address before and after an edit): masked, as on screen.
    for (const r of p.rows) {
      lines.push(
        csvLine([r.id, r.at, maskFreeText(r.actorName), r.action, r.entity, r.entityId, maskFreeText(r.summary), maskFreeText(r.detail)]),
      )
    }
    if (page * PAGE >= p.total) break
  }
  // The log's head as it stands now, on the last line: a copy outside the file for `check` to
  // compare with (it finds this file again through the export's own audit row, which names it).
  const head = await readAuditHead(ctx.db, await readLedgerId(ctx.db))
  const trailer = head === null ? '' : csvLine(csvAnchorLine(head))
  await writeAtomically(options.file, async (temp) => {
    await fs.promises.writeFile(temp, `\uFEFF${csvLine(HEADERS)}${lines.join('')}${trailer}`, 'utf8')
  })
  await write(ctx, (trx) =>
    audit(trx, ctx, 'export_audit', 'audit_log', null, {
      from: options.from ?? null,
      to: options.to ?? null,
      rows: lines.length,
      file: path.resolve(options.file),
      head: head && { id: head.id, hash: head.hash },
    }),
  )
  return { file: options.file, rows: lines.length }
}
