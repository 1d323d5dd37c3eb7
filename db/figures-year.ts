import { sql } from 'kysely'
import type { Executor } from './context'
import { OPEN_STATUSES } from './deadlines'
import { LedgerError } from './errors'
import { carriedOverIds, percent } from './figures'
import type { CategoryFigure, MonthFigures, YearlySummary } from './types'

// The year's figures in a handful of grouped queries rather than twelve monthly summaries. Every
// figure is defined as in db/figures.ts (monthlySummary), month by month; a test holds the two
// to the same numbers.

const num = (v: unknown): number => Number(v ?? 0)

type Counts = Omit<MonthFigures, 'month' | 'resolutionRate' | 'onTimeRate' | 'satisfactionRate' | 'carriedOver'>

const COUNT_KEYS: readonly (keyof Counts)[] = [
  'sessions',
  'visits',
  'enterprises',
  'residentPersonTimes',
  'enterprisePersonTimes',
  'personTimes',
  'consultations',
  'issuesRegistered',
  'issuesAccepted',
  'issuesResolved',
  'issuesResolvedOnTime',
  'issuesClosed',
  'issuesTransferred',
  'issuesRejected',
  'issuesOpen',
  'callbacks',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
]

function emptyCounts(): Counts {
  return {
    sessions: 0,
    visits: 0,
    enterprises: 0,
    residentPersonTimes: 0,
    enterprisePersonTimes: 0,
    personTimes: 0,
    consultations: 0,
    issuesRegistered: 0,
    issuesAccepted: 0,
    issuesResolved: 0,
    issuesResolvedOnTime: 0,
    issuesClosed: 0,
    issuesTransferred: 0,
    issuesRejected: 0,
    issuesOpen: 0,
    callbacks: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
  }
}

function withRates(c: Counts): Omit<MonthFigures, 'month' | 'carriedOver'> {
  return {
    ...c,
    resolutionRate: percent(c.issuesResolved, c.issuesAccepted - c.issuesTransferred),
    onTimeRate: percent(c.issuesResolvedOnTime, c.issuesResolved),
    satisfactionRate: percent(c.satisfied + c.basicallySatisfied, c.callbacks),
  }
}

export async function yearlySummary(db: Executor, year: string): Promise<YearlySummary> {
  if (!/^\d{4}$/.test(year)) throw new LedgerError('invalid_date', `年份格式应为 YYYY：${year}`)
  const first = `${year}-01-01`
  const nextFirst = `${Number(year) + 1}-01-01`
  const monthKeys = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
  const byMonth = new Map<string, Counts>(monthKeys.map((m) => [m, emptyCounts()]))
  const at = (month: string): Counts => byMonth.get(month) ?? emptyCounts()

  const sessionRows = await db
    .selectFrom('sessions')
    .select([sql<string>`substr(date, 1, 7)`.as('month'), sql<number>`count(*)`.as('n')])
    .where('date', '>=', first)
    .where('date', '<', nextFirst)
    .where('status', 'in', ['open', 'closed'])
    .where('voided_at', 'is', null)
    .groupBy(sql`substr(date, 1, 7)`)
    .execute()
  for (const r of sessionRows) at(r.month).sessions = num(r.n)

  const visitRows = await db
    .selectFrom('visits as v')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .select([
      sql<string>`substr(v.visit_date, 1, 7)`.as('month'),
      sql<number>`count(*)`.as('visits'),
      sql<number>`coalesce(sum(v.headcount), 0)`.as('person_times'),
      sql<number>`coalesce(sum(case when v.organization_id is null then v.headcount else 0 end), 0)`.as('resident_times'),
      sql<number>`count(distinct coalesce(o.credit_code, o.name))`.as('enterprises'),
    ])
    .where('v.visit_date', '>=', first)
    .where('v.visit_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    // 接待 means received in person on a reception day; calls and letters count as issues only.
    .where('v.channel', '=', 'desk')
    .groupBy(sql`substr(v.visit_date, 1, 7)`)
    .execute()
  for (const r of visitRows) {
    const c = at(r.month)
    c.visits = num(r.visits)
    c.personTimes = num(r.person_times)
    c.residentPersonTimes = num(r.resident_times)
    c.enterprisePersonTimes = c.personTimes - c.residentPersonTimes
    c.enterprises = num(r.enterprises)
  }
  const yearEnterprises = await db
    .selectFrom('visits as v')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .select(sql<number>`count(distinct coalesce(o.credit_code, o.name))`.as('n'))
    .where('v.visit_date', '>=', first)
    .where('v.visit_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .where('v.channel', '=', 'desk')
    .executeTakeFirstOrThrow()

  const consultationRows = await db
    .selectFrom('matters as m')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([sql<string>`substr(v.visit_date, 1, 7)`.as('month'), 'm.category_id', sql<number>`count(*)`.as('n')])
    .where('v.visit_date', '>=', first)
    .where('v.visit_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .where('m.type', '=', 'consultation')
    .groupBy([sql`substr(v.visit_date, 1, 7)`, 'm.category_id'])
    .execute()
  for (const r of consultationRows) at(r.month).consultations += num(r.n)

  const issueRows = await db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([
      sql<string>`substr(i.accepted_date, 1, 7)`.as('month'),
      'i.category_id',
      sql<number>`count(*)`.as('registered'),
      sql<number>`sum(i.status = 'rejected')`.as('rejected'),
      sql<number>`sum(i.status = 'transferred')`.as('transferred'),
      sql<number>`sum(i.status in ('resolved', 'closed'))`.as('resolved'),
      sql<number>`sum(i.status in ('resolved', 'closed') and i.resolved_date <= i.due_date)`.as('on_time'),
      sql<number>`sum(i.status = 'closed')`.as('closed'),
      sql<number>`sum(i.status in (${sql.join(OPEN_STATUSES)}))`.as('open'),
    ])
    .where('i.accepted_date', '>=', first)
    .where('i.accepted_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .groupBy([sql`substr(i.accepted_date, 1, 7)`, 'i.category_id'])
    .execute()
  for (const r of issueRows) {
    const c = at(r.month)
    c.issuesRegistered += num(r.registered)
    c.issuesRejected += num(r.rejected)
    c.issuesAccepted += num(r.registered) - num(r.rejected)
    c.issuesTransferred += num(r.transferred)
    c.issuesResolved += num(r.resolved)
    c.issuesResolvedOnTime += num(r.on_time)
    c.issuesClosed += num(r.closed)
    c.issuesOpen += num(r.open)
  }

  const callbackRows = await db
    .selectFrom('callbacks as cb')
    .innerJoin('issues as i', 'i.id', 'cb.issue_id')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([
      sql<string>`substr(cb.callback_date, 1, 7)`.as('month'),
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(cb.satisfaction = 'satisfied'), 0)`.as('satisfied'),
      sql<number>`coalesce(sum(cb.satisfaction = 'basically_satisfied'), 0)`.as('basically'),
      sql<number>`coalesce(sum(cb.satisfaction = 'unsatisfied'), 0)`.as('unsatisfied'),
    ])
    .where('cb.callback_date', '>=', first)
    .where('cb.callback_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .groupBy(sql`substr(cb.callback_date, 1, 7)`)
    .execute()
  for (const r of callbackRows) {
    const c = at(r.month)
    c.callbacks = num(r.n)
    c.satisfied = num(r.satisfied)
    c.basicallySatisfied = num(r.basically)
    c.unsatisfied = num(r.unsatisfied)
  }

  const months: MonthFigures[] = []
  for (const month of monthKeys) {
    months.push({ month, ...withRates(at(month)), carriedOver: (await carriedOverIds(db, `${month}-01`)).length })
  }

  const total = emptyCounts()
  for (const m of months) for (const key of COUNT_KEYS) total[key] += m[key]
  total.enterprises = num(yearEnterprises.n)

  const categories = await db.selectFrom('categories').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute()
  const byCategory: CategoryFigure[] = categories
    .map((c) => {
      const rows = issueRows.filter((r) => r.category_id === c.id)
      return {
        categoryId: c.id,
        categoryName: c.name,
        consultations: consultationRows.filter((r) => r.category_id === c.id).reduce((a, r) => a + num(r.n), 0),
        issuesAccepted: rows.reduce((a, r) => a + num(r.registered) - num(r.rejected), 0),
        issuesResolved: rows.reduce((a, r) => a + num(r.resolved), 0),
      }
    })
    .filter((c) => c.consultations > 0 || c.issuesAccepted > 0 || c.issuesResolved > 0)

  return {
    year,
    months,
    total: { ...withRates(total), carriedOver: months[0]?.carriedOver ?? 0 },
    byCategory,
  }
}
