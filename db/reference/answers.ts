import { audit } from '../core/audit'
import { assertSignedIn } from '../core/access'
import { stamp, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { AnswerTemplate } from '../../shared/types'
import { requireText } from '../validation/text'

// 常用答复: answers the office gives often, kept per category so the desk picks one with a few keys
// and edits it. Offered most used first; a use is counted when a visit is saved with it.

function toTemplate(r: { id: number; category_id: number; text: string; use_count: number; active: number }): AnswerTemplate {
  return { id: r.id, categoryId: r.category_id, text: r.text, useCount: r.use_count, active: r.active === 1 }
}

/** A category's saved answers (all categories' when none is given), the most used first; stopped ones only when asked. */
export async function listAnswerTemplates(
  db: Executor,
  filter: { categoryId?: number | undefined; includeInactive?: boolean | undefined } = {},
): Promise<AnswerTemplate[]> {
  let q = db.selectFrom('answer_templates').selectAll()
  if (filter.categoryId !== undefined) q = q.where('category_id', '=', filter.categoryId)
  if (!filter.includeInactive) q = q.where('active', '=', 1)
  const rows = await q.orderBy('category_id').orderBy('use_count', 'desc').orderBy('id').execute()
  return rows.map(toTemplate)
}

export interface AnswerTemplateInput {
  id?: number | undefined
  categoryId: number
  text: string
  active?: boolean | undefined
}

/** Adds or changes one saved answer (设置 → 常用答复). */
export async function saveAnswerTemplate(ctx: LedgerContext, input: AnswerTemplateInput): Promise<AnswerTemplate> {
  await assertSignedIn(ctx, '维护常用答复')
  const text = requireText(input.text, '答复内容', 4000)
  return write(ctx, async (trx) => {
    const category = await trx.selectFrom('categories').select(['id', 'name']).where('id', '=', input.categoryId).executeTakeFirst()
    if (!category) throw notFound('问题类别', input.categoryId)
    const at = stamp(ctx)
    const duplicate = await trx
      .selectFrom('answer_templates')
      .select('id')
      .where('category_id', '=', input.categoryId)
      .where('text', '=', text)
      .where('id', '!=', input.id ?? -1)
      .executeTakeFirst()
    if (duplicate) throw new LedgerError('duplicate', `“${category.name}”已有相同的常用答复`)
    let id = input.id
    if (id === undefined) {
      const row = await trx
        .insertInto('answer_templates')
        .values({ category_id: input.categoryId, text, active: input.active === false ? 0 : 1, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
      await audit(trx, ctx, 'create', 'answer_template', id, { categoryId: input.categoryId })
    } else {
      const before = await trx.selectFrom('answer_templates').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('常用答复', id)
      await trx
        .updateTable('answer_templates')
        .set({
          category_id: input.categoryId,
          text,
          active: input.active === undefined ? before.active : input.active ? 1 : 0,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute()
      await audit(trx, ctx, 'update', 'answer_template', id, { categoryId: input.categoryId, active: input.active })
    }
    return toTemplate(await trx.selectFrom('answer_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
  })
}

/** Counts the saved answers a visit's consultations started from, in the visit's own write. */
export async function countAnswerUses(trx: Tx, uses: readonly { templateId: number; categoryId: number }[]): Promise<void> {
  for (const u of uses) {
    const row = await trx
      .selectFrom('answer_templates')
      .select('id')
      .where('id', '=', u.templateId)
      .where('category_id', '=', u.categoryId)
      .executeTakeFirst()
    if (!row) throw new LedgerError('invalid_input', '所选的常用答复不属于该问题类别，请重新选择')
    await trx
      .updateTable('answer_templates')
      .set((eb) => ({ use_count: eb('use_count', '+', 1) }))
      .where('id', '=', u.templateId)
      .execute()
  }
}
