import fs from 'node:fs'
import path from 'node:path'
import type { LedgerContext } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import {
  dryRunImport,
  formatImportReport,
  formatUndoResult,
  inspectImportFile,
  isImportField,
  listImportBatches,
  runImport,
  undoImport,
} from '../../db/import'
import { fieldLabel } from '../../db/import/fields'
import { seedDefaults } from '../../db/reference/reference'
import { sessionKind } from '../../shared/codes/sessions'
import type { ImportMapping, SessionKind } from '../../shared/types'

// `npm run ledger -- import …`, `import-inspect`, `import-undo`, `import-batches`: the same import as
// 设置 → 导入. A dry run prints the report and changes nothing; an import with unreadable rows is
// refused (exit 1, report printed) unless --skip-bad.

export interface ImportArgs {
  in: string | undefined
  mapping: string | undefined
  sheet: string | undefined
  kind: string | undefined
  location: string | undefined
  dryRun: boolean
  skipBad: boolean
}

export interface ImportPlan {
  file: string
  mapping: ImportMapping | null
  sheet: string | undefined
  kind: SessionKind | undefined
  location: string | undefined
  dryRun: boolean
  skipBad: boolean
}

function isSessionKind(value: string): value is SessionKind {
  return sessionKind.codes.some((k) => k === value)
}

/** Reads a mapping file: a JSON object of field → column number (1 = A) or header text. */
export function readMappingFile(file: string, usage: (message: string) => Error): ImportMapping {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
  } catch (e) {
    throw usage(`无法读取映射文件 ${file}：${e instanceof Error ? e.message : String(e)}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw usage('映射文件应为 JSON 对象，如 {"date": "来访日期", "visitorName": 3}')
  const mapping: ImportMapping = {}
  for (const [key, value] of Object.entries(parsed)) {
    if (!isImportField(key)) throw usage(`映射文件中有未知的字段：${key}（可用字段见 README“导入”一节）`)
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) mapping[key] = value
    else if (typeof value === 'string' && value.trim() !== '') mapping[key] = value
    else if (value !== null) throw usage(`映射文件中“${key}”应为列号（1 = A 列）或表头文字`)
  }
  return mapping
}

/** Checks the arguments before the ledger is opened. */
export function planImport(args: ImportArgs, usage: (message: string) => Error): ImportPlan {
  if (args.in === undefined || args.in === '') throw usage('缺少参数 --in（要导入的 .xlsx 或 .csv 文件）')
  const file = path.resolve(args.in)
  if (!fs.existsSync(file)) throw usage(`要导入的文件不存在：${args.in}`)
  if (args.mapping !== undefined && !fs.existsSync(args.mapping)) throw usage(`映射文件不存在：${args.mapping}`)
  if (args.kind !== undefined && !isSessionKind(args.kind)) throw usage(`--kind 应为 ${sessionKind.codes.join('、')} 之一`)
  return {
    file,
    mapping: args.mapping === undefined ? null : readMappingFile(args.mapping, usage),
    sheet: args.sheet,
    kind: args.kind !== undefined && isSessionKind(args.kind) ? args.kind : undefined,
    location: args.location,
    dryRun: args.dryRun,
    skipBad: args.skipBad,
  }
}

export async function inspectCommand(file: string): Promise<string> {
  const inspection = await inspectImportFile(path.resolve(file))
  const lines = [`${inspection.fileName}（${inspection.format === 'csv' ? `CSV，${inspection.encoding ?? ''} 编码` : 'Excel 工作簿'}）`]
  for (const sheet of inspection.sheets) {
    const mark = sheet.name === inspection.defaultSheet ? '（默认）' : ''
    if (sheet.headerRow === null) {
      lines.push(`工作表“${sheet.name}”${mark}：找不到表头行`)
      continue
    }
    lines.push(
      `工作表“${sheet.name}”${mark}：表头在第 ${sheet.headerRow} 行，数据 ${sheet.dataRows} 行${sheet.titleYear ? `，标题年份 ${sheet.titleYear}` : ''}`,
    )
    for (const c of sheet.columns)
      lines.push(
        `  ${c.letter}（第 ${c.index} 列）${c.group ? `${c.group} / ` : ''}${c.header}${c.field ? ` → ${fieldLabel(c.field)}（${c.field}）` : ''}`,
      )
    if (sheet.linked.length > 0) lines.push(`  按问题编号关联工作表：${sheet.linked.join('、')}`)
    lines.push(`  识别的映射（可存为 --mapping 文件）：${JSON.stringify(sheet.mapping)}`)
  }
  return `${lines.join('\n')}\n`
}

export async function importCommand(ctx: LedgerContext, plan: ImportPlan): Promise<{ output: string; code: number }> {
  // A new ledger file gets the usual categories and sections first, as the app does when it opens one.
  await seedDefaults(ctx)
  let mapping = plan.mapping
  let preface = ''
  if (mapping === null) {
    const inspection = await inspectImportFile(plan.file)
    const sheet = inspection.sheets.find((s) => s.name === (plan.sheet ?? inspection.defaultSheet))
    if (!sheet) throw new LedgerError('import_sheet', `工作表“${plan.sheet ?? ''}”不存在`)
    mapping = sheet.mapping
    preface = `未指定 --mapping，使用自动识别的对应关系：${JSON.stringify(mapping)}\n`
  }
  const request = {
    file: plan.file,
    mapping,
    options: { sheet: plan.sheet, defaultKind: plan.kind, location: plan.location, skipBad: plan.skipBad },
  }
  if (plan.dryRun) return { output: preface + formatImportReport(await dryRunImport(ctx, request), 'dry-run'), code: 0 }
  try {
    const done = await runImport(ctx, request)
    return { output: preface + formatImportReport(done, 'done'), code: 0 }
  } catch (e) {
    if (e instanceof LedgerError && e.code === 'import_unreadable') {
      const report = await dryRunImport(ctx, request)
      return { output: `${preface}${formatImportReport(report, 'dry-run')}未导入：${e.message}\n`, code: 1 }
    }
    throw e
  }
}

export async function undoCommand(ctx: LedgerContext, batch: string | undefined, usage: (message: string) => Error): Promise<string> {
  if (batch === undefined || !/^\d+$/.test(batch)) throw usage('请用 --batch N 指定要撤销的导入批次（见 import-batches）')
  return formatUndoResult(await undoImport(ctx, Number(batch)))
}

export async function batchesCommand(ctx: LedgerContext): Promise<string> {
  const batches = await listImportBatches(ctx.db)
  if (batches.length === 0) return '还没有导入过台账\n'
  const lines = batches.map(
    (b) =>
      `批次 ${b.id}  ${b.createdAt}  ${b.actorName}  ${b.fileName}${b.sheet ? ` · ${b.sheet}` : ''}：导入 ${b.rowsImported} 行（来访 ${b.counts.visits} 条，问题 ${b.counts.issues} 个，咨询 ${b.counts.consultations} 件）` +
      `${b.rowsSkipped > 0 ? `，跳过 ${b.rowsSkipped} 行` : ''}${b.rowsDuplicate > 0 ? `，重复 ${b.rowsDuplicate} 行` : ''}${b.undoneAt ? `  已于 ${b.undoneAt} 由 ${b.undoneByName ?? ''} 撤销` : ''}`,
  )
  return `${lines.join('\n')}\n`
}
