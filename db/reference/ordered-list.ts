import { audit } from '../core/audit'
import { stamp, type Tx, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { bool01 } from './mappers'

// 股室 and 属地 are the same kind of list: names in the office's order, never deleted (old issues
// keep theirs), only made inactive. One save serves both.

export type OrderedListTable = 'departments' | 'localities'

export interface OrderedItemInput {
  id?: number | undefined
  name: string
  sortOrder?: number | undefined
  active?: boolean | undefined
}

export interface OrderedItemRow {
  id: number
  name: string
  sort_order: number
  active: number
}

/** A 股室 or a 属地 as the screens see it. */
export interface OrderedItem {
  id: number
  name: string
  sortOrder: number
  active: boolean
}

export const toOrderedItem = (r: OrderedItemRow): OrderedItem => ({
  id: r.id,
  name: r.name,
  sortOrder: r.sort_order,
  active: r.active === 1,
})

export interface OrderedList {
  table: OrderedListTable
  /** The audit log's entity: department, locality. */
  entity: string
  /** 股室, 属地: for the messages. */
  label: string
}

/** Adds or changes one item (its name already checked), refusing a name the list already has. */
export async function saveOrderedItem(
  trx: Tx,
  ctx: LedgerContext,
  list: OrderedList,
  name: string,
  input: OrderedItemInput,
): Promise<OrderedItem> {
  const { table, entity, label } = list
  let clash = trx.selectFrom(table).select('id').where('name', '=', name)
  if (input.id !== undefined) clash = clash.where('id', '!=', input.id)
  if (await clash.executeTakeFirst()) throw new LedgerError('duplicate', `已有同名${label}：${name}`)
  let id = input.id
  if (id === undefined) {
    const row = await trx
      .insertInto(table)
      .values({ name, sort_order: input.sortOrder ?? 0, active: bool01(input.active ?? true), created_at: stamp(ctx) })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
    await audit(trx, ctx, 'create', entity, id, { name })
  } else {
    const before = await trx.selectFrom(table).select(['id', 'name', 'sort_order', 'active']).where('id', '=', id).executeTakeFirst()
    if (!before) throw notFound(label, id)
    await trx
      .updateTable(table)
      .set({
        name,
        sort_order: input.sortOrder ?? before.sort_order,
        active: input.active === undefined ? before.active : bool01(input.active),
      })
      .where('id', '=', id)
      .execute()
    await audit(trx, ctx, 'update', entity, id, { before: toOrderedItem(before), name, active: input.active })
  }
  return toOrderedItem(
    await trx.selectFrom(table).select(['id', 'name', 'sort_order', 'active']).where('id', '=', id).executeTakeFirstOrThrow(),
  )
}
