import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { generateDemoMonth } from '../../tools/demo'
import { exportMonthXlsx } from '../../db/export'
import { monthlySummary } from '../../db/figures/month'
import { inspectImportFile, runImport } from '../../db/import'
import { seedDefaults } from '../../db/reference/reference'
import type { MonthlySummary } from '../../shared/types'
import { openEngineLedger } from '../support/engine-ledger'
import type { TestLedger } from '../support/temp-ledger'

// A month exported by this app and imported into an empty ledger gives the same monthly figures:
// the export's 来访登记 sheet is the list of visits (its 来访事项 cell names each matter and its
// 问题编号), 问题台账 and 回访 add each issue's state and callbacks by 问题编号.

const MONTH = '2026-09'
const TODAY = '2026-10-15'
const ledgers: TestLedger<Ledger>[] = []
afterEach(async () => {
  for (const l of ledgers.splice(0)) await l.close()
})

async function ledger(): Promise<TestLedger<Ledger>> {
  const l = await openEngineLedger(`${TODAY} 09:00:00`)
  ledgers.push(l)
  return l
}

/** The figures a month is reported by, without the lists of issues (their ids differ between ledgers). */
function figures(s: MonthlySummary) {
  const { overdue, carriedOverIssues, ...rest } = s
  return { ...rest, overdue: overdue.length, carriedOverIssues: carriedOverIssues.length }
}

describe('round trip: export a month, import it into an empty ledger', () => {
  it('gives the same monthly figures', async () => {
    const source = await ledger()
    await generateDemoMonth(source.ctx, MONTH)
    const file = path.join(source.dir, `接待日台账-${MONTH}.xlsx`)
    await exportMonthXlsx(source.ctx, { month: MONTH, file })
    const expected = await monthlySummary(source.ctx.db, MONTH, TODAY)

    const target = await ledger()
    await seedDefaults(target.ctx)
    const inspection = await inspectImportFile(file)
    expect(inspection.defaultSheet).toBe('来访登记')
    const sheet = inspection.sheets.find((s) => s.name === '来访登记')
    expect(sheet?.linked).toEqual(['问题台账', '回访'])
    expect(sheet?.mapping).toMatchObject({
      date: 1,
      time: 2,
      session: 3,
      visitorName: 4,
      visitorKind: 5,
      phone: 6,
      organization: 8,
      creditCode: 9,
      headcount: 10,
      content: 11,
      answer: 12,
    })

    const done = await runImport(target.ctx, { file, mapping: sheet?.mapping ?? {} })
    expect(done.unreadable).toEqual([])
    expect(done.duplicates).toEqual([])
    // Every issue of 问题台账 was reached from a visit of 来访登记.
    expect(done.warnings.map((w) => w.message).filter((m) => m.startsWith('问题台账中有'))).toEqual([])
    expect(done.counts.visits).toBe(expected.visits)

    const actual = await monthlySummary(target.ctx.db, MONTH, TODAY)
    expect(figures(actual)).toEqual(figures(expected))
    // The headline figures, spelled out.
    expect(actual).toMatchObject({
      sessions: 2,
      personTimes: expected.personTimes,
      enterprises: expected.enterprises,
      consultations: expected.consultations,
      issuesAccepted: expected.issuesAccepted,
      issuesResolved: expected.issuesResolved,
      issuesClosed: expected.issuesClosed,
    })
    expect(expected.issuesClosed).toBeGreaterThan(0)

    // The imported issues read like the originals, status by status and number by number.
    const issues = async (l: TestLedger<Ledger>) =>
      await l.ctx.db
        .selectFrom('issues')
        .select(['number', 'status', 'accepted_date', 'due_date', 'resolved_date', 'closed_date'])
        .orderBy('number')
        .execute()
    expect(await issues(target)).toEqual(await issues(source))
  })
})
