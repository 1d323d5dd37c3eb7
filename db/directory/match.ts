import { nextVersion } from '../core/versions'
import { sql, type Updateable } from 'kysely'
import { audit } from '../core/audit'
import { stamp, type Executor, type LedgerContext, type Tx } from '../core/context'
import { OPEN_STATUSES } from '../issues/deadlines'
import { cleanOrganization, cleanVisitor, toOrganization, toVisitor } from './records'
import { LedgerError, notFound } from '../core/errors'
import type { OrganizationRow, OrganizationsTable, VisitorRow, VisitorsTable } from '../core/schema'
import { organizationIdsByName } from '../search/conditions'
import { onServer } from '../core/engine'
import { holdWriteLock } from '../core/write-lock'
import type { ReturningMatches } from '../../shared/types'
import { normalizeCreditCode } from '../validation/credit-code'
import { normalizePhone } from '../validation/phone'

async function liveOrganization(trx: Executor, id: number): Promise<OrganizationRow> {
  const row = await trx.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('企业', id)
  if (row.merged_into_id !== null) return liveOrganization(trx, row.merged_into_id)
  return row
}

async function liveVisitor(trx: Executor, id: number): Promise<VisitorRow> {
  const row = await trx.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('来访人', id)
  if (row.merged_into_id !== null) return liveVisitor(trx, row.merged_into_id)
  return row
}

/** The live enterprise the desk means, if the ledger has it: by id, else credit code, else name. */
export async function matchOrganization(trx: Executor, o: ReturnType<typeof cleanOrganization>): Promise<OrganizationRow | undefined> {
  let existing: OrganizationRow | undefined
  if (o.id !== undefined) existing = await liveOrganization(trx, o.id)
  if (!existing && o.creditCode) {
    existing = await trx
      .selectFrom('organizations')
      .selectAll()
      .where('credit_code', '=', o.creditCode)
      .where('merged_into_id', 'is', null)
      .executeTakeFirst()
  }
  if (!existing) {
    let byName = trx.selectFrom('organizations').selectAll().where('name', '=', o.name).where('merged_into_id', 'is', null)
    // A different code under the same name is a different enterprise (branches share names).
    if (o.creditCode) byName = byName.where('credit_code', 'is', null)
    existing = await byName.orderBy('id').executeTakeFirst()
  }
  return existing
}

/** What a person or enterprise the desk adds starts with: no note, not merged, created and changed now. */
function newEntry(ctx: LedgerContext): { note: null; merged_into_id: null; created_at: string; updated_at: string } {
  const at = stamp(ctx)
  return { note: null, merged_into_id: null, created_at: at, updated_at: at }
}

/** Finds the enterprise the desk means, or creates it; a credit code outranks a name. */
export async function resolveOrganization(trx: Tx, ctx: LedgerContext, o: ReturnType<typeof cleanOrganization>): Promise<number> {
  const existing = await matchOrganization(trx, o)
  if (existing) {
    const changes: Updateable<OrganizationsTable> = {}
    if (o.name !== existing.name) changes.name = o.name
    if (o.creditCode && o.creditCode !== existing.credit_code) {
      const clash = await trx
        .selectFrom('organizations')
        .select(['id', 'name'])
        .where('credit_code', '=', o.creditCode)
        .where('merged_into_id', 'is', null)
        .where('id', '!=', existing.id)
        .executeTakeFirst()
      if (clash) throw new LedgerError('duplicate', `统一社会信用代码 ${o.creditCode} 已属于“${clash.name}”，请选择该企业或核对代码`)
      changes.credit_code = o.creditCode
    }
    if (o.address && o.address !== existing.address) changes.address = o.address
    if (o.industry && o.industry !== existing.industry) changes.industry = o.industry
    if (Object.keys(changes).length > 0) {
      if (await holdWriteLock(trx)) return resolveOrganization(trx, ctx, o)
      await trx
        .updateTable('organizations')
        .set({ version: nextVersion, ...changes, updated_at: stamp(ctx) })
        .where('id', '=', existing.id)
        .execute()
      await audit(trx, ctx, 'update', 'organization', existing.id, { before: toOrganization(existing), changes })
    }
    return existing.id
  }
  // Another desk may have added the same enterprise a moment ago: looked for again under the lock.
  if (await holdWriteLock(trx)) return resolveOrganization(trx, ctx, o)
  const row = await trx
    .insertInto('organizations')
    .values({ name: o.name, credit_code: o.creditCode, address: o.address, industry: o.industry, ...newEntry(ctx) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(trx, ctx, 'create', 'organization', row.id, { name: o.name, creditCode: o.creditCode })
  return row.id
}

/** The returning person, if the ledger has them: by id, else same phone and name, else same name at the same enterprise. */
export async function matchVisitor(
  trx: Executor,
  v: ReturnType<typeof cleanVisitor>,
  organizationId: number | null,
): Promise<VisitorRow | undefined> {
  let existing: VisitorRow | undefined
  if (v.id !== undefined) existing = await liveVisitor(trx, v.id)
  if (!existing && v.phone) {
    existing = await trx
      .selectFrom('visitors')
      .selectAll()
      .where('phone', '=', v.phone)
      .where('name', '=', v.name)
      .where('merged_into_id', 'is', null)
      .orderBy('id')
      .executeTakeFirst()
  }
  if (!existing && !v.phone && organizationId !== null) {
    existing = await trx
      .selectFrom('visitors')
      .selectAll()
      .where('name', '=', v.name)
      .where('organization_id', '=', organizationId)
      .where('merged_into_id', 'is', null)
      .orderBy('id')
      .executeTakeFirst()
  }
  return existing
}

/** Finds the returning person (same phone and name, or same name at the same enterprise) or creates one. */
export async function resolveVisitor(
  trx: Tx,
  ctx: LedgerContext,
  v: ReturnType<typeof cleanVisitor>,
  organizationId: number | null,
): Promise<number> {
  const existing = await matchVisitor(trx, v, organizationId)
  if (existing) {
    const changes: Updateable<VisitorsTable> = {}
    if (v.name !== existing.name) changes.name = v.name
    if (v.phone && v.phone !== existing.phone) changes.phone = v.phone
    if (v.idNumber && v.idNumber !== existing.id_number) changes.id_number = v.idNumber
    if (v.address && v.address !== existing.address) changes.address = v.address
    if (v.kind !== existing.kind) changes.kind = v.kind
    if (organizationId !== null && organizationId !== existing.organization_id) changes.organization_id = organizationId
    if (Object.keys(changes).length > 0) {
      if (await holdWriteLock(trx)) return resolveVisitor(trx, ctx, v, organizationId)
      await trx
        .updateTable('visitors')
        .set({ version: nextVersion, ...changes, updated_at: stamp(ctx) })
        .where('id', '=', existing.id)
        .execute()
      // Personal data stays out of the audit text; that a field changed is what matters.
      await audit(trx, ctx, 'update', 'visitor', existing.id, { changed: Object.keys(changes) })
    }
    return existing.id
  }
  // Another desk may have added the same person a moment ago: looked for again under the lock.
  if (await holdWriteLock(trx)) return resolveVisitor(trx, ctx, v, organizationId)
  const row = await trx
    .insertInto('visitors')
    .values({
      name: v.name,
      phone: v.phone,
      id_number: v.idNumber,
      kind: v.kind,
      organization_id: organizationId,
      address: v.address,
      ...newEntry(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(trx, ctx, 'create', 'visitor', row.id, { name: v.name, kind: v.kind })
  return row.id
}

const MATCH_LIMIT = 10

/** What the desk offers while the visitor's phone, name, enterprise or credit code is typed. */
export async function findReturning(ctx: LedgerContext, query: string): Promise<ReturningMatches> {
  const q = query.trim()
  if (q.length === 0) return { visitors: [], organizations: [] }
  const db = ctx.db
  const digits = normalizePhone(q)
  const isDigits = /^\d{3,}$/.test(digits)
  const code = normalizeCreditCode(q)
  const looksLikeCode = /^[0-9A-Z]{18}$/.test(code) && /[A-Z]/.test(code)

  // Counted from the person's or enterprise's visits outward (CROSS JOIN keeps that order), never
  // from the open issues of the whole ledger inward.
  const openCount = (col: 'v2.visitor_id' | 'v2.organization_id', ref: 'p.id' | 'o.id') =>
    sql<number>`(select count(*) from visits v2 cross join matters m2 cross join issues i2
      where ${sql.ref(col)} = ${sql.ref(ref)} and m2.visit_id = v2.id and i2.matter_id = m2.id
        and v2.voided_at is null and i2.status in (${sql.join(OPEN_STATUSES)}))`

  // The matching ids first (newest ten), then the counts for just those: a common surname or
  // a phone prefix matches thousands, and the counts are the costly part.
  let visitorIds = db.selectFrom('visitors as p').select('p.id').where('p.merged_into_id', 'is', null)
  if (isDigits) {
    visitorIds = visitorIds.where('p.phone', '>=', digits).where('p.phone', '<', `${digits}:`)
  } else {
    // A name as typed so far (by index), or anyone from an enterprise whose name holds the text
    // (by the search index for 3+ characters).
    visitorIds = visitorIds.where((eb) =>
      eb.or([
        eb.and([eb('p.name', '>=', q), eb('p.name', '<', `${q}\u{10FFFF}`)]),
        eb('p.organization_id', 'in', organizationIdsByName(q, onServer(db))),
      ]),
    )
  }
  const visitors = await db
    .selectFrom('visitors as p')
    .leftJoin('organizations as org', 'org.id', 'p.organization_id')
    .selectAll('p')
    .select([
      'org.name as organization_name',
      sql<number>`(select count(*) from visits v where v.visitor_id = p.id and v.voided_at is null)`.as('visit_count'),
      sql<string | null>`(select max(v.visit_date) from visits v where v.visitor_id = p.id and v.voided_at is null)`.as('last_visit_date'),
      openCount('v2.visitor_id', 'p.id').as('open_issue_count'),
    ])
    .where('p.id', 'in', visitorIds.orderBy('p.id', 'desc').limit(MATCH_LIMIT))
    .orderBy('p.id', 'desc')
    .execute()

  let organizationIds = db.selectFrom('organizations as o').select('o.id').where('o.merged_into_id', 'is', null)
  if (looksLikeCode) organizationIds = organizationIds.where('o.credit_code', '=', code)
  else if (isDigits) organizationIds = organizationIds.where('o.credit_code', '>=', digits).where('o.credit_code', '<', `${digits}:`)
  else organizationIds = organizationIds.where('o.id', 'in', organizationIdsByName(q, onServer(db)))
  const organizations = await db
    .selectFrom('organizations as o')
    .selectAll('o')
    .select([
      sql<number>`(select count(*) from visits v where v.organization_id = o.id and v.voided_at is null)`.as('visit_count'),
      sql<string | null>`(select max(v.visit_date) from visits v where v.organization_id = o.id and v.voided_at is null)`.as(
        'last_visit_date',
      ),
      openCount('v2.organization_id', 'o.id').as('open_issue_count'),
    ])
    .where('o.id', 'in', organizationIds.orderBy('o.id', 'desc').limit(MATCH_LIMIT))
    .orderBy('o.id', 'desc')
    .execute()

  return {
    visitors: visitors.map((r) => ({
      ...toVisitor(r),
      visitCount: Number(r.visit_count),
      lastVisitDate: r.last_visit_date,
      openIssueCount: Number(r.open_issue_count),
    })),
    organizations: organizations.map((r) => ({
      ...toOrganization(r),
      visitCount: Number(r.visit_count),
      lastVisitDate: r.last_visit_date,
      openIssueCount: Number(r.open_issue_count),
    })),
  }
}
