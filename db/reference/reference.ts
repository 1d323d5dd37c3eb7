import dayjs from 'dayjs'
import { assertAdministers, assertMayEditStaff } from '../core/access'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext, type SystemActor } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { changeCalendar, HOLIDAYS } from '../calendar/arrangement'
import { yearOf } from '../calendar/days'
import { bool01, toCategory, toDepartment, toHolidayOverride } from './mappers'
import { saveOrderedItem } from './ordered-list'
import { maskPhone } from '../privacy/mask'
import type { StaffRole } from '../core/schema'
import type { Category, Department, HolidayOverride, Settings, Staff } from '../../shared/types'
import { SUPERVISOR_IDLE_MINUTES } from '../../shared/sign-in'
import { requireDate } from '../validation/dates'
import { isValidPhone, normalizePhone } from '../validation/phone'
import { optionalText, requireText } from '../validation/text'
import { limitUnit, type LimitUnit } from '../../shared/codes/petitions'

// Default time limits in working days, as bureaus commonly set them for reception-day issues.
export const DEFAULT_CATEGORIES: readonly { name: string; days: number }[] = [
  { name: '大气', days: 15 },
  { name: '水', days: 15 },
  { name: '噪声', days: 10 },
  { name: '固废/危废', days: 15 },
  { name: '土壤', days: 20 },
  { name: '辐射', days: 15 },
  { name: '环评审批', days: 20 },
  { name: '排污许可', days: 20 },
  { name: '执法监管', days: 15 },
  { name: '政策咨询', days: 5 },
  { name: '其他', days: 15 },
]

export const DEFAULT_DEPARTMENTS: readonly string[] = [
  '办公室',
  '环境影响评价与排放管理股',
  '大气环境股',
  '水生态环境股',
  '土壤与固体废物股',
  '生态环境保护综合行政执法大队',
  '环境监测站',
]

/** A new ledger starts with the usual categories and sections so the desk can work at once. */
export async function seedDefaults(ctx: LedgerContext): Promise<void> {
  const existing = await ctx.db.selectFrom('categories').select('id').limit(1).executeTakeFirst()
  if (existing) return
  await write(ctx, async (trx) => {
    const at = stamp(ctx)
    await trx
      .insertInto('categories')
      .values(DEFAULT_CATEGORIES.map((c, i) => ({ name: c.name, time_limit_days: c.days, sort_order: i, created_at: at })))
      .execute()
    await trx
      .insertInto('departments')
      .values(DEFAULT_DEPARTMENTS.map((name, i) => ({ name, sort_order: i, created_at: at })))
      .execute()
    await trx
      .insertInto('settings')
      .values({ key: 'bureau_name', value: '生态环境局' })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await audit(trx, ctx, 'seed', 'ledger', null, {
      categories: DEFAULT_CATEGORIES.length,
      departments: DEFAULT_DEPARTMENTS.length,
    })
  })
}

// ---- departments ----

export async function listDepartments(db: Executor): Promise<Department[]> {
  const rows = await db.selectFrom('departments').selectAll().orderBy('sort_order').orderBy('id').execute()
  return rows.map(toDepartment)
}

async function assertUniqueName(
  db: Executor,
  table: 'departments' | 'categories',
  name: string,
  exceptId: number | null,
  label: string,
): Promise<void> {
  let q = db.selectFrom(table).select('id').where('name', '=', name)
  if (exceptId !== null) q = q.where('id', '!=', exceptId)
  if (await q.executeTakeFirst()) throw new LedgerError('duplicate', `已有同名${label}：${name}`)
}

export async function saveDepartment(
  ctx: LedgerContext,
  input: { id?: number | undefined; name: string; sortOrder?: number | undefined; active?: boolean | undefined },
): Promise<Department> {
  const name = requireText(input.name, '股室名称', 50)
  return write(ctx, (trx) => saveOrderedItem(trx, ctx, { table: 'departments', entity: 'department', label: '股室' }, name, input))
}

// ---- categories ----

export async function listCategories(db: Executor): Promise<Category[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('id').execute()
  return rows.map(toCategory)
}

export async function saveCategory(
  ctx: LedgerContext,
  input: {
    id?: number | undefined
    name: string
    timeLimitDays: number
    /** Working days (the default) or calendar days. */
    timeLimitUnit?: LimitUnit | undefined
    sortOrder?: number | undefined
    active?: boolean | undefined
  },
): Promise<Category> {
  const name = requireText(input.name, '类别名称', 30)
  await assertAdministers(ctx, '修改问题类别和办结时限')
  if (input.timeLimitUnit !== undefined && !limitUnit.has(input.timeLimitUnit)) {
    throw new LedgerError('invalid_input', '办结时限请选择按工作日或按自然日计算')
  }
  if (!Number.isInteger(input.timeLimitDays) || input.timeLimitDays < 1 || input.timeLimitDays > 365) {
    throw new LedgerError('invalid_input', `办结时限须为 1 至 365 个${limitUnit.label(input.timeLimitUnit ?? 'workdays')}`)
  }
  return write(ctx, async (trx) => {
    await assertUniqueName(trx, 'categories', name, input.id ?? null, '问题类别')
    let id = input.id
    if (id === undefined) {
      const row = await trx
        .insertInto('categories')
        .values({
          name,
          time_limit_days: input.timeLimitDays,
          time_limit_unit: input.timeLimitUnit ?? 'workdays',
          sort_order: input.sortOrder ?? 100,
          active: bool01(input.active ?? true),
          created_at: stamp(ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
      await audit(trx, ctx, 'create', 'category', id, {
        name,
        timeLimitDays: input.timeLimitDays,
        timeLimitUnit: input.timeLimitUnit ?? 'workdays',
      })
    } else {
      const before = await trx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('问题类别', id)
      await trx
        .updateTable('categories')
        .set({
          name,
          time_limit_days: input.timeLimitDays,
          time_limit_unit: input.timeLimitUnit ?? before.time_limit_unit,
          sort_order: input.sortOrder ?? before.sort_order,
          active: input.active === undefined ? before.active : bool01(input.active),
        })
        .where('id', '=', id)
        .execute()
      await audit(trx, ctx, 'update', 'category', id, {
        before: toCategory(before),
        name,
        timeLimitDays: input.timeLimitDays,
        timeLimitUnit: input.timeLimitUnit,
      })
    }
    return toCategory(await trx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
  })
}

// ---- staff ----

export async function listStaff(db: Executor): Promise<Staff[]> {
  const rows = await db
    .selectFrom('staff')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .selectAll('staff')
    .select('departments.name as department_name')
    .orderBy('staff.active', 'desc')
    .orderBy('staff.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    title: r.title,
    role: r.role,
    isLeader: r.is_leader === 1,
    phone: maskPhone(r.phone),
    active: r.active === 1,
    hasPin: r.pin_hash !== null,
    pinInitial: r.pin_hash !== null && r.pin_initial === 1,
  }))
}

export async function getStaff(db: Executor, id: number): Promise<Staff> {
  const found = (await listStaff(db)).find((s) => s.id === id)
  if (!found) throw notFound('人员', id)
  return found
}

export interface StaffInput {
  id?: number | undefined
  name: string
  departmentId?: number | null | undefined
  title?: string | null | undefined
  role?: StaffRole | undefined
  isLeader?: boolean | undefined
  phone?: string | null | undefined
  active?: boolean | undefined
}

/** A new ledger has nobody to sign in as: its first person is added by whoever opens it, recorded as such. */
const FIRST_RUN: SystemActor = { kind: 'system', id: null, name: '首次使用（尚无人员）' }

async function firstPersonOrSelf(ctx: LedgerContext): Promise<LedgerContext> {
  if (ctx.actor.kind !== 'nobody') return ctx
  const anyone = await ctx.db.selectFrom('staff').select('id').limit(1).executeTakeFirst()
  return anyone === undefined ? { ...ctx, actor: FIRST_RUN } : ctx
}

export async function saveStaff(ctx: LedgerContext, input: StaffInput): Promise<Staff> {
  const name = requireText(input.name, '姓名', 20)
  const title = optionalText(input.title, '职务', 30)
  let phone: string | null | undefined = undefined
  if (input.phone !== undefined) {
    const raw = optionalText(input.phone, '电话', 30)
    phone = raw === null ? null : normalizePhone(raw)
    if (phone !== null && !isValidPhone(phone)) throw new LedgerError('invalid_phone', `电话号码格式不正确：${raw}`)
  }
  const as = await firstPersonOrSelf(ctx)
  await assertMayEditStaff(as)
  return write(as, async (trx) => {
    if (as !== ctx && (await trx.selectFrom('staff').select('id').limit(1).executeTakeFirst())) {
      throw new LedgerError('forbidden', '已有人员：请先在“值班人员”中选择本人登录，再新增人员')
    }
    if (input.departmentId) {
      const dep = await trx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst()
      if (!dep) throw notFound('股室', input.departmentId)
    }
    let id = input.id
    if (id === undefined) {
      const row = await trx
        .insertInto('staff')
        .values({
          name,
          department_id: input.departmentId ?? null,
          title,
          role: input.role ?? 'desk',
          is_leader: bool01(input.isLeader ?? false),
          phone: phone ?? null,
          active: bool01(input.active ?? true),
          created_at: stamp(ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
      await audit(trx, as, 'create', 'staff', id, { name, role: input.role ?? 'desk' })
    } else {
      const before = await trx.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('人员', id)
      await trx
        .updateTable('staff')
        .set({
          name,
          department_id: input.departmentId === undefined ? before.department_id : input.departmentId,
          title: input.title === undefined ? before.title : title,
          role: input.role ?? before.role,
          is_leader: input.isLeader === undefined ? before.is_leader : bool01(input.isLeader),
          phone: phone === undefined ? before.phone : phone,
          active: input.active === undefined ? before.active : bool01(input.active),
        })
        .where('id', '=', id)
        .execute()
      await audit(trx, as, 'update', 'staff', id, {
        name,
        role: input.role,
        active: input.active,
        isLeader: input.isLeader,
        phoneChanged: phone !== undefined && phone !== before.phone,
      })
    }
    return getStaff(trx, id)
  })
}

// ---- holiday overrides ----

export async function listHolidayOverrides(db: Executor): Promise<HolidayOverride[]> {
  const rows = await db.selectFrom('holiday_overrides').selectAll().orderBy('date').execute()
  return rows.map(toHolidayOverride)
}

/** The most days one entry may cover: a holiday with its weekends, not a season. */
export const MAX_HOLIDAY_DAYS = 31

/**
 * One day, or consecutive days up to `to`, entered as 放假 or 调休上班 in one write, so a
 * week-long holiday moves each open deadline once (with one history row), not once a day.
 */
export async function setHolidayOverride(
  ctx: LedgerContext,
  input: HolidayOverride & { to?: string | undefined },
): Promise<HolidayOverride> {
  const date = requireDate(input.date, '日期')
  const last = input.to === undefined || input.to === date ? date : requireDate(input.to, '结束日期')
  if (last < date) throw new LedgerError('invalid_date', `结束日期 ${last} 不能早于开始日期 ${date}`)
  const days = dayjs(last).diff(dayjs(date), 'day') + 1
  if (days > MAX_HOLIDAY_DAYS) throw new LedgerError('invalid_date', `一次最多录入 ${MAX_HOLIDAY_DAYS} 天，请分段录入`)
  const name = requireText(input.name, '名称', 30)
  if (input.kind !== 'holiday' && input.kind !== 'workday') throw new LedgerError('invalid_input', '请选择放假或调休上班')
  await assertAdministers(ctx, HOLIDAYS)
  const kind = input.kind
  const dates = Array.from({ length: days }, (_, i) => dayjs(date).add(i, 'day').format('YYYY-MM-DD'))
  return write(ctx, async (trx) => {
    // Every open deadline the days move is counted again, with a history row (db/calendar/recount.ts).
    const recounted = await changeCalendar(trx, ctx, [...new Set(dates.map(yearOf))], async () => {
      for (const d of dates) {
        await trx
          .insertInto('holiday_overrides')
          .values({ date: d, kind, name, created_at: stamp(ctx) })
          .onConflict((oc) => oc.column('date').doUpdateSet({ kind, name }))
          .execute()
      }
    })
    await audit(trx, ctx, 'set', 'holiday_override', null, { date, to: last, kind, name, recounted: recounted.length })
    return { date, kind, name }
  })
}

export async function removeHolidayOverride(ctx: LedgerContext, dateInput: string): Promise<void> {
  const date = requireDate(dateInput, '日期')
  await assertAdministers(ctx, HOLIDAYS)
  await write(ctx, async (trx) => {
    const recounted = await changeCalendar(trx, ctx, [yearOf(date)], async () => {
      const res = await trx.deleteFrom('holiday_overrides').where('date', '=', date).executeTakeFirst()
      if (Number(res.numDeletedRows) === 0) throw new LedgerError('not_found', `${date} 没有自定义的节假日设置`)
    })
    await audit(trx, ctx, 'remove', 'holiday_override', null, { date, recounted: recounted.length })
  })
}

// ---- settings ----

export async function getSettings(db: Executor): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute()
  const map = new Map(rows.map((r) => [r.key, r.value]))
  return {
    bureauName: map.get('bureau_name') ?? '生态环境局',
    showVisitorOnHandover: (map.get('show_visitor_on_handover') ?? '1') === '1',
    supervisorIdleMinutes: idleMinutesOf(map.get(IDLE_MINUTES_KEY)),
    handoverFullPhone: map.get('handover_full_phone') === '1',
    officePhone: map.get('office_phone') || null,
    enterMovesToNextField: (map.get('enter_moves_to_next_field') ?? '1') === '1',
  }
}

export const IDLE_MINUTES_KEY = 'supervisor_idle_minutes'

/** The stored idle limit, or the default when unset or out of range. */
export function idleMinutesOf(stored: string | undefined): number {
  const n = Number(stored)
  return Number.isInteger(n) && n >= SUPERVISOR_IDLE_MINUTES.min && n <= SUPERVISOR_IDLE_MINUTES.max ? n : SUPERVISOR_IDLE_MINUTES.default
}

export async function updateSettings(ctx: LedgerContext, input: Partial<Settings>): Promise<Settings> {
  const pairs: [string, string][] = []
  if (input.bureauName !== undefined) pairs.push(['bureau_name', requireText(input.bureauName, '单位名称', 60)])
  if (input.showVisitorOnHandover !== undefined) pairs.push(['show_visitor_on_handover', input.showVisitorOnHandover ? '1' : '0'])
  if (input.supervisorIdleMinutes !== undefined) {
    const { min, max } = SUPERVISOR_IDLE_MINUTES
    const n = input.supervisorIdleMinutes
    if (!Number.isInteger(n) || n < min || n > max) throw new LedgerError('invalid_input', `负责人自动退出时间须为 ${min} 至 ${max} 分钟`)
    pairs.push([IDLE_MINUTES_KEY, String(n)])
  }
  // The full number leaves the office on paper: a supervisor's setting like every other, and the audit row below names them.
  if (input.handoverFullPhone !== undefined) pairs.push(['handover_full_phone', input.handoverFullPhone ? '1' : '0'])
  if (input.officePhone !== undefined) {
    const raw = optionalText(input.officePhone, '接待办公室电话', 30)
    const phone = raw === null ? '' : normalizePhone(raw)
    if (phone !== '' && !isValidPhone(phone)) throw new LedgerError('invalid_phone', `接待办公室电话格式不正确：${raw ?? ''}`)
    pairs.push(['office_phone', phone])
  }
  if (input.enterMovesToNextField !== undefined) pairs.push(['enter_moves_to_next_field', input.enterMovesToNextField ? '1' : '0'])
  await assertAdministers(ctx, '修改设置')
  return write(ctx, async (trx) => {
    for (const [key, value] of pairs) {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
    }
    await audit(trx, ctx, 'update', 'settings', null, Object.fromEntries(pairs))
    return getSettings(trx)
  })
}
