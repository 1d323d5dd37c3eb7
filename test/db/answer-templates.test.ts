import { describe, expect, it } from 'vitest'
import { listAnswerTemplates, saveAnswerTemplate } from '../../db/reference/answers'
import { registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

const consultWith = (sessionId: number, categoryId: number, answerTemplateId: number, answer: string) =>
  residentVisit(sessionId, {
    matters: [{ type: 'consultation', categoryId, content: '排污许可证延续要什么材料', answer, answerTemplateId }],
  })

describe('常用答复', () => {
  it('offers a category’s saved answers the most used first, counting a use when a visit is saved with one, edited or not', async () => {
    const permit = f.category('排污许可').id
    const a = await saveAnswerTemplate(t.ctx, { categoryId: permit, text: '已告知延续申请须提前30日提交，并发放材料清单' })
    const b = await saveAnswerTemplate(t.ctx, { categoryId: permit, text: '已告知可在全国排污许可证管理信息平台网上办理' })
    await saveAnswerTemplate(t.ctx, { categoryId: f.category('噪声').id, text: '已告知建筑施工噪声由住建部门负责' })
    const day = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, consultWith(day.id, permit, b.id, b.text))
    await registerVisit(t.ctx, consultWith(day.id, permit, b.id, `${b.text}，并留下联系电话`))
    expect((await listAnswerTemplates(t.ctx.db, { categoryId: permit })).map((x) => [x.id, x.useCount])).toEqual([
      [b.id, 2],
      [a.id, 0],
    ])
  })

  it('refuses a saved answer of another category on a visit and saves nothing of it', async () => {
    const noise = await saveAnswerTemplate(t.ctx, { categoryId: f.category('噪声').id, text: '已告知建筑施工噪声由住建部门负责' })
    const day = await openDay(t, f, '2026-11-10')
    const before = await tableCounts(t)
    const e = await refused(registerVisit(t.ctx, consultWith(day.id, f.category('排污许可').id, noise.id, noise.text)))
    expect(e.message).toContain('不属于该问题类别')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses the same answer twice in one category, and leaves a stopped one out of the desk’s list', async () => {
    const permit = f.category('排污许可').id
    const a = await saveAnswerTemplate(t.ctx, { categoryId: permit, text: '已发放材料清单' })
    expect((await refused(saveAnswerTemplate(t.ctx, { categoryId: permit, text: ' 已发放材料清单 ' }))).code).toBe('duplicate')
    await saveAnswerTemplate(t.ctx, { id: a.id, categoryId: permit, text: a.text, active: false })
    expect(await listAnswerTemplates(t.ctx.db, { categoryId: permit })).toEqual([])
    expect(await listAnswerTemplates(t.ctx.db, { categoryId: permit, includeInactive: true })).toHaveLength(1)
  })
})
