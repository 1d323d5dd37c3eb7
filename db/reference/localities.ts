import { assertSignedIn } from '../core/access'
import { write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import type { Locality } from '../../shared/types'
import { requireText } from '../validation/text'
import { saveOrderedItem, toOrderedItem, type OrderedItemInput, type OrderedList } from './ordered-list'

// 属地: the 乡镇 and 街道 of the county, kept by the office in 设置. A locality in use is never
// deleted, only made inactive, so old issues keep their 属地.

const LOCALITIES: OrderedList = { table: 'localities', entity: 'locality', label: '属地' }

export async function listLocalities(db: Executor): Promise<Locality[]> {
  const rows = await db.selectFrom('localities').selectAll().orderBy('sort_order').orderBy('id').execute()
  return rows.map(toOrderedItem)
}

/** Whether the office keeps a 属地 list yet: once it does, every new issue names one. */
export async function hasActiveLocalities(db: Executor): Promise<boolean> {
  return (await db.selectFrom('localities').select('id').where('active', '=', 1).limit(1).executeTakeFirst()) !== undefined
}

export type LocalityInput = OrderedItemInput

export async function saveLocality(ctx: LedgerContext, input: LocalityInput): Promise<Locality> {
  await assertSignedIn(ctx, '维护属地（乡镇、街道）')
  const name = requireText(input.name, '属地名称', 30)
  if (input.sortOrder !== undefined && !Number.isInteger(input.sortOrder)) throw new LedgerError('invalid_input', '排序须为整数')
  return write(ctx, (trx) => saveOrderedItem(trx, ctx, LOCALITIES, name, input))
}
