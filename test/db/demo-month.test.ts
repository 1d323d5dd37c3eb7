import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures/month'
import { generateDemoMonth } from '../../tools/demo'
import { openTempLedger, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
beforeEach(async () => {
  t = await openTempLedger('2026-11-18 11:00:00')
})
afterEach(async () => {
  await t.close()
})

const latest = async (sql: string): Promise<string | null> => {
  const row = t.ledger.sqlite.prepare(sql).pluck().get()
  return typeof row === 'string' ? row : null
}

describe('demo --month for the month the ledger is in', () => {
  it('holds no reception day, resolves nothing and calls nobody back after the ledger’s today', async () => {
    const plan = await generateDemoMonth(t.ctx, '2026-11')
    const held = t.ledger.sqlite.prepare('select date, status from sessions order by date').all()
    // 2026-11: the enterprise day (the 5th working day) is past, the public day (the 13th) not yet.
    expect(held).toEqual([
      { date: '2026-11-06', status: 'closed' },
      { date: '2026-11-18', status: 'planned' },
    ])
    for (const sql of [
      'select max(at) from issue_history',
      'select max(created_at) from callbacks',
      'select max(callback_date) from callbacks',
      'select max(resolved_date) from issues',
      'select max(arrived_at) from visits',
      'select max(closed_at) from sessions',
    ]) {
      const at = await latest(sql)
      if (at !== null) expect(at <= '2026-11-18 11:00:00', `${sql}: ${at}`).toBe(true)
    }
    // What the plan says is what the ledger holds.
    const summary = await monthlySummary(t.ctx.db, '2026-11', '2026-11-18')
    expect(summary.sessions).toBe(plan.sessionsByKind.enterprise + plan.sessionsByKind.public)
    expect(summary.callbacks).toBe(plan.callbacks.satisfied + plan.callbacks.basically_satisfied + plan.callbacks.unsatisfied)
    expect(summary.visits).toBe(plan.visits)
  })

  it('still fills a month that is over completely', async () => {
    const plan = await generateDemoMonth(t.ctx, '2026-10')
    expect(plan.sessionsByKind).toMatchObject({ enterprise: 1, public: 1 })
    expect(plan.issuesByStatus.closed).toBeGreaterThan(0)
  })
})
