import { nextVersion } from '../core/versions'
import { liveIssueJoin } from '../issues/join'
import { assertSupervisor } from '../core/access'
import { sql, type Updateable } from 'kysely'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext } from '../core/context'
import { OPEN_STATUSES } from '../issues/deadlines'
import { getOrganization, getVisitor, toOrganization, toVisitor } from './records'
import { refreshLastVisits } from './last-visit'
import { LedgerError, notFound } from '../core/errors'
import type { OrganizationsTable, VisitorsTable } from '../core/schema'
import type { DirectoryPage, MergeResult, Organization, OrganizationListItem, Visitor, VisitorListItem } from '../../shared/types'
import { normalizeCreditCode } from '../validation/credit-code'
import { normalizePhone } from '../validation/phone'
import { optionalText } from '../validation/text'

// The directory screen: every live (not merged) enterprise and visitor, a page at a time, most
// recently seen first, and the one way to fold a duplicate into the record it repeats.

export interface DirectoryListInput {
  query?: string | undefined
  page: number
  pageSize: number
}

export const MAX_DIRECTORY_PAGE_SIZE = 200

function pageOf(input: DirectoryListInput): { page: number; pageSize: number } {
  const page = Number.isInteger(input.page) && input.page > 0 ? input.page : 1
  const pageSize = Number.isInteger(input.pageSize) && input.pageSize > 0 ? Math.min(input.pageSize, MAX_DIRECTORY_PAGE_SIZE) : 20
  return { page, pageSize }
}

/** `%text%` for LIKE with `escape '\'`, so a typed % or _ matches itself. */
function contains(text: string) {
  return sql<string>`${`%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} escape '\\'`
}

export async function listOrganizations(db: Executor, input: DirectoryListInput): Promise<DirectoryPage<OrganizationListItem>> {
  const { page, pageSize } = pageOf(input)
  const q = (input.query ?? '').trim()
  let base = db.selectFrom('organizations as o').where('o.merged_into_id', 'is', null)
  if (q) {
    const code = normalizeCreditCode(q)
    base = base.where((eb) => eb.or([eb('o.name', 'like', contains(q)), ...(code ? [eb('o.credit_code', 'like', contains(code))] : [])]))
  }
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  // The page's ids first, in the order of the index on the kept last-visit date (migration 0016);
  // then the figures for just those rows.
  const ids = await base
    .select('o.id')
    .orderBy(sql`o.last_visit_date desc nulls last`)
    .orderBy('o.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const idList = ids.map((r) => r.id)
  if (idList.length === 0) return { rows: [], total: Number(total.n), page, pageSize }
  const [rows, visits, open, people] = await Promise.all([
    db.selectFrom('organizations').selectAll().where('id', 'in', idList).execute(),
    db
      .selectFrom('visits')
      .select([
        'organization_id',
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(headcount), 0)`.as('people'),
        sql<string | null>`max(visit_date)`.as('last'),
      ])
      .where('organization_id', 'in', idList)
      .where('voided_at', 'is', null)
      .groupBy('organization_id')
      .execute(),
    liveIssueJoin(db)
      .select(['v.organization_id', sql<number>`count(*)`.as('n')])
      .where('v.organization_id', 'in', idList)
      .where('i.status', 'in', [...OPEN_STATUSES])
      .groupBy('v.organization_id')
      .execute(),
    db
      .selectFrom('visitors')
      .select(['organization_id', sql<number>`count(*)`.as('n')])
      .where('organization_id', 'in', idList)
      .where('merged_into_id', 'is', null)
      .groupBy('organization_id')
      .execute(),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const out: OrganizationListItem[] = []
  for (const id of idList) {
    const r = byId.get(id)
    if (!r) continue
    const v = visits.find((x) => x.organization_id === id)
    out.push({
      ...toOrganization(r),
      visitCount: Number(v?.n ?? 0),
      personTimes: Number(v?.people ?? 0),
      lastVisitDate: v?.last ?? null,
      openIssueCount: Number(open.find((x) => x.organization_id === id)?.n ?? 0),
      visitorCount: Number(people.find((x) => x.organization_id === id)?.n ?? 0),
    })
  }
  return { rows: out, total: Number(total.n), page, pageSize }
}

export async function listVisitors(db: Executor, input: DirectoryListInput): Promise<DirectoryPage<VisitorListItem>> {
  const { page, pageSize } = pageOf(input)
  const q = (input.query ?? '').trim()
  let base = db.selectFrom('visitors as p').where('p.merged_into_id', 'is', null)
  if (q) {
    // Numbers are stored as digits only: "尾号 5678" or a full number typed with dashes both find it.
    const digits = normalizePhone(q)
    const byPhone = /^\d{4,}$/.test(digits)
    // The enterprise's name only when searching: the whole list is counted from the index alone.
    base = base.where((eb) =>
      eb.or([
        eb('p.name', 'like', contains(q)),
        eb.exists(
          eb
            .selectFrom('organizations as org')
            .select('org.id')
            .whereRef('org.id', '=', 'p.organization_id')
            .where('org.name', 'like', contains(q)),
        ),
        ...(byPhone ? [eb('p.phone', 'like', contains(digits))] : []),
      ]),
    )
  }
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  const ids = await base
    .select('p.id')
    .orderBy(sql`p.last_visit_date desc nulls last`)
    .orderBy('p.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const idList = ids.map((r) => r.id)
  if (idList.length === 0) return { rows: [], total: Number(total.n), page, pageSize }
  const [rows, visits, open] = await Promise.all([
    db
      .selectFrom('visitors as p')
      .leftJoin('organizations as o', 'o.id', 'p.organization_id')
      .selectAll('p')
      .select('o.name as organization_name')
      .where('p.id', 'in', idList)
      .execute(),
    db
      .selectFrom('visits')
      .select(['visitor_id', sql<number>`count(*)`.as('n'), sql<string | null>`max(visit_date)`.as('last')])
      .where('visitor_id', 'in', idList)
      .where('voided_at', 'is', null)
      .groupBy('visitor_id')
      .execute(),
    liveIssueJoin(db)
      .select(['v.visitor_id', sql<number>`count(*)`.as('n')])
      .where('v.visitor_id', 'in', idList)
      .where('i.status', 'in', [...OPEN_STATUSES])
      .groupBy('v.visitor_id')
      .execute(),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const out: VisitorListItem[] = []
  for (const id of idList) {
    const r = byId.get(id)
    if (!r) continue
    const v = visits.find((x) => x.visitor_id === id)
    out.push({
      ...toVisitor(r),
      visitCount: Number(v?.n ?? 0),
      lastVisitDate: v?.last ?? null,
      openIssueCount: Number(open.find((x) => x.visitor_id === id)?.n ?? 0),
    })
  }
  return { rows: out, total: Number(total.n), page, pageSize }
}

// ---- merging duplicates ----

export interface MergeInput {
  /** The record that stays. */
  keepId: number
  /** The duplicate: its visits move to keepId, and it is marked merged_into_id = keepId, never deleted. */
  mergeId: number
  reason?: string | null | undefined
}

function cleanMerge(input: MergeInput, what: string): { keepId: number; mergeId: number; reason: string | null } {
  const reason = optionalText(input.reason, '合并说明', 200)
  if (input.keepId === input.mergeId) throw new LedgerError('invalid_merge', `不能把${what}与它自己合并，请选择另一条记录`)
  return { keepId: input.keepId, mergeId: input.mergeId, reason }
}

/**
 * Folds a duplicate enterprise into the one kept, in one transaction: its visits and its people
 * move to the kept record, blank details of the kept record are filled from it, and it stays in
 * the ledger marked as merged (its old credit code with it, for the record).
 */
export async function mergeOrganizations(ctx: LedgerContext, input: MergeInput): Promise<MergeResult<Organization>> {
  const { keepId, mergeId, reason } = cleanMerge(input, '企业')
  await assertSupervisor(ctx, '合并企业记录')
  return write(ctx, async (trx) => {
    const keep = await trx.selectFrom('organizations').selectAll().where('id', '=', keepId).executeTakeFirst()
    if (!keep) throw notFound('企业', keepId)
    const merge = await trx.selectFrom('organizations').selectAll().where('id', '=', mergeId).executeTakeFirst()
    if (!merge) throw notFound('企业', mergeId)
    if (merge.merged_into_id !== null) throw new LedgerError('already_merged', `“${merge.name}”已合并到其他企业，不能再次合并`)
    if (keep.merged_into_id !== null)
      throw new LedgerError('already_merged', `“${keep.name}”已合并到其他企业，不能作为保留的记录，请选择合并后的企业`)
    const at = stamp(ctx)
    const visits = await trx
      .updateTable('visits')
      .set({ version: nextVersion, organization_id: keepId })
      .where('organization_id', '=', mergeId)
      .executeTakeFirst()
    const people = await trx
      .updateTable('visitors')
      .set({ version: nextVersion, organization_id: keepId, updated_at: at })
      .where('organization_id', '=', mergeId)
      .executeTakeFirst()
    // Complaints about the duplicate (被反映对象) are complaints about the enterprise kept.
    const complaints = await trx
      .updateTable('issues')
      .set({ version: nextVersion, subject_organization_id: keepId })
      .where('subject_organization_id', '=', mergeId)
      .executeTakeFirst()
    // Records merged into the duplicate earlier now point straight at the kept one.
    await trx
      .updateTable('organizations')
      .set({ version: nextVersion, merged_into_id: keepId, updated_at: at })
      .where('merged_into_id', '=', mergeId)
      .execute()
    // Marked before the kept record takes its credit code: the code is unique among live records only.
    await trx
      .updateTable('organizations')
      .set({ version: nextVersion, merged_into_id: keepId, updated_at: at })
      .where('id', '=', mergeId)
      .execute()
    const fill: Updateable<OrganizationsTable> = {}
    if (!keep.credit_code && merge.credit_code) fill.credit_code = merge.credit_code
    if (!keep.address && merge.address) fill.address = merge.address
    if (!keep.industry && merge.industry) fill.industry = merge.industry
    if (!keep.note && merge.note) fill.note = merge.note
    const filled = Object.keys(fill)
    if (filled.length > 0)
      await trx
        .updateTable('organizations')
        .set({ version: nextVersion, ...fill, updated_at: at })
        .where('id', '=', keepId)
        .execute()
    await refreshLastVisits(trx, { organizationIds: [keepId, mergeId] })
    const movedVisits = Number(visits.numUpdatedRows)
    const movedVisitors = Number(people.numUpdatedRows)
    const detail = {
      keptId: keepId,
      mergedId: mergeId,
      kept: toOrganization(keep),
      merged: toOrganization(merge),
      movedVisits,
      movedVisitors,
      movedComplaints: Number(complaints.numUpdatedRows),
      filled,
      reason,
    }
    await audit(trx, ctx, 'merge', 'organization', keepId, detail)
    await audit(trx, ctx, 'merged_into', 'organization', mergeId, { keptId: keepId, reason })
    return { kept: await getOrganization(trx, keepId), mergedId: mergeId, movedVisits, movedVisitors, filled }
  })
}

/**
 * Folds a duplicate visitor into the one kept, in one transaction: every visit moves, a phone,
 * ID number, address or enterprise the kept record lacks is taken over, and the duplicate stays,
 * marked as merged. The audit row names the fields, never the numbers.
 */
export async function mergeVisitors(ctx: LedgerContext, input: MergeInput): Promise<MergeResult<Visitor>> {
  const { keepId, mergeId, reason } = cleanMerge(input, '来访人')
  await assertSupervisor(ctx, '合并来访人记录')
  return write(ctx, async (trx) => {
    const keep = await trx.selectFrom('visitors').selectAll().where('id', '=', keepId).executeTakeFirst()
    if (!keep) throw notFound('来访人', keepId)
    const merge = await trx.selectFrom('visitors').selectAll().where('id', '=', mergeId).executeTakeFirst()
    if (!merge) throw notFound('来访人', mergeId)
    if (merge.merged_into_id !== null) throw new LedgerError('already_merged', `来访人“${merge.name}”已合并到其他记录，不能再次合并`)
    if (keep.merged_into_id !== null) throw new LedgerError('already_merged', `来访人“${keep.name}”已合并到其他记录，不能作为保留的记录`)
    const at = stamp(ctx)
    const visits = await trx
      .updateTable('visits')
      .set({ version: nextVersion, visitor_id: keepId })
      .where('visitor_id', '=', mergeId)
      .executeTakeFirst()
    await trx
      .updateTable('visitors')
      .set({ version: nextVersion, merged_into_id: keepId, updated_at: at })
      .where('merged_into_id', '=', mergeId)
      .execute()
    await trx
      .updateTable('visitors')
      .set({ version: nextVersion, merged_into_id: keepId, updated_at: at })
      .where('id', '=', mergeId)
      .execute()
    const fill: Updateable<VisitorsTable> = {}
    if (!keep.phone && merge.phone) fill.phone = merge.phone
    if (!keep.id_number && merge.id_number) fill.id_number = merge.id_number
    if (!keep.address && merge.address) fill.address = merge.address
    if (!keep.note && merge.note) fill.note = merge.note
    if (keep.organization_id === null && merge.organization_id !== null) {
      fill.organization_id = merge.organization_id
      fill.kind = 'enterprise'
    }
    const filled = Object.keys(fill)
    if (filled.length > 0)
      await trx
        .updateTable('visitors')
        .set({ version: nextVersion, ...fill, updated_at: at })
        .where('id', '=', keepId)
        .execute()
    await refreshLastVisits(trx, { visitorIds: [keepId, mergeId] })
    const movedVisits = Number(visits.numUpdatedRows)
    await audit(trx, ctx, 'merge', 'visitor', keepId, {
      keptId: keepId,
      mergedId: mergeId,
      keptName: keep.name,
      mergedName: merge.name,
      movedVisits,
      filled,
      reason,
    })
    await audit(trx, ctx, 'merged_into', 'visitor', mergeId, { keptId: keepId, reason })
    return { kept: await getVisitor(trx, keepId), mergedId: mergeId, movedVisits, movedVisitors: 0, filled }
  })
}
