import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { cleanCreditCode, cleanIdNumber, cleanPhone } from './identity'
import { maskIdNumber, maskPhone, restoreHiddenNumbers } from '../privacy/mask'
import type { OrganizationRow, VisitorKind, VisitorRow } from '../core/schema'
import type { Organization, Visitor } from '../../shared/types'
import { optionalText, requireText } from '../validation/text'

export function toOrganization(r: OrganizationRow): Organization {
  return { id: r.id, version: r.version, name: r.name, creditCode: r.credit_code, address: r.address, industry: r.industry, note: r.note }
}

export function toVisitor(r: VisitorRow & { organization_name?: string | null }): Visitor {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    phone: maskPhone(r.phone),
    idNumber: maskIdNumber(r.id_number),
    kind: r.kind,
    organizationId: r.organization_id,
    organizationName: r.organization_name ?? null,
    address: r.address,
    note: r.note,
  }
}

export interface OrganizationInput {
  id?: number | undefined
  name: string
  creditCode?: string | null | undefined
  address?: string | null | undefined
  industry?: string | null | undefined
}

export interface VisitorInput {
  id?: number | undefined
  name: string
  phone?: string | null | undefined
  idNumber?: string | null | undefined
  kind: VisitorKind
  address?: string | null | undefined
}

/** Validates the typed organization before any write, so a bad code refuses the whole visit. */
export function cleanOrganization(input: OrganizationInput) {
  return {
    id: input.id,
    name: requireText(input.name, '企业（单位）名称', 100),
    creditCode: cleanCreditCode(input.creditCode),
    address: optionalText(input.address, '企业地址', 200),
    industry: optionalText(input.industry, '所属行业', 50),
  }
}

export function cleanVisitor(input: VisitorInput) {
  if (input.kind !== 'resident' && input.kind !== 'enterprise') throw new LedgerError('invalid_input', '请选择来访人类型')
  return {
    id: input.id,
    name: requireText(input.name, '来访人姓名', 50),
    phone: cleanPhone(input.phone),
    idNumber: cleanIdNumber(input.idNumber),
    kind: input.kind,
    address: optionalText(input.address, '住址', 200),
  }
}

export async function getVisitor(db: Executor, id: number): Promise<Visitor> {
  const row = await db
    .selectFrom('visitors as p')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select('o.name as organization_name')
    .where('p.id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound('来访人', id)
  return toVisitor(row)
}

export async function getOrganization(db: Executor, id: number): Promise<Organization> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('企业', id)
  return toOrganization(row)
}

export async function saveOrganization(
  ctx: LedgerContext,
  input: OrganizationInput & { id: number; note?: string | null | undefined } & Versioned,
): Promise<Organization> {
  const o = cleanOrganization(input)
  const note = optionalText(input.note, '备注', 500)
  return write(ctx, async (trx) => {
    await claimVersion(trx, 'organizations', input.id, input.version)
    const before = await trx.selectFrom('organizations').selectAll().where('id', '=', input.id).executeTakeFirst()
    if (!before) throw notFound('企业', input.id)
    if (o.creditCode) {
      const clash = await trx
        .selectFrom('organizations')
        .select('name')
        .where('credit_code', '=', o.creditCode)
        .where('merged_into_id', 'is', null)
        .where('id', '!=', input.id)
        .executeTakeFirst()
      if (clash) throw new LedgerError('duplicate', `统一社会信用代码 ${o.creditCode} 已属于“${clash.name}”，如为同一企业请使用合并`)
    }
    await trx
      .updateTable('organizations')
      // The screen shows numbers in the text masked; an edit keeps the numbers it did not touch.
      .set({
        version: nextVersion,
        name: restoreHiddenNumbers(o.name, before.name),
        credit_code: o.creditCode,
        address: restoreHiddenNumbers(o.address, before.address),
        industry: restoreHiddenNumbers(o.industry, before.industry),
        note: restoreHiddenNumbers(note, before.note),
        updated_at: stamp(ctx),
      })
      .where('id', '=', input.id)
      .execute()
    await audit(trx, ctx, 'update', 'organization', input.id, { before: toOrganization(before), after: { ...o, note } })
    return getOrganization(trx, input.id)
  })
}

export async function saveVisitor(
  ctx: LedgerContext,
  input: Omit<VisitorInput, 'phone' | 'idNumber'> & {
    id: number
    /** Leave undefined to keep the stored number: the screen only ever sees it masked. */
    phone?: string | null | undefined
    idNumber?: string | null | undefined
    organizationId?: number | null | undefined
    note?: string | null | undefined
  } & Versioned,
): Promise<Visitor> {
  const v = cleanVisitor({ ...input, phone: input.phone ?? null, idNumber: input.idNumber ?? null })
  const note = optionalText(input.note, '备注', 500)
  return write(ctx, async (trx) => {
    await claimVersion(trx, 'visitors', input.id, input.version)
    const before = await trx.selectFrom('visitors').selectAll().where('id', '=', input.id).executeTakeFirst()
    if (!before) throw notFound('来访人', input.id)
    if (input.organizationId) await getOrganization(trx, input.organizationId)
    await trx
      .updateTable('visitors')
      .set({
        version: nextVersion,
        name: restoreHiddenNumbers(v.name, before.name),
        kind: v.kind,
        address: restoreHiddenNumbers(v.address, before.address),
        note: restoreHiddenNumbers(note, before.note),
        phone: input.phone === undefined ? before.phone : v.phone,
        id_number: input.idNumber === undefined ? before.id_number : v.idNumber,
        organization_id: input.organizationId === undefined ? before.organization_id : input.organizationId,
        updated_at: stamp(ctx),
      })
      .where('id', '=', input.id)
      .execute()
    await audit(trx, ctx, 'update', 'visitor', input.id, {
      changed: [
        'name',
        'kind',
        'address',
        'note',
        ...(input.phone !== undefined ? ['phone'] : []),
        ...(input.idNumber !== undefined ? ['id_number'] : []),
      ],
    })
    return getVisitor(trx, input.id)
  })
}
