import { sessionHolidayShift, sessionKind, sessionRuleNth, sessionRuleWeekday } from '../../shared/codes/sessions'
import type { Session, SessionKind, SessionRule, SessionRuleGeneration, SessionRuleNth, SessionRuleWeekday } from '../../shared/types'
import type { SessionHolidayShift } from '../../shared/codes/sessions'
import { assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { stamp, today, write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { Selectable } from 'kysely'
import type { SessionRulesTable } from '../core/schema'
import { toDayNumber, toIsoDate, weekdayOf } from '../calendar/days'
import type { WorkCalendar } from '../calendar/working-days'
import { loadCalendar } from '../issues/deadlines'
import { optionalText, requireText } from '../validation/text'
import { getSession, planSessionIn } from './sessions'

// 接待日规则: one recurring rule per kind (苏环办〔2018〕406号: 服务企业接待日 每月第四个星期四，遇节假日顺延至下一个
// 工作日). Generating turns the rule into ordinary planned days for the next 12 months; each stays a
// normal session the desk can edit, move or void, and remembers the rule date it stands for so a
// later run never plans that month's day again.

/** How many months ahead 生成 plans, counted from today. */
export const RULE_MONTHS_AHEAD = 12

const WEEKDAY_NUMBER = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const satisfies Record<SessionRuleWeekday, number>
const NTH_NUMBER = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 } as const satisfies Record<Exclude<SessionRuleNth, 'last'>, number>

/** The furthest a holiday can push a day: longer than any run of days off (春节 with its weekends). */
const MAX_SHIFT_DAYS = 31

export interface SessionRuleInput {
  kind: SessionKind
  nth: SessionRuleNth
  weekday: SessionRuleWeekday
  holidayShift: SessionHolidayShift
  location: string
  titleTemplate?: string | null | undefined
  maxBookings?: number | null | undefined
  maxPeoplePerBooking?: number | null | undefined
  active?: boolean | undefined
}

function describe(nth: SessionRuleNth, weekday: SessionRuleWeekday, shift: SessionHolidayShift): string {
  return `每月${sessionRuleNth.labels[nth]}${sessionRuleWeekday.labels[weekday]}，遇节假日${sessionHolidayShift.labels[shift]}`
}

function toRule(r: Selectable<SessionRulesTable>): SessionRule {
  return {
    id: r.id,
    kind: r.kind,
    nth: r.nth,
    weekday: r.weekday,
    holidayShift: r.holiday_shift,
    location: r.location,
    titleTemplate: r.title_template,
    maxBookings: r.max_bookings,
    maxPeoplePerBooking: r.max_people_per_booking,
    active: r.active === 1,
    description: describe(r.nth, r.weekday, r.holiday_shift),
  }
}

export async function listSessionRules(db: Executor): Promise<SessionRule[]> {
  const rows = await db.selectFrom('session_rules').selectAll().execute()
  return rows.map(toRule).sort((a, b) => sessionKind.codes.indexOf(a.kind) - sessionKind.codes.indexOf(b.kind))
}

function cap(value: number | null | undefined, label: string): number | null {
  if (value === null || value === undefined) return null
  if (!Number.isInteger(value) || value < 1 || value > 999)
    throw new LedgerError('invalid_input', `${label}须为 1 至 999 的整数，或留空表示不限`)
  return value
}

function cleanRuleInput(input: SessionRuleInput) {
  if (!sessionKind.has(input.kind)) throw new LedgerError('invalid_input', '请选择接待类型')
  if (!sessionRuleNth.has(input.nth)) throw new LedgerError('invalid_input', '请选择每月第几个')
  if (!sessionRuleWeekday.has(input.weekday)) throw new LedgerError('invalid_input', '请选择星期几')
  if (!sessionHolidayShift.has(input.holidayShift)) throw new LedgerError('invalid_input', '请选择遇节假日如何调整')
  return {
    kind: input.kind,
    nth: input.nth,
    weekday: input.weekday,
    holiday_shift: input.holidayShift,
    location: requireText(input.location, '接待地点', 60),
    title_template: optionalText(input.titleTemplate, '接待日名称', 60),
    max_bookings: cap(input.maxBookings, '每日预约上限'),
    max_people_per_booking: cap(input.maxPeoplePerBooking, '每家（每批）人数上限'),
    active: input.active === false ? 0 : 1,
  }
}

/** Saves the rule of a kind (one per kind: saving again replaces it). Supervisor only. */
export async function saveSessionRule(ctx: LedgerContext, input: SessionRuleInput): Promise<SessionRule> {
  await assertSupervisor(ctx, '设置接待日规则')
  const r = cleanRuleInput(input)
  return write(ctx, async (trx) => {
    const before = await trx.selectFrom('session_rules').selectAll().where('kind', '=', r.kind).executeTakeFirst()
    const at = stamp(ctx)
    let id: number
    if (before) {
      await trx
        .updateTable('session_rules')
        .set({ ...r, updated_at: at })
        .where('id', '=', before.id)
        .execute()
      id = before.id
    } else {
      const row = await trx
        .insertInto('session_rules')
        .values({ ...r, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    }
    const saved = await trx.selectFrom('session_rules').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    await audit(trx, ctx, before ? 'update' : 'create', 'session_rule', id, {
      before: before ? toRule(before) : null,
      after: toRule(saved),
    })
    return toRule(saved)
  })
}

/** The rule's weekday in a month (month 1–12), or null when the month has no fifth one. */
export function ruleDateInMonth(year: number, month: number, nth: SessionRuleNth, weekday: SessionRuleWeekday): string | null {
  const want = WEEKDAY_NUMBER[weekday]
  const first = Date.UTC(year, month - 1, 1) / 86_400_000
  const nextFirst = Date.UTC(year, month, 1) / 86_400_000
  if (nth === 'last') {
    const last = nextFirst - 1
    return toIsoDate(last - ((weekdayOf(last) - want + 7) % 7))
  }
  const day = first + ((want - weekdayOf(first) + 7) % 7) + (NTH_NUMBER[nth] - 1) * 7
  return day < nextFirst ? toIsoDate(day) : null
}

/** Where a rule date lands once a day off moves it, as the rule says. */
export function shiftForHoliday(calendar: WorkCalendar, date: string, shift: SessionHolidayShift): string {
  if (shift === 'none' || calendar.isWorkday(date)) return date
  const step = shift === 'next_workday' ? 1 : -1
  let day = toDayNumber(date)
  for (let i = 0; i < MAX_SHIFT_DAYS; i++) {
    day += step
    if (calendar.isWorkday(toIsoDate(day))) return toIsoDate(day)
  }
  throw new LedgerError('invalid_input', `${date} 前后 ${MAX_SHIFT_DAYS} 天内没有工作日，请检查节假日设置`)
}

/** The same day `months` later, clamped to the month's end (2026-01-31 + 1 → 2026-02-28). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const index = (y ?? 0) * 12 + (m ?? 1) - 1 + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return toIsoDate(Date.UTC(year, month - 1, Math.min(d ?? 1, lastDay)) / 86_400_000)
}

export interface RuleDay {
  /** The rule's own date (e.g. the fourth Thursday), the day's identity across runs. */
  ruleDate: string
  /** The day it is held on, after the holiday shift. */
  date: string
}

/** The rule's days from `from` (inclusive) up to `from` + 12 months (exclusive), on the working-day calendar. */
export function ruleDays(rule: Pick<SessionRule, 'nth' | 'weekday' | 'holidayShift'>, calendar: WorkCalendar, from: string): RuleDay[] {
  const until = addMonths(from, RULE_MONTHS_AHEAD)
  const [y, m] = from.split('-').map(Number)
  const days: RuleDay[] = []
  // One month either side: a shift can carry a day across a month's edge into the window.
  for (let i = -1; i <= RULE_MONTHS_AHEAD + 1; i++) {
    const index = (y ?? 0) * 12 + (m ?? 1) - 1 + i
    const ruleDate = ruleDateInMonth(Math.floor(index / 12), (index % 12) + 1, rule.nth, rule.weekday)
    if (ruleDate === null) continue
    const date = shiftForHoliday(calendar, ruleDate, rule.holidayShift)
    if (date >= from && date < until) days.push({ ruleDate, date })
  }
  return days
}

function titleFor(template: string | null, date: string): string | null {
  if (template === null) return null
  const [y, m, d] = date.split('-')
  return template.replaceAll('{日期}', `${y}年${Number(m)}月${Number(d)}日`)
}

/**
 * Plans the rule days of the next 12 months for every active rule (or the one kind asked for).
 * A day is skipped when a session of that kind — planned, held or voided — is already on that
 * date or already stands for that rule date: running twice adds nothing, and a day the desk
 * moved or voided is not planned again. Supervisor only.
 */
export async function generateRuleSessions(
  ctx: LedgerContext,
  input: { kind?: SessionKind | undefined } = {},
): Promise<SessionRuleGeneration> {
  await assertSupervisor(ctx, '按规则生成接待日')
  return write(ctx, async (trx) => {
    let q = trx.selectFrom('session_rules').selectAll().where('active', '=', 1)
    if (input.kind !== undefined) q = q.where('kind', '=', input.kind)
    const rules = (await q.execute()).map(toRule)
    if (input.kind !== undefined && rules.length === 0) throw notFound(`${sessionKind.label(input.kind)}的启用规则`, input.kind)
    const calendar = await loadCalendar(trx)
    const from = today(ctx)
    const sessions: Session[] = []
    for (const rule of rules) {
      const planned: string[] = []
      for (const day of ruleDays(rule, calendar, from)) {
        const taken = await trx
          .selectFrom('sessions')
          .select('id')
          .where('kind', '=', rule.kind)
          .where((eb) => eb.or([eb('date', '=', day.date), eb('rule_date', '=', day.ruleDate)]))
          .limit(1)
          .executeTakeFirst()
        if (taken) continue
        const id = await planSessionIn(
          trx,
          ctx,
          { date: day.date, kind: rule.kind, title: titleFor(rule.titleTemplate, day.date), location: rule.location },
          { ruleDate: day.ruleDate, maxBookings: rule.maxBookings, maxPeoplePerBooking: rule.maxPeoplePerBooking },
        )
        sessions.push(await getSession(trx, id))
        planned.push(day.date)
      }
      if (planned.length > 0) await audit(trx, ctx, 'generate', 'session_rule', rule.id, { from, months: RULE_MONTHS_AHEAD, planned })
    }
    sessions.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
    return { added: sessions.length, sessions }
  })
}
