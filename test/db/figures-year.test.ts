import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateLedger, type GeneratedLedger } from '../../bench/generate'
import { OPEN_STATUSES } from '../../db/issues/deadlines'
import { LedgerError } from '../../db/core/errors'
import { carriedOverIds, monthlySummary } from '../../db/figures/month'
import { yearlySummary } from '../../db/figures/year'
import { openLedger, type LocalLedger } from '../../db/core/open'
import type { MonthFigures } from '../../shared/types'
import { registerContact } from '../../db/visits/register'
import { voidVisit } from '../../db/visits/voids'
import { field } from '../support/dispatch'
import { tempDir } from '../support/temp-ledger'

// Two generated years (2024–2025, a five-hundredth of the benchmark's density) checked against
// the monthly summary, whose definitions were worked by hand in figures.test.ts.

let dir: string
let ledger: LocalLedger
let made: GeneratedLedger

beforeAll(async () => {
  dir = tempDir('figures-year-')
  ledger = await openLedger(path.join(dir, 'ledger.sqlite'))
  made = await generateLedger(ledger, { scale: 0.002, firstMonth: '2024-01', months: 24, seed: 'figures-year' })
  // What the generator does not write: an issue phoned in between reception days, and a voided visit.
  const ctx = {
    db: ledger.db,
    // Written as the command line would: voiding another's visit is a supervisor's or the system's act.
    actor: { ...systemActor, name: '测试' },
    now: () => new Date('2025-11-20T10:00:00'),
  }
  await registerContact(ctx, {
    channel: 'phone',
    date: '2025-11-18',
    visitor: { name: '来电群众', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: 1, content: '电话反映夜间异味' }],
  })
  const visit = ledger.sqlite
    .prepare("select id from visits where visit_date like '2025-11-%' and channel = 'desk' order by id limit 1")
    .pluck()
    .get()
  await voidVisit(ctx, { visitId: Number(visit), reason: '重复登记' })
})
afterAll(async () => {
  await ledger.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const FIELDS = [
  'sessions',
  'visits',
  'enterprises',
  'residentPersonTimes',
  'enterprisePersonTimes',
  'personTimes',
  'consultations',
  'issuesRegistered',
  'issuesAccepted',
  'issuesResolved',
  'issuesResolvedOnTime',
  'issuesClosed',
  'issuesTransferred',
  'issuesRejected',
  'issuesOpen',
  'resolutionRate',
  'onTimeRate',
  'callbacks',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'satisfactionRate',
  'issuesResolvedInPeriod',
  'issuesResolvedInPeriodOnTime',
  'issuesResolvedInPeriodEarlier',
  'issuesCalledBack',
  'carriedOver',
  'carriedOverOpen',
] as const satisfies readonly (keyof MonthFigures)[]

describe('yearly figures', () => {
  it('give each month exactly the figures of its monthly summary', async () => {
    for (const year of ['2024', '2025']) {
      const y = await yearlySummary(ledger.db, year)
      expect(y.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`))
      for (const m of y.months) {
        const monthly = await monthlySummary(ledger.db, m.month, made.today)
        for (const field of FIELDS) expect(m[field], `${m.month} ${field}`).toBe(monthly[field])
      }
    }
  })

  it('total the months, counting an enterprise once a year and carrying over what was open on 1 January', async () => {
    const y = await yearlySummary(ledger.db, '2025')
    for (const field of [
      'sessions',
      'visits',
      'personTimes',
      'consultations',
      'issuesRegistered',
      'issuesResolved',
      'issuesResolvedInPeriod',
      'callbacks',
    ] as const) {
      expect(y.total[field], field).toBe(y.months.reduce((a, m) => a + m[field], 0))
    }
    expect(y.total.enterprises).toBeLessThanOrEqual(y.months.reduce((a, m) => a + m.enterprises, 0))
    expect(y.total.enterprises).toBeGreaterThanOrEqual(Math.max(...y.months.map((m) => m.enterprises)))
    expect(y.total.carriedOver).toBe(y.months[0]?.carriedOver)
    // Each issue called back is rated once in the year, by its last call in the year.
    expect(y.total.issuesCalledBack).toBeLessThanOrEqual(y.months.reduce((a, m) => a + m.issuesCalledBack, 0))
    expect(y.total.issuesCalledBack).toBeLessThanOrEqual(y.total.callbacks)
    expect(y.byCategory.reduce((a, c) => a + c.issuesAccepted, 0)).toBe(y.total.issuesAccepted)
  })

  it('refuses a year that is not four digits', async () => {
    await expect(yearlySummary(ledger.db, '25')).rejects.toBeInstanceOf(LedgerError)
  })
})

describe('carried-over issues', () => {
  it('are, month by month, exactly the issues whose last change before the month, by the day it happened, left them open', async () => {
    // Worked out here from the raw rows, apart from the SQL under test: a history row's business
    // date is the 受理 date for the acceptance, the 办结日期 for a resolution, the call's date for a
    // reopening, otherwise the day it was written.
    const open = new Set<string>(OPEN_STATUSES)
    const issues = ledger.sqlite
      .prepare(
        `select i.id, i.accepted_date from issues i join matters m on m.id = i.matter_id join visits v on v.id = m.visit_id where v.voided_at is null`,
      )
      .all()
      .map((r) => ({ id: Number(field(r, 'id')), accepted: String(field(r, 'accepted_date')) }))
    const history = ledger.sqlite.prepare('select id, issue_id, action, to_status, at, detail from issue_history order by id').all()
    const changes = new Map<number, { id: number; date: string; to: string }[]>()
    for (const h of history) {
      const issueId = Number(field(h, 'issue_id'))
      const detail: unknown = field(h, 'detail') === null ? {} : JSON.parse(String(field(h, 'detail')))
      const action = String(field(h, 'action'))
      const accepted = issues.find((i) => i.id === issueId)?.accepted ?? ''
      const typed = String(field(h, 'at')).slice(0, 10)
      const stated = action === 'resolve' ? field(detail, 'date') : action === 'reopen' ? field(detail, 'callbackDate') : undefined
      const date = action === 'accept' ? accepted : typeof stated === 'string' ? stated : typed
      changes.set(issueId, [...(changes.get(issueId) ?? []), { id: Number(field(h, 'id')), date, to: String(field(h, 'to_status')) }])
    }
    let nonEmpty = 0
    for (let m = 1; m <= 24; m++) {
      const first = `${2024 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01`
      const expected = issues
        .filter((i) => i.accepted < first)
        .filter((i) => {
          const before = (changes.get(i.id) ?? [])
            .filter((c) => c.date < first)
            .sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1))
          const last = before.at(-1)
          return last !== undefined && open.has(last.to)
        })
        .map((i) => i.id)
        .sort((a, b) => a - b)
      const found = (await carriedOverIds(ledger.db, first)).sort((a, b) => a - b)
      expect(found, first).toEqual(expected)
      if (found.length > 0) nonEmpty += 1
    }
    expect(nonEmpty).toBeGreaterThan(12)
  })
})
