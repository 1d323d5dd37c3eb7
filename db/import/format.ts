import { issueStatus } from '../../shared/codes/issues'
import type { ImportBatchSummary, ImportReport, ImportRowProblem, ImportUndoResult } from '../../shared/types'
import { fieldLabel, isImportField } from './fields'

// The dry-run report and the batch summary as plain Chinese text, for the command line.

function rowsText(rows: readonly number[], limit = 20): string {
  const shown = rows.slice(0, limit).join('、')
  return rows.length > limit ? `第 ${shown} 等 ${rows.length} 行` : `第 ${shown} 行`
}

function problemLine(p: ImportRowProblem): string {
  return `  第 ${p.row} 行${p.column ? `（${p.column}）` : ''}：${p.message}`
}

export function formatImportReport(report: ImportReport | ImportBatchSummary, mode: 'dry-run' | 'done'): string {
  const c = report.counts
  const statuses = issueStatus.codes.filter((s) => c.issuesByStatus[s] > 0).map((s) => `${issueStatus.labels[s]} ${c.issuesByStatus[s]}`)
  const mapping = Object.entries(report.mapping)
    .filter(([field]) => isImportField(field))
    .map(([field, column]) => `${isImportField(field) ? fieldLabel(field) : field}←第${String(column)}列`)
  const lines = [
    mode === 'dry-run'
      ? `试导入（未写入台账）：${report.fileName} · 工作表“${report.sheet}”`
      : `已导入：${report.fileName} · 工作表“${report.sheet}”（导入批次 ${'batchId' in report ? report.batchId : '—'}）`,
    `表头在第 ${report.headerRow} 行；字段对应：${mapping.join('，')}`,
    `数据行 ${c.rows} 行${report.blankRows > 0 ? `，空行 ${report.blankRows} 行` : ''}${report.totalRows > 0 ? `，合计行 ${report.totalRows} 行（不导入）` : ''}`,
    `${mode === 'dry-run' ? '将导入' : '导入'} ${c.imported} 行${c.months.length > 0 ? `（${c.months[0]}${c.months.length > 1 ? ` 至 ${c.months[c.months.length - 1]}` : ''}）` : ''}：`,
    `  接待日：新建 ${c.sessionsCreated} 场，并入已有 ${c.sessionsReused} 场`,
    `  来访登记 ${c.visits} 条，${c.personTimes} 人次；咨询 ${c.consultations} 件；受理问题 ${c.issues} 个${statuses.length > 0 ? `（${statuses.join('，')}）` : ''}；回访 ${c.callbacks} 次`,
    `  来访人：新建 ${c.visitorsCreated} 人，台账中已有 ${c.visitorsMatched} 人`,
    `  企业：新建 ${c.organizationsCreated} 家，台账中已有 ${c.organizationsMatched} 家${c.departmentsCreated > 0 ? `；新增股室 ${c.departmentsCreated} 个` : ''}`,
  ]
  if (report.duplicates.length > 0) {
    lines.push(`重复（不导入）${report.duplicates.length} 行：`, ...report.duplicates.map(problemLine))
  }
  const badRows = [...new Set(report.unreadable.map((u) => u.row))]
  if (badRows.length > 0) {
    const skipped = 'skipped' in report && report.skipped > 0
    lines.push(`无法读取${skipped ? '（已跳过）' : ''} ${badRows.length} 行：`, ...report.unreadable.map(problemLine))
  }
  if (report.warnings.length > 0) {
    lines.push('提示：', ...report.warnings.map((w) => `  ${w.message}${w.rows.length > 0 ? `（${rowsText(w.rows)}）` : ''}`))
  }
  if (mode === 'dry-run') {
    lines.push(
      badRows.length > 0
        ? `结论：有 ${badRows.length} 行无法读取。请修正表格后重试，或加 --skip-bad 跳过这些行导入其余各行。`
        : '结论：可以导入。去掉 --dry-run 即正式导入（一次完成，可整批撤销）。',
    )
  } else if ('batchId' in report) {
    lines.push(`如需撤销：npm run ledger -- import-undo --db 台账文件 --batch ${report.batchId}`)
  }
  return `${lines.join('\n')}\n`
}

export function formatUndoResult(r: ImportUndoResult): string {
  const lines = [
    `已撤销导入批次 ${r.batchId}：作废来访登记 ${r.visits} 条（原因“${r.reason}”），其中问题 ${r.issueNumbers.length} 个随之退出台账和统计`,
    `作废导入新建的接待日 ${r.sessions} 场${r.departments > 0 ? `；停用导入新增的股室 ${r.departments} 个` : ''}`,
    '导入新建的来访人和企业保留在名录中（不计入任何统计），如有需要可在名录中合并。',
  ]
  return `${lines.join('\n')}\n`
}
