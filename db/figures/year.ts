import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { LedgerError } from '../core/errors'
import { callbackCounts, consultationCounts, issueCounts, num, sessionCounts, visitCounts } from './queries'
import { carriedOverIds, percent } from './month'
import type { CategoryFigure, MonthFigures, YearlySummary } from '../../shared/types'

// The year's figures in a handful of grouped queries rather than twelve monthly summaries. Every
// figure is defined as in db/figures.ts (monthlySummary), month by month: both run the same
// builders (db/figure-queries.ts), grouped here by month; a test holds the two to the same numbers.

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

  const sessionRows = await sessionCounts(db, first, nextFirst)
    .select(sql<string>`substr(date, 1, 7)`.as('month'))
    .groupBy(sql`substr(date, 1, 7)`)
    .execute()
  for (const r of sessionRows) at(r.month).sessions = num(r.n)

  const visitRows = await visitCounts(db, first, nextFirst)
    .select(sql<string>`substr(v.visit_date, 1, 7)`.as('month'))
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
  // Distinct enterprises over the year: one that came in several months counts once.
  const yearVisits = await visitCounts(db, first, nextFirst).executeTakeFirstOrThrow()

  const consultationRows = await consultationCounts(db, first, nextFirst)
    .select(sql<string>`substr(v.visit_date, 1, 7)`.as('month'))
    .groupBy([sql`substr(v.visit_date, 1, 7)`, 'm.category_id'])
    .execute()
  for (const r of consultationRows) at(r.month).consultations += num(r.n)

  const issueRows = await issueCounts(db, first, nextFirst)
    .select(sql<string>`substr(i.accepted_date, 1, 7)`.as('month'))
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

  const callbackRows = await callbackCounts(db, first, nextFirst)
    .select(sql<string>`substr(cb.callback_date, 1, 7)`.as('month'))
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
  total.enterprises = num(yearVisits.enterprises)

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
