import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { OPEN_STATUSES } from '../issues/deadlines'

// What each figure counts, written once for the monthly summary (db/figures.ts) and the yearly one
// (db/figures-year.ts), so the two cannot drift apart. Each builder selects the records of
// [first, nextFirst) and the figure's aggregates; the caller adds its grouping (by category, by
// month) and runs it.

export const num = (v: unknown): number => Number(v ?? 0)

/** Reception days held: open or closed, not voided, by date. */
export function sessionCounts(db: Executor, first: string, nextFirst: string) {
  return db
    .selectFrom('sessions')
    .select(sql<number>`count(*)`.as('n'))
    .where('date', '>=', first)
    .where('date', '<', nextFirst)
    .where('status', 'in', ['open', 'closed'])
    .where('voided_at', 'is', null)
}

/** Visits received, person-times and distinct enterprises, by visit date. */
export function visitCounts(db: Executor, first: string, nextFirst: string) {
  return (
    db
      .selectFrom('visits as v')
      .leftJoin('organizations as o', 'o.id', 'v.organization_id')
      .select([
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
  )
}

/** Consultations per category, by visit date. */
export function consultationCounts(db: Executor, first: string, nextFirst: string) {
  return db
    .selectFrom('matters as m')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select(['m.category_id', sql<number>`count(*)`.as('n')])
    .where('v.visit_date', '>=', first)
    .where('v.visit_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .where('m.type', '=', 'consultation')
}

/** Issues per category by what became of them, by accepted date. */
export function issueCounts(db: Executor, first: string, nextFirst: string) {
  return db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([
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
}

/** Callbacks made and how satisfied people were, by callback date. */
export function callbackCounts(db: Executor, first: string, nextFirst: string) {
  return db
    .selectFrom('callbacks as cb')
    .innerJoin('issues as i', 'i.id', 'cb.issue_id')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(cb.satisfaction = 'satisfied'), 0)`.as('satisfied'),
      sql<number>`coalesce(sum(cb.satisfaction = 'basically_satisfied'), 0)`.as('basically'),
      sql<number>`coalesce(sum(cb.satisfaction = 'unsatisfied'), 0)`.as('unsatisfied'),
    ])
    .where('cb.callback_date', '>=', first)
    .where('cb.callback_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
}
