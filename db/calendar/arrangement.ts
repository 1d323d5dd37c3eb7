import { assertAdministers } from '../core/access'
import fs from 'node:fs'
import path from 'node:path'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import { loadCalendar } from '../issues/deadlines'
import type { ArrangementResult, CalendarStatus, CalendarYear, RecountedDeadline } from '../../shared/types'
import type { ArrangementSource } from '../../shared/codes/calendar'
import { parseArrangement, type ArrangementDay } from './arrangement-file'
import { yearOf } from './days'
import { countProvisionalDeadlines, recountOpenDeadlines } from './recount'
import { LAST_OFFICIAL_YEAR } from './working-days'

// The office's side of the calendar: entering next year's official arrangement (typed day by day
// and then confirmed, or imported from a file in one go), and what the screens say until then.

const MAX_FILE_BYTES = 1_000_000
/** From this day of the year on, next year's missing arrangement is worth a notice. */
const NOTICE_FROM = '11-01'

/**
 * Runs a change to the calendar and recounts, in the caller's transaction, every open deadline
 * the change moves (db/calendar/recount.ts).
 */
export async function changeCalendar(
  trx: Tx,
  ctx: LedgerContext,
  years: readonly number[],
  change: () => Promise<void>,
): Promise<RecountedDeadline[]> {
  const before = await loadCalendar(trx)
  await change()
  return recountOpenDeadlines(trx, ctx, before, await loadCalendar(trx), years)
}

async function writeDays(trx: Tx, ctx: LedgerContext, days: readonly ArrangementDay[]): Promise<void> {
  for (const d of days) {
    await trx
      .insertInto('holiday_overrides')
      .values({ date: d.date, kind: d.kind, name: d.name, created_at: stamp(ctx) })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: d.kind, name: d.name }))
      .execute()
  }
}

async function markEntered(trx: Tx, ctx: LedgerContext, year: number, source: ArrangementSource, fileName: string | null): Promise<void> {
  await trx
    .insertInto('calendar_years')
    .values({
      year,
      source,
      file_name: fileName,
      confirmed_at: stamp(ctx),
      confirmed_by_id: ctx.actor.id,
      confirmed_by_name: ctx.actor.name,
    })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, file_name: fileName, confirmed_at: stamp(ctx) }))
    .execute()
}

/** The holidays a time limit counts by are a supervisor's to set (db/core/access.ts). */
export const HOLIDAYS = '设置节假日和调休'

function requireArrangementYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new LedgerError('invalid_input', `年份应为 2000 至 2100 之间：${year}`)
  if (year <= LAST_OFFICIAL_YEAR) throw new LedgerError('invalid_input', `${year}年的放假安排已内置，无需确认；个别日期可逐日修改`)
}

/**
 * The office says the year's official arrangement is now entered in full (typed in 设置 →
 * 节假日): its statutory days stop being assumed and only what was typed counts.
 */
export async function confirmArrangement(ctx: LedgerContext, year: number): Promise<ArrangementResult> {
  requireArrangementYear(year)
  await assertAdministers(ctx, HOLIDAYS)
  return write(ctx, async (trx) => {
    const typed = await trx
      .selectFrom('holiday_overrides')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow()
    if (Number(typed.n) === 0) throw new LedgerError('invalid_input', `还没有录入${year}年的任何放假或调休上班日期，请先录入后再确认`)
    const recounted = await changeCalendar(trx, ctx, [year], () => markEntered(trx, ctx, year, 'typed', null))
    await audit(trx, ctx, 'confirm_arrangement', 'holiday_override', null, { year, recounted: recounted.length })
    return { days: Number(typed.n), years: [year], recounted }
  })
}

/** Reads a date list or .ics and enters it as the official arrangement of the years it covers. */
export async function importArrangement(ctx: LedgerContext, file: string): Promise<ArrangementResult> {
  await assertAdministers(ctx, HOLIDAYS)
  let text: string
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) throw new LedgerError('invalid_input', '文件过大：放假安排文件应小于 1 MB')
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    if (e instanceof LedgerError) throw e
    throw new LedgerError('import_file', `无法读取文件 ${path.basename(file)}`)
  }
  const days = parseArrangement(text)
  const years = [...new Set(days.map((d) => yearOf(d.date)))].sort()
  const entered = years.filter((y) => y > LAST_OFFICIAL_YEAR)
  const fileName = path.basename(file)
  return write(ctx, async (trx) => {
    const recounted = await changeCalendar(trx, ctx, years, async () => {
      await writeDays(trx, ctx, days)
      for (const year of entered) await markEntered(trx, ctx, year, 'file', fileName)
    })
    await audit(trx, ctx, 'import_arrangement', 'holiday_override', null, {
      file: fileName,
      days: days.length,
      years,
      recounted: recounted.length,
    })
    return { days: days.length, years: entered, recounted }
  })
}

function md(today: string): string {
  return today.slice(5)
}

export async function calendarStatus(db: Executor, today: string): Promise<CalendarStatus> {
  const calendar = await loadCalendar(db)
  const thisYear = yearOf(today)
  const entered = await db
    .selectFrom('calendar_years')
    .selectAll()
    .where('year', 'in', [thisYear, thisYear + 1])
    .execute()
  const years: CalendarYear[] = [thisYear, thisYear + 1].map((year) => {
    const row = entered.find((e) => e.year === year)
    return {
      year,
      state: calendar.hasOfficialData(year) ? 'official' : row ? 'entered' : calendar.isProvisionalYear(year) ? 'provisional' : 'plain',
      provisionalHolidays: [...calendar.provisionalDays(year)],
      entered: row ? { at: row.confirmed_at, by: row.confirmed_by_name, source: row.source, fileName: row.file_name } : null,
    }
  })
  const next = thisYear + 1
  const notice =
    md(today) >= NOTICE_FROM && calendar.isProvisionalYear(next)
      ? `${next}年的国务院放假安排尚未录入：跨入${next}年的办结时限暂按法定节假日推算，标为“暂定”。放假安排公布后，请在 设置 → 节假日 录入或导入，系统将重新计算未办结问题的办结时限。`
      : null
  return { today, years, notice, provisionalDeadlines: await countProvisionalDeadlines(db, calendar) }
}
