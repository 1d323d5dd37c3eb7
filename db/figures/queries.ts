import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../core/context'
import { OPEN_STATUSES } from '../issues/deadlines'
import { lateExtension } from '../issues/extensions'

// What each figure counts, written once for every period (db/figures/period.ts): a month, a year
// month by month, any range. Each builder counts the records of [first, nextFirst) by the date the
// thing happened (a visit's date, an issue's accepted or resolved date, a call's date — never the
// day it was typed) and groups them into buckets: the whole range, or its calendar months.
// Voided visits (and the issues and callbacks hanging off them) and voided sessions never count.

export const num = (v: unknown): number => Number(v ?? 0)

export interface Range {
  /** 'YYYY-MM-DD', inclusive. */
  first: string
  /** 'YYYY-MM-DD', exclusive. */
  nextFirst: string
}

/** How records are grouped: the range as one, or month by month ('YYYY-MM'). */
export type Bucket = 'all' | 'month'

export const ALL = 'all'

function bucketOf(bucket: Bucket, column: string): RawBuilder<string> {
  return bucket === 'all' ? sql<string>`${ALL}` : sql<string>`substr(${sql.ref(column)}, 1, 7)`
}

/**
 * The dimensions an issue's figures break down by. 来源 (issue.source) joins this table as one more
 * entry once issues carry it; every breakdown (counts, the screen's table, the report, the export)
 * is built from it.
 */
export const ISSUE_DIMENSIONS = {
  category: 'i.category_id',
  department: 'i.department_id',
  locality: 'i.locality_id',
} as const

export type IssueDimension = keyof typeof ISSUE_DIMENSIONS

/** Reception days held (opened or closed, not merely planned), by date and kind. */
export async function sessionCounts(db: Executor, r: Range, bucket: Bucket) {
  const b = bucketOf(bucket, 'date')
  return db
    .selectFrom('sessions')
    .select([b.as('bucket'), 'kind', sql<number>`count(*)`.as('n')])
    .where('date', '>=', r.first)
    .where('date', '<', r.nextFirst)
    .where('status', 'in', ['open', 'closed'])
    .where('voided_at', 'is', null)
    .groupBy([b, 'kind'])
    .execute()
}

/**
 * Visits received, person-times and distinct enterprises (by 统一社会信用代码, else by name), by
 * visit date. 接待 means received in person on a reception day: calls and letters count as issues only.
 */
export async function visitCounts(db: Executor, r: Range, bucket: Bucket) {
  const b = bucketOf(bucket, 'v.visit_date')
  return db
    .selectFrom('visits as v')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .select([
      b.as('bucket'),
      sql<number>`count(*)`.as('visits'),
      sql<number>`coalesce(sum(v.headcount), 0)`.as('person_times'),
      sql<number>`coalesce(sum(case when v.organization_id is null then v.headcount else 0 end), 0)`.as('resident_times'),
      sql<number>`count(distinct coalesce(o.credit_code, o.name))`.as('enterprises'),
    ])
    .where('v.visit_date', '>=', r.first)
    .where('v.visit_date', '<', r.nextFirst)
    .where('v.voided_at', 'is', null)
    .where('v.channel', '=', 'desk')
    .groupBy(b)
    .execute()
}

/** Consultations per category, by visit date. */
export async function consultationCounts(db: Executor, r: Range, bucket: Bucket) {
  const b = bucketOf(bucket, 'v.visit_date')
  return db
    .selectFrom('matters as m')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([b.as('bucket'), 'm.category_id', sql<number>`count(*)`.as('n')])
    .where('v.visit_date', '>=', r.first)
    .where('v.visit_date', '<', r.nextFirst)
    .where('v.voided_at', 'is', null)
    .where('m.type', '=', 'consultation')
    .groupBy([b, 'm.category_id'])
    .execute()
}

/** Issues accepted in the range by what became of them (status as of now), per dimension key. */
export async function acceptedCounts(db: Executor, r: Range, bucket: Bucket, dimension: IssueDimension) {
  const b = bucketOf(bucket, 'i.accepted_date')
  const key = sql<number | null>`${sql.ref(ISSUE_DIMENSIONS[dimension])}`
  return db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([
      b.as('bucket'),
      key.as('key'),
      sql<number>`count(*)`.as('registered'),
      sql<number>`sum(i.status = 'rejected')`.as('rejected'),
      sql<number>`sum(i.status = 'transferred')`.as('transferred'),
      sql<number>`sum(i.status in ('resolved', 'closed'))`.as('resolved'),
      // An extension granted after the deadline had passed does not make a late issue 按期.
      // An extension granted after the deadline had passed does not make a late issue 按期 (超期后延期).
      sql<number>`sum(i.status in ('resolved', 'closed') and i.resolved_date <= i.due_date and not ${lateExtension()})`.as('on_time'),
      sql<number>`sum(i.status = 'closed')`.as('closed'),
      sql<number>`sum(i.status in (${sql.join(OPEN_STATUSES)}))`.as('open'),
    ])
    .where('i.accepted_date', '>=', r.first)
    .where('i.accepted_date', '<', r.nextFirst)
    .where('v.voided_at', 'is', null)
    .groupBy([b, key])
    .execute()
}

/**
 * 本期办结: issues whose resolution (办结日期) falls in the range, whenever they were accepted,
 * per dimension key; `earlier` are those accepted before their bucket began (含上期结转). An issue
 * reopened after an unsatisfied call has no resolution until it is resolved again, so it counts in
 * the bucket of its latest one, once.
 */
export async function resolvedCounts(db: Executor, r: Range, bucket: Bucket, dimension: IssueDimension) {
  const b = bucketOf(bucket, 'i.resolved_date')
  const key = sql<number | null>`${sql.ref(ISSUE_DIMENSIONS[dimension])}`
  return (
    db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .innerJoin('visits as v', 'v.id', 'm.visit_id')
      .select([
        b.as('bucket'),
        key.as('key'),
        sql<number>`count(*)`.as('resolved'),
        sql<number>`sum(i.resolved_date <= i.due_date and not ${lateExtension()})`.as('on_time'),
        sql<number>`sum(i.accepted_date < ${r.first} or ${bucketOf(bucket, 'i.accepted_date')} < ${b})`.as('earlier'),
      ])
      .where('i.resolved_date', '>=', r.first)
      .where('i.resolved_date', '<', r.nextFirst)
      // Not through an index: without statistics SQLite would walk issues_due for every resolved
      // and closed issue of ten years (120 ms) instead of the period's range of issues_resolved.
      .where(sql<string>`i.status || ''`, 'in', ['resolved', 'closed'])
      .where('v.voided_at', 'is', null)
      .groupBy([b, key])
      .execute()
  )
}

interface CallbackRow {
  bucket: string
  calls: number
  issues: number
  satisfied: number
  basically: number
  unsatisfied: number
}

/**
 * Callbacks by callback date: the calls made, and the issues called back, each rated once by its
 * latest call in the bucket (a reopened issue called twice counts once: the last rating stands).
 */
export async function callbackCounts(db: Executor, r: Range, bucket: Bucket): Promise<CallbackRow[]> {
  const b = bucketOf(bucket, 'cb.callback_date')
  const { rows } = await sql<CallbackRow>`
    select bucket, sum(calls) as calls, count(*) as issues,
      sum(satisfaction = 'satisfied') as satisfied,
      sum(satisfaction = 'basically_satisfied') as basically,
      sum(satisfaction = 'unsatisfied') as unsatisfied
    from (
      select ${b} as bucket, cb.satisfaction,
        count(*) over (partition by cb.issue_id, ${b}) as calls,
        row_number() over (partition by cb.issue_id, ${b} order by cb.callback_date desc, cb.id desc) as nth
      from callbacks cb
      join issues i on i.id = cb.issue_id
      join matters m on m.id = i.matter_id
      join visits v on v.id = m.visit_id
      where cb.callback_date >= ${r.first} and cb.callback_date < ${r.nextFirst} and v.voided_at is null
    ) latest
    where nth = 1
    group by bucket`.execute(db)
  return rows
}

/**
 * The first day the ledger holds anything: its earliest visit, call or letter (a voided one too:
 * nothing is deleted, and a voided record is still the ledger's) or reception day held.
 */
export async function firstRecordDate(db: Executor): Promise<string | null> {
  // Plain min() over an indexed column: SQLite reads one end of the index and stops.
  const visit = await db
    .selectFrom('visits')
    .select(sql<string | null>`min(visit_date)`.as('date'))
    .executeTakeFirst()
  const session = await db
    .selectFrom('sessions')
    .select(sql<string | null>`min(date)`.as('date'))
    .where('status', 'in', ['open', 'closed'])
    .executeTakeFirst()
  const dates = [visit?.date, session?.date].filter((d): d is string => typeof d === 'string').sort()
  return dates[0] ?? null
}
