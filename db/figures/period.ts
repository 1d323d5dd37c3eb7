import dayjs from 'dayjs'
import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { LedgerError } from '../core/errors'
import { OPEN_STATUSES } from '../issues/deadlines'
import { listIssues } from '../issues/queries'
import type { CategoryFigure, DepartmentFigure, PeriodFigures, PeriodSummary, SessionKind } from '../../shared/types'
import { isIsoDate } from '../validation/dates'
import { caseFileFigures } from './case-file'
import { describePeriod } from './period-label'
import { petitionFigures } from './petition-figures'
import { percent } from './percent'
import {
  ALL,
  acceptedCounts,
  callbackCounts,
  consultationCounts,
  firstRecordDate,
  num,
  resolvedCounts,
  sessionCounts,
  visitCounts,
  type Bucket,
  type Range,
} from './queries'

/**
 * The one engine for every period's figures: a month, a quarter, a year (and the year's months),
 * any range of dates, the ledger's whole life. Definitions, stated once and shown to users in the
 * README and on the 统计 screen; each counts by the day the thing happened, never the day it was typed:
 * - 接待日: reception days held in the period (opened), by date.
 * - 接待企业: distinct enterprises among the period's desk visits, by credit code, else by name: an
 *   enterprise that came in several months of a year counts once in the year.
 * - 受理 (本期受理): issues accepted in the period, less those refused (不予受理).
 * - 本期受理且已办结 (issuesResolved): of those, the ones now 办结 or 销号.
 * - 本期办结 (issuesResolvedInPeriod): every issue whose 办结日期 is in the period, whenever accepted
 *   (含上期结转). A reopened issue has no 办结日期 until resolved again, so it counts once, where it
 *   was last resolved.
 * - 办结率 = 本期受理且已办结 ÷ (受理 − 转办): a transferred issue left the bureau's hands.
 * - 按期办结率 = those resolved on or before the due date in force (after extensions) ÷ 本期受理且已办结.
 * - 回访: calls made in the period (callbacks), and the issues called back (issuesCalledBack), each
 *   rated once by its latest call in the period: a reopened issue called twice counts once, the last
 *   rating standing (as 12345 practice does). 满意率 = (满意 + 基本满意) ÷ issues called back.
 * - 上期结转 (carriedOver): issues accepted before the period that were open on its first day, by the
 *   business dates of their history (the 办结日期 of a resolution, the date of the call that reopened
 *   it, the 收到日期 of a letter), so an issue resolved on 10-30 but typed in on 11-02 is not carried
 *   into November, and a letter received 10-28 and registered 11-03 is.
 * Statuses are as of now; the period only selects which records count. A month's report, once
 * closed (月结), is the snapshot that was sent (db/figures/close.ts). Voided visits (and what hangs
 * off them) and voided sessions never count.
 */
export { percent } from './percent'

// The day a history row's change happened: a resolution's 办结日期 (a 信访事项's written reply, refusal
// or forwarding too), the date of the call that reopened the issue, the 收到日期 an issue was
// accepted on; otherwise the day it was recorded.
const BUSINESS_DATE = sql<string>`case h.action
  when 'accept' then i.accepted_date
  when 'resolve' then coalesce(json_extract(h.detail, '$.date'), substr(h.at, 1, 10))
  when 'petition_reply' then coalesce(json_extract(h.detail, '$.date'), substr(h.at, 1, 10))
  when 'petition_reject' then coalesce(json_extract(h.detail, '$.date'), substr(h.at, 1, 10))
  when 'petition_forward' then coalesce(json_extract(h.detail, '$.date'), substr(h.at, 1, 10))
  when 'reopen' then coalesce(json_extract(h.detail, '$.callbackDate'), substr(h.at, 1, 10))
  else substr(h.at, 1, 10) end`

/**
 * 结转: issues accepted before `first` (a 'YYYY-MM-DD') that were still open on that day: the status
 * an issue had is that of its last history row whose business date is before it.
 */
export async function carriedOverIds(db: Executor, first: string): Promise<number[]> {
  const rows = await db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select('i.id')
    .where('v.voided_at', 'is', null)
    .where('i.accepted_date', '<', first)
    // Only an issue open now, or changed since, can have been open then. Every change of status is
    // a history row, no issue's updated_at is older than its last one (migration 0002), and no
    // business date is later than the day it was typed, so two index ranges (issues_status,
    // issues_updated) narrow ten years to a handful. UNION ALL: a plain UNION makes SQLite walk
    // the table to merge the two in id order.
    .where('i.id', 'in', (eb) =>
      eb
        .selectFrom('issues as c')
        .select('c.id')
        .where('c.status', 'in', OPEN_STATUSES)
        .where('c.accepted_date', '<', first)
        .unionAll(eb.selectFrom('issues as u').select('u.id').where('u.updated_at', '>=', first).where('u.accepted_date', '<', first)),
    )
    .where(
      sql<string>`(select h.to_status from issue_history h where h.issue_id = i.id and ${BUSINESS_DATE} < ${first}
        order by ${BUSINESS_DATE} desc, h.id desc limit 1)`,
      'in',
      OPEN_STATUSES,
    )
    .execute()
  return rows.map((r) => r.id)
}

async function stillOpen(db: Executor, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0
  const row = await db
    .selectFrom('issues')
    .select(sql<number>`count(*)`.as('n'))
    .where('id', 'in', [...ids])
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirstOrThrow()
  return num(row.n)
}

type Counts = Omit<PeriodFigures, 'resolutionRate' | 'onTimeRate' | 'satisfactionRate'>

function emptyCounts(): Counts {
  return {
    sessions: 0,
    sessionsByKind: { enterprise: 0, public: 0, leader: 0, field: 0 },
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
    issuesResolvedInPeriod: 0,
    issuesResolvedInPeriodOnTime: 0,
    issuesResolvedInPeriodEarlier: 0,
    callbacks: 0,
    issuesCalledBack: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    carriedOver: 0,
    carriedOverOpen: 0,
  }
}

function withRates(c: Counts): PeriodFigures {
  return {
    ...c,
    resolutionRate: percent(c.issuesResolved, c.issuesAccepted - c.issuesTransferred),
    onTimeRate: percent(c.issuesResolvedOnTime, c.issuesResolved),
    satisfactionRate: percent(c.satisfied + c.basicallySatisfied, c.issuesCalledBack),
  }
}

/** The bucket keys of a range: 'all', or each 'YYYY-MM' it touches. */
function bucketKeys(r: Range, bucket: Bucket): string[] {
  if (bucket === 'all') return [ALL]
  const keys: string[] = []
  for (let m = dayjs(r.first).startOf('month'); m.format('YYYY-MM-DD') < r.nextFirst; m = m.add(1, 'month')) keys.push(m.format('YYYY-MM'))
  return keys
}

/** The first day a bucket's records count from: the range's start, or the month's first day within it. */
function bucketStart(r: Range, bucket: Bucket, key: string): string {
  if (bucket === 'all') return r.first
  const first = `${key}-01`
  return first > r.first ? first : r.first
}

/** Every count query of the range, grouped by bucket; issues and consultations by category too. */
async function readCounts(db: Executor, r: Range, bucket: Bucket) {
  return {
    sessions: await sessionCounts(db, r, bucket),
    visits: await visitCounts(db, r, bucket),
    consultations: await consultationCounts(db, r, bucket),
    accepted: await acceptedCounts(db, r, bucket, 'category'),
    resolved: await resolvedCounts(db, r, bucket, 'category'),
    callbacks: await callbackCounts(db, r, bucket),
  }
}

type RawCounts = Awaited<ReturnType<typeof readCounts>>

async function assemble(db: Executor, r: Range, bucket: Bucket, raw: RawCounts): Promise<Map<string, PeriodFigures>> {
  const out = new Map<string, PeriodFigures>()
  for (const key of bucketKeys(r, bucket)) {
    const c = emptyCounts()
    for (const s of raw.sessions.filter((x) => x.bucket === key)) {
      c.sessionsByKind[s.kind satisfies SessionKind] = num(s.n)
      c.sessions += num(s.n)
    }
    const v = raw.visits.find((x) => x.bucket === key)
    c.visits = num(v?.visits)
    c.personTimes = num(v?.person_times)
    c.residentPersonTimes = num(v?.resident_times)
    c.enterprisePersonTimes = c.personTimes - c.residentPersonTimes
    c.enterprises = num(v?.enterprises)
    c.consultations = raw.consultations.filter((x) => x.bucket === key).reduce((a, x) => a + num(x.n), 0)
    for (const a of raw.accepted.filter((x) => x.bucket === key)) {
      c.issuesRegistered += num(a.registered)
      c.issuesRejected += num(a.rejected)
      c.issuesAccepted += num(a.registered) - num(a.rejected)
      c.issuesTransferred += num(a.transferred)
      c.issuesResolved += num(a.resolved)
      c.issuesResolvedOnTime += num(a.on_time)
      c.issuesClosed += num(a.closed)
      c.issuesOpen += num(a.open)
    }
    for (const x of raw.resolved.filter((y) => y.bucket === key)) {
      c.issuesResolvedInPeriod += num(x.resolved)
      c.issuesResolvedInPeriodOnTime += num(x.on_time)
      c.issuesResolvedInPeriodEarlier += num(x.earlier)
    }
    const cb = raw.callbacks.find((x) => x.bucket === key)
    c.callbacks = num(cb?.calls)
    c.issuesCalledBack = num(cb?.issues)
    c.satisfied = num(cb?.satisfied)
    c.basicallySatisfied = num(cb?.basically)
    c.unsatisfied = num(cb?.unsatisfied)
    const carried = await carriedOverIds(db, bucketStart(r, bucket, key))
    c.carriedOver = carried.length
    c.carriedOverOpen = await stillOpen(db, carried)
    out.set(key, withRates(c))
  }
  return out
}

/** The figures of [first, nextFirst), as one period or month by month. */
export async function figuresByBucket(db: Executor, r: Range, bucket: Bucket): Promise<Map<string, PeriodFigures>> {
  return assemble(db, r, bucket, await readCounts(db, r, bucket))
}

/** 'YYYY-MM-DD' to 'YYYY-MM-DD' inclusive, checked, as the half-open range the queries take. */
export function periodRange(from: string, to: string): Range {
  if (!isIsoDate(from)) throw new LedgerError('invalid_date', `开始日期格式应为 YYYY-MM-DD：${from}`)
  if (!isIsoDate(to)) throw new LedgerError('invalid_date', `结束日期格式应为 YYYY-MM-DD：${to}`)
  if (to < from) throw new LedgerError('invalid_date', `结束日期 ${to} 不能早于开始日期 ${from}`)
  return { first: from, nextFirst: dayjs(to).add(1, 'day').format('YYYY-MM-DD') }
}

async function namesOf(db: Executor, table: 'categories' | 'departments') {
  return db.selectFrom(table).select(['id', 'name']).orderBy('sort_order').orderBy('id').execute()
}

function categoryFigures(raw: RawCounts, categories: { id: number; name: string }[]): CategoryFigure[] {
  return categories
    .map((c) => {
      const accepted = raw.accepted.filter((a) => a.key === c.id)
      return {
        categoryId: c.id,
        categoryName: c.name,
        consultations: raw.consultations.filter((x) => x.category_id === c.id).reduce((a, x) => a + num(x.n), 0),
        issuesAccepted: accepted.reduce((a, x) => a + num(x.registered) - num(x.rejected), 0),
        issuesResolved: accepted.reduce((a, x) => a + num(x.resolved), 0),
        issuesResolvedInPeriod: raw.resolved.filter((x) => x.key === c.id).reduce((a, x) => a + num(x.resolved), 0),
      }
    })
    .filter((c) => c.consultations > 0 || c.issuesAccepted > 0 || c.issuesResolved > 0 || c.issuesResolvedInPeriod > 0)
}

async function departmentFigures(db: Executor, r: Range): Promise<DepartmentFigure[]> {
  const accepted = await acceptedCounts(db, r, 'all', 'department')
  const resolved = await resolvedCounts(db, r, 'all', 'department')
  const departments: { id: number | null; name: string }[] = [...(await namesOf(db, 'departments')), { id: null, name: '未交办' }]
  return departments
    .map((d) => {
      const a = accepted.find((x) => x.key === d.id)
      const x = resolved.find((y) => y.key === d.id)
      return {
        departmentId: d.id,
        departmentName: d.name,
        issuesAccepted: a ? num(a.registered) - num(a.rejected) : 0,
        issuesResolved: num(a?.resolved),
        issuesOpen: num(a?.open),
        issuesResolvedInPeriod: num(x?.resolved),
        issuesResolvedInPeriodOnTime: num(x?.on_time),
      }
    })
    .filter((d) => d.issuesAccepted > 0 || d.issuesResolvedInPeriod > 0 || d.issuesOpen > 0)
}

/** A period's figures with their breakdowns, without the lists. */
export async function periodBreakdown(db: Executor, r: Range): Promise<PeriodFigures & Pick<PeriodSummary, 'byCategory' | 'byDepartment'>> {
  const raw = await readCounts(db, r, 'all')
  const figures = (await assemble(db, r, 'all', raw)).get(ALL)
  if (!figures) throw new Error('no figures for the period')
  return { ...figures, byCategory: categoryFigures(raw, await namesOf(db, 'categories')), byDepartment: await departmentFigures(db, r) }
}

/** Any period's figures, breakdowns and lists; `today` decides what is overdue. */
export async function periodSummary(db: Executor, from: string, to: string, today: string): Promise<PeriodSummary> {
  const r = periodRange(from, to)
  const figures = await periodBreakdown(db, r)
  const carried = await carriedOverIds(db, r.first)
  const overdue = await listIssues(db, { dueState: 'overdue', sort: 'dueDate', order: 'asc', pageSize: 500 }, today)
  const carriedOverIssues = await listIssues(db, { issueIds: carried, sort: 'acceptedDate', order: 'asc', pageSize: 500 }, today)
  const first = await firstRecordDate(db)
  return {
    ...figures,
    period: describePeriod(from, to, first, today),
    firstRecordDate: first,
    // Only issues registered by the period's end belong in its overdue list.
    overdue: overdue.rows.filter((i) => i.acceptedDate < r.nextFirst),
    carriedOverIssues: carriedOverIssues.rows,
    petitions: await petitionFigures(db, r.first, r.nextFirst, today),
    caseFile: await caseFileFigures(db, r),
  }
}
