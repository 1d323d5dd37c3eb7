import fs from 'node:fs'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import { LedgerError } from '../core/errors'
import type { Database } from '../core/schema'
import { isYearMonth, monthRange } from '../validation/dates'
import type { Span } from './ledger-rows'

export function requireMonth(month: string): string {
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
  return month
}

export function requireYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new LedgerError('invalid_date', `年份应为 2000 至 2100 之间的四位数字：${year}`)
  return year
}

export function monthSpan(month: string): Span {
  const { first, nextFirst } = monthRange(requireMonth(month))
  return { from: first, to: nextFirst }
}

export function yearSpan(year: number): Span {
  requireYear(year)
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` }
}

export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
}

/**
 * Runs every read of one export inside one read transaction, so the figures on 汇总 and the rows
 * of the lists come from the same state of the ledger even if the desk registers a visit meanwhile.
 * A plain (deferred) BEGIN: reading takes no write lock, and in WAL mode writers are not blocked.
 */
export async function readSnapshot<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn)
    try {
      return await work(conn)
    } finally {
      await sql`commit`.execute(conn)
    }
  })
}

function writeFailure(file: string, e: unknown): LedgerError {
  const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : ''
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new LedgerError(
      'export_failed',
      `无法写入 ${file}：文件可能正在被 Excel 或 WPS 打开，或该位置不允许写入。请关闭文件或换一个位置后重试。`,
    )
  }
  if (code === 'ENOENT') return new LedgerError('export_failed', `无法写入 ${file}：文件夹不存在`)
  return new LedgerError('export_failed', `无法写入 ${file}：${e instanceof Error ? e.message : String(e)}`)
}

/**
 * Writes through a temporary file beside the destination and renames it into place, so a failed
 * export never leaves a half-written file where the user expects the export (or a good old one).
 */
export async function writeAtomically(file: string, produce: (tempFile: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(file)
  if (!fs.existsSync(dir)) throw new LedgerError('export_failed', `无法写入 ${file}：文件夹不存在`)
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    await produce(temp)
    fs.renameSync(temp, file)
  } catch (e) {
    fs.rmSync(temp, { force: true })
    if (e instanceof LedgerError) throw e
    throw writeFailure(file, e)
  }
}
