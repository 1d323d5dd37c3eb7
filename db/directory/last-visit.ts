import { nextVersion } from '../core/versions'
import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { onServer } from '../core/engine'

// Each visitor's and enterprise's last-visit date, which the directory's lists are ordered by
// (migration 0016). Worked out again from the visits, never moved by a step: after a visit is
// registered, voided, imported, undone or moved by a merge, the record's date is the latest visit
// not voided, whatever the order the writes came in. Called inside the writer's transaction.

export interface VisitedBy {
  visitorIds?: readonly (number | null)[]
  organizationIds?: readonly (number | null)[]
}

const visitorsLast = sql<string | null>`(select max(v.visit_date) from visits v where v.visitor_id = visitors.id and v.voided_at is null)`
const organizationsLast = sql<
  string | null
>`(select max(v.visit_date) from visits v where v.organization_id = organizations.id and v.voided_at is null)`

/** SQLite's `is not` (null-safe), which PostgreSQL spells `is distinct from`. */
const isNot = (db: Executor) => sql.raw(onServer(db) ? 'is distinct from' : 'is not')

const known = (ids: readonly (number | null)[] | undefined): number[] => [...new Set((ids ?? []).filter((id): id is number => id !== null))]

export async function refreshLastVisits(trx: Executor, by: VisitedBy): Promise<void> {
  const visitors = known(by.visitorIds)
  const organizations = known(by.organizationIds)
  // Only the records whose date moves are written: a record rewritten as it was would still count
  // as changed, and the audit row would vouch for it again.
  const visitorUpdate = trx
    .updateTable('visitors')
    .set({ version: nextVersion, last_visit_date: visitorsLast })
    .where('id', 'in', visitors)
    .where(sql<boolean>`last_visit_date ${isNot(trx)} ${visitorsLast}`)
  const organizationUpdate = trx
    .updateTable('organizations')
    .set({ version: nextVersion, last_visit_date: organizationsLast })
    .where('id', 'in', organizations)
    .where(sql<boolean>`last_visit_date ${isNot(trx)} ${organizationsLast}`)
  if (visitors.length === 1 && organizations.length === 1 && onServer(trx)) {
    // A registration's visitor and enterprise in one statement: it runs under the server's write
    // lock, where each round trip is one every other desk waits for (SQLite has no UPDATE in WITH).
    // Only the one of each: an undo's thousands go as two statements, each within the server's
    // limit of parameters and each one text to prepare.
    await sql`with visitor_dates as (${visitorUpdate}) ${organizationUpdate}`.execute(trx)
    return
  }
  if (visitors.length > 0) await visitorUpdate.execute()
  if (organizations.length > 0) await organizationUpdate.execute()
}

/** Every record's date at once: after a bulk load that wrote visits with plain statements (the benchmark's ledger). */
export async function refreshEveryLastVisit(db: Executor): Promise<void> {
  await db
    .updateTable('visitors')
    .set({ version: nextVersion, last_visit_date: visitorsLast })
    .where(sql<boolean>`last_visit_date ${isNot(db)} ${visitorsLast}`)
    .execute()
  await db
    .updateTable('organizations')
    .set({ version: nextVersion, last_visit_date: organizationsLast })
    .where(sql<boolean>`last_visit_date ${isNot(db)} ${organizationsLast}`)
    .execute()
}
