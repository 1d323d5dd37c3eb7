import { today, type LedgerContext } from '../core/context'
import { OPEN_STATUSES } from '../issues/deadlines'
import { getOrganization, getVisitor, toVisitor } from './records'
import { listIssues } from '../issues/queries'
import type { OrganizationHistory, VisitorHistory } from '../../shared/types'
import { listVisits } from '../visits/queries'

/** How many visits shown at most; the totals below count them all. */
const HISTORY_VISITS = 200

/** Every visit (not voided) of a visitor or an enterprise, counted in the ledger rather than from the list. */
async function visitTotals(
  ctx: LedgerContext,
  column: 'visitor_id' | 'organization_id',
  id: number,
): Promise<{ visitCount: number; personTimes: number }> {
  const row = await ctx.db
    .selectFrom('visits')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('headcount'), eb.lit(0)).as('people')])
    .where(column, '=', id)
    .where('voided_at', 'is', null)
    .executeTakeFirstOrThrow()
  return { visitCount: Number(row.n), personTimes: Number(row.people) }
}

export async function visitorHistory(ctx: LedgerContext, id: number): Promise<VisitorHistory> {
  const visitor = await getVisitor(ctx.db, id)
  const visits = await listVisits(ctx.db, { visitorId: id, limit: HISTORY_VISITS })
  const open = await listIssues(ctx.db, { visitorId: id, status: [...OPEN_STATUSES], pageSize: 200 }, today(ctx))
  return { visitor, visits, ...(await visitTotals(ctx, 'visitor_id', id)), openIssues: open.rows }
}

export async function organizationHistory(ctx: LedgerContext, id: number): Promise<OrganizationHistory> {
  const organization = await getOrganization(ctx.db, id)
  const people = await ctx.db
    .selectFrom('visitors')
    .selectAll()
    .where('organization_id', '=', id)
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute()
  const visits = await listVisits(ctx.db, { organizationId: id, limit: HISTORY_VISITS })
  const open = await listIssues(ctx.db, { organizationId: id, status: [...OPEN_STATUSES], pageSize: 200 }, today(ctx))
  // Complaints about the enterprise (被反映对象), whoever made them, beside its own visits.
  const complaints = await listIssues(ctx.db, { subjectOrganizationId: id, pageSize: HISTORY_VISITS }, today(ctx))
  return {
    organization,
    visitors: people.map((p) => toVisitor({ ...p, organization_name: organization.name })),
    visits,
    ...(await visitTotals(ctx, 'organization_id', id)),
    openIssues: open.rows,
    complaints: complaints.rows,
    complaintCount: complaints.total,
  }
}
