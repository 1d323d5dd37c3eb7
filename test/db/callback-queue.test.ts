import { describe, expect, it } from 'vitest'
import { callbackQueue } from '../../db/issues/callback-queue'
import { assignIssue, closeIssue, recordCallback, resolveIssue } from '../../db/issues/actions'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import type { Fixture, TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

/** Accepts, hands over and resolves an issue on `date`; returns its id. */
async function resolvedOn(date: string, sessionId: number, content: string): Promise<number> {
  const { issueId } = await acceptIssue(t, f, sessionId, content)
  await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
  t.clock.set(`${date} 10:00:00`)
  await resolveIssue(t.ctx, { issueId, result: `已整改：${content}` })
  return issueId
}

describe('回访 queues', () => {
  it('lists a resolved issue as due until a satisfied call moves it to the 销号 queue, and closing takes it off both', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const id = await resolvedOn('2026-11-12', day.id, '搅拌站夜间噪声')
    expect((await callbackQueue(t.ctx, 'due')).rows.map((r) => r.id)).toEqual([id])
    expect((await callbackQueue(t.ctx, 'toClose')).total).toBe(0)

    await recordCallback(t.ctx, { issueId: id, method: 'phone', satisfaction: 'basically_satisfied' })
    expect((await callbackQueue(t.ctx, 'due')).total).toBe(0)
    const toClose = await callbackQueue(t.ctx, 'toClose')
    expect(toClose.rows).toMatchObject([{ id, lastSatisfaction: 'basically_satisfied', lastCallbackDate: '2026-11-12' }])

    await closeIssue(t.ctx, { issueId: id })
    expect((await callbackQueue(t.ctx, 'toClose')).total).toBe(0)
  })

  it('carries the masked phone and the result of each row, so the screen needs no call per row', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await resolvedOn('2026-11-12', day.id, '化工园区夜间有刺鼻气味')
    const [row] = (await callbackQueue(t.ctx, 'due')).rows
    expect(row).toMatchObject({
      visitorPhone: '138****5678',
      result: '已整改：化工园区夜间有刺鼻气味',
      lastSatisfaction: null,
      lastCallbackDate: null,
    })
    expect(JSON.stringify(row)).not.toContain('13812345678')
  })

  it('puts an issue reopened after an unsatisfied call back in the due queue with that call as its last', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const id = await resolvedOn('2026-11-12', day.id, '河道排污口异味')
    await recordCallback(t.ctx, { issueId: id, method: 'phone', satisfaction: 'unsatisfied', comment: '异味仍在' })
    expect((await callbackQueue(t.ctx, 'due')).total).toBe(0)
    t.clock.set('2026-11-16 10:00:00')
    await resolveIssue(t.ctx, { issueId: id, result: '已封堵排污口' })
    expect((await callbackQueue(t.ctx, 'due')).rows).toMatchObject([{ id, lastSatisfaction: 'unsatisfied', result: '已封堵排污口' }])
    expect((await callbackQueue(t.ctx, 'toClose')).total).toBe(0)
  })

  it('pages the due queue in the ledger, the longest waiting first, with the whole count', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const accepted: number[] = []
    for (let n = 0; n < 12; n++) accepted.push((await acceptIssue(t, f, day.id, `第${n + 1}个问题`)).issueId)
    const ids: number[] = []
    // Resolved on successive days, the last first, so the order cannot come from the ids.
    for (const [n, issueId] of accepted.entries()) {
      await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
      t.clock.set(`2026-11-${String(23 - n).padStart(2, '0')} 10:00:00`)
      await resolveIssue(t.ctx, { issueId, result: `已整改：第${n + 1}个问题` })
      ids.push(issueId)
    }
    t.clock.set('2026-11-24 09:00:00')
    const first = await callbackQueue(t.ctx, 'due', { page: 1, pageSize: 5 })
    const third = await callbackQueue(t.ctx, 'due', { page: 3, pageSize: 5 })
    expect(first.total).toBe(12)
    expect(first.rows.map((r) => r.resolvedDate)).toEqual(['2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16'])
    expect(third.rows.map((r) => r.id)).toEqual([ids[1], ids[0]])
  })
})
