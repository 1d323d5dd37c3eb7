import fs from 'node:fs'
import path from 'node:path'
import type { LedgerContext } from '../../db/core/context'
import { exportIssuesCsv, exportMonthXlsx, exportPeriodXlsx, exportYearXlsx } from '../../db/export'
import { isIsoDate, isYearMonth } from '../../db/validation/dates'

// `npm run ledger -- export`: the same files as the app's 导出 buttons, always with phones and ID
// numbers masked (an unmasked export needs a signed-in supervisor, which the command line has not).

export interface ExportArgs {
  month: string | undefined
  year: string | undefined
  from?: string | undefined
  to?: string | undefined
  out: string | undefined
  csv: boolean
}

export interface ExportPlan {
  month: string | undefined
  year: number | undefined
  /** Any period, both days included (an Excel file only). */
  period?: { from: string; to: string } | undefined
  out: string
  csv: boolean
}

/** Checks the arguments before the ledger is opened; `usage` builds the error that prints the usage text. */
export function planExport(args: ExportArgs, usage: (message: string) => Error): ExportPlan {
  if (args.from !== undefined || args.to !== undefined) return planPeriodExport(args, usage)
  if (args.month === undefined && args.year === undefined)
    throw usage('请用 --month YYYY-MM 或 --year YYYY 指定导出范围（任意期间用 --from YYYY-MM-DD --to YYYY-MM-DD）')
  if (args.month !== undefined && args.year !== undefined) throw usage('--month 与 --year 只能选一个')
  if (args.month !== undefined && !isYearMonth(args.month)) throw usage(`月份格式应为 YYYY-MM：${args.month}`)
  const year = args.year === undefined ? undefined : Number(args.year)
  if (args.year !== undefined && (!/^\d{4}$/.test(args.year) || year === undefined || year < 2000 || year > 2100)) {
    throw usage(`年份应为 2000 至 2100 之间的四位数字：${args.year}`)
  }
  if (args.out === undefined || args.out === '') throw usage('缺少参数 --out（导出文件）')
  const out = path.resolve(args.out)
  const extension = args.csv ? '.csv' : '.xlsx'
  if (path.extname(out).toLowerCase() !== extension)
    throw usage(`${args.csv ? 'CSV' : 'Excel'} 导出文件名应以 ${extension} 结尾：${args.out}`)
  if (!fs.existsSync(path.dirname(out))) throw usage(`导出文件所在的文件夹不存在：${path.dirname(out)}`)
  return { month: args.month, year, out, csv: args.csv }
}

function planPeriodExport(args: ExportArgs, usage: (message: string) => Error): ExportPlan {
  if (args.month !== undefined || args.year !== undefined) throw usage('--from/--to 与 --month、--year 只能选一种')
  if (args.csv) throw usage('任意期间只导出 Excel；CSV 请用 --month 或 --year')
  if (args.from === undefined || !isIsoDate(args.from)) throw usage(`开始日期格式应为 YYYY-MM-DD：${args.from ?? ''}`)
  if (args.to === undefined || !isIsoDate(args.to)) throw usage(`结束日期格式应为 YYYY-MM-DD：${args.to ?? ''}`)
  if (args.out === undefined || args.out === '') throw usage('缺少参数 --out（导出文件）')
  const out = path.resolve(args.out)
  if (path.extname(out).toLowerCase() !== '.xlsx') throw usage(`Excel 导出文件名应以 .xlsx 结尾：${args.out}`)
  if (!fs.existsSync(path.dirname(out))) throw usage(`导出文件所在的文件夹不存在：${path.dirname(out)}`)
  return { month: undefined, year: undefined, period: { from: args.from, to: args.to }, out, csv: false }
}

/** Writes the export and returns the line to print. */
export async function runExport(ctx: LedgerContext, plan: ExportPlan): Promise<string> {
  if (plan.period) {
    const r = await exportPeriodXlsx(ctx, { ...plan.period, file: plan.out })
    return `已导出 ${plan.period.from} 至 ${plan.period.to} 台账（汇总、来访登记、问题台账、回访，联系电话已脱敏）：${r.rows} 行 → ${r.file}\n`
  }
  const period = plan.month ?? `${plan.year ?? ''} 年`
  if (plan.csv) {
    const r = await exportIssuesCsv(ctx, { month: plan.month, year: plan.year, file: plan.out })
    return `已导出 ${period} 问题台账 CSV：${r.rows} 个问题 → ${r.file}\n`
  }
  if (plan.month !== undefined) {
    const r = await exportMonthXlsx(ctx, { month: plan.month, file: plan.out })
    return `已导出 ${period} 台账（汇总、来访登记、问题台账、回访，联系电话已脱敏）：${r.rows} 行 → ${r.file}\n`
  }
  const r = await exportYearXlsx(ctx, { year: plan.year ?? 0, file: plan.out })
  return `已导出 ${period} 台账（汇总、来访登记、问题台账、回访，联系电话已脱敏）：${r.rows} 行 → ${r.file}\n`
}
