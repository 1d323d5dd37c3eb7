import { assertSignedIn } from '../core/access'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { Locality } from '../../shared/types'
import { requireText } from '../validation/text'
import { bool01 } from './mappers'

// 属地: the 乡镇 and 街道 of the county, kept by the office in 设置. A locality in use is never
// deleted, only made inactive, so old issues keep their 属地.

interface LocalityRow {
  id: number
  name: string
  sort_order: number
  active: number
}

const toLocality = (r: LocalityRow): Locality => ({ id: r.id, name: r.name, sortOrder: r.sort_order, active: r.active === 1 })

export async function listLocalities(db: Executor): Promise<Locality[]> {
  const rows = await db.selectFrom('localities').selectAll().orderBy('sort_order').orderBy('id').execute()
  return rows.map(toLocality)
}

/** Whether the office keeps a 属地 list yet: once it does, every new issue names one. */
export async function hasActiveLocalities(db: Executor): Promise<boolean> {
  return (await db.selectFrom('localities').select('id').where('active', '=', 1).limit(1).executeTakeFirst()) !== undefined
}

export interface LocalityInput {
  id?: number | undefined
  name: string
  sortOrder?: number | undefined
  active?: boolean | undefined
}

export async function saveLocality(ctx: LedgerContext, input: LocalityInput): Promise<Locality> {
  await assertSignedIn(ctx, '维护属地（乡镇、街道）')
  const name = requireText(input.name, '属地名称', 30)
  if (input.sortOrder !== undefined && !Number.isInteger(input.sortOrder)) throw new LedgerError('invalid_input', '排序须为整数')
  return write(ctx, async (trx) => {
    let clash = trx.selectFrom('localities').select('id').where('name', '=', name)
    if (input.id !== undefined) clash = clash.where('id', '!=', input.id)
    if (await clash.executeTakeFirst()) throw new LedgerError('duplicate', `已有同名属地：${name}`)
    let id = input.id
    if (id === undefined) {
      const row = await trx
        .insertInto('localities')
        .values({ name, sort_order: input.sortOrder ?? 0, active: bool01(input.active ?? true), created_at: stamp(ctx) })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
      await audit(trx, ctx, 'create', 'locality', id, { name })
    } else {
      const before = await trx.selectFrom('localities').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('属地', id)
      await trx
        .updateTable('localities')
        .set({
          name,
          sort_order: input.sortOrder ?? before.sort_order,
          active: input.active === undefined ? before.active : bool01(input.active),
        })
        .where('id', '=', id)
        .execute()
      await audit(trx, ctx, 'update', 'locality', id, { before: toLocality(before), name, active: input.active })
    }
    return toLocality(await trx.selectFrom('localities').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
  })
}
