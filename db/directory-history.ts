import { today, type LedgerContext } from './context'
import { OPEN_STATUSES } from './deadlines'
import { getOrganization, getVisitor, toVisitor } from './directory'
import { listIssues } from './issue-queries'
import type { OrganizationHistory, VisitorHistory } from './types'
import { listVisits } from './visit-queries'

export async function visitorHistory(ctx: LedgerContext, id: number): Promise<VisitorHistory> {
  const visitor = await getVisitor(ctx.db, id)
  const visits = await listVisits(ctx.db, { visitorId: id, limit: 200 })
  const open = await listIssues(ctx.db, { visitorId: id, status: [...OPEN_STATUSES], pageSize: 200 }, today(ctx))
  return { visitor, visits, openIssues: open.rows }
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
  const visits = await listVisits(ctx.db, { organizationId: id, limit: 200 })
  const open = await listIssues(ctx.db, { organizationId: id, status: [...OPEN_STATUSES], pageSize: 200 }, today(ctx))
  return {
    organization,
    visitors: people.map((p) => toVisitor({ ...p, organization_name: organization.name })),
    visits,
    openIssues: open.rows,
  }
}
