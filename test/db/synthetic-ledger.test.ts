import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FULL_SIZE, generateLedger, type GeneratedLedger } from '../../bench/generate'
import { OPEN_STATUSES } from '../../db/issues/deadlines'
import { monthlySummary } from '../../db/figures/month'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { checkSearchIndex } from '../../db/search/sqlite-index'
import type { IssueStatus } from '../../shared/types'
import { isValidCreditCode } from '../../db/validation/credit-code'
import { tempDir } from '../support/temp-ledger'

// The benchmark's ten-year generator, at a hundredth of its size: the ledger it writes must be
// one the app itself could have written.

const SCALE = 0.01
let dir: string
let ledger: LocalLedger
let made: GeneratedLedger

function rows<T>(query: string, guard: (r: unknown) => r is T): T[] {
  return ledger.sqlite.prepare(query).all().filter(guard)
}
function count(query: string): number {
  return Number(ledger.sqlite.prepare(query).pluck().get())
}
const isObject = (r: unknown): r is Record<string, unknown> => r !== null && typeof r === 'object'

beforeAll(async () => {
  dir = tempDir('synthetic-ledger-')
  ledger = await openLedger(path.join(dir, 'ledger.sqlite'))
  made = await generateLedger(ledger, { scale: SCALE })
})
afterAll(async () => {
  await ledger.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the synthetic ten-year ledger', () => {
  it('holds the rows asked for: 240 sessions and a hundredth of the visits, matters, issues and progress notes', () => {
    expect(made.rows).toMatchObject({
      sessions: FULL_SIZE.sessions,
      visits: FULL_SIZE.visits * SCALE,
      matters: FULL_SIZE.matters * SCALE,
      issues: FULL_SIZE.issues * SCALE,
      progress_notes: FULL_SIZE.progress * SCALE,
    })
    expect(made.firstMonth).toBe('2016-01')
    expect(made.lastMonth).toBe('2025-12')
  })

  it('passes integrity_check and foreign_key_check, and its search index is in step', () => {
    expect(ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(ledger.sqlite.pragma('foreign_key_check')).toEqual([])
    expect(checkSearchIndex(ledger.sqlite)).toEqual([])
  })

  it('gives every visitor and enterprise its latest visit not voided as its last-visit date', () => {
    const latest = (table: string, column: string) =>
      count(`select count(*) from ${table} r where r.last_visit_date is not
        (select max(v.visit_date) from visits v where v.${column} = r.id and v.voided_at is null)`)
    expect(count('select count(*) from visitors where last_visit_date is not null')).toBeGreaterThan(0)
    expect(latest('visitors', 'visitor_id')).toBe(0)
    expect(latest('organizations', 'organization_id')).toBe(0)
  })

  it('numbers issues JD-YYYY-MM-NNNN without a gap within each month of acceptance', () => {
    const issues = rows('select number, year_month, seq, accepted_date from issues order by year_month, seq', isObject)
    const seen = new Map<string, number>()
    for (const i of issues) {
      const month = String(i.year_month)
      const expected = (seen.get(month) ?? 0) + 1
      seen.set(month, expected)
      expect(i.seq).toBe(expected)
      expect(i.number).toBe(`JD-${month}-${String(expected).padStart(4, '0')}`)
      expect(String(i.accepted_date).slice(0, 7)).toBe(month)
    }
  })

  it('has issues in every state of the life cycle', () => {
    const states = rows('select distinct status from issues', isObject).map((r) => String(r.status))
    expect(new Set(states)).toEqual(
      new Set<IssueStatus>(['accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'transferred', 'rejected']),
    )
  })

  it('walks every issue from 受理 through its history to the status it has now, in time order', () => {
    const history = rows('select issue_id, action, from_status, to_status, at from issue_history order by issue_id, at, id', isObject)
    const issues = new Map(rows('select id, status, accepted_date from issues', isObject).map((i) => [Number(i.id), i]))
    const walked = new Map<number, { status: unknown; at: string }>()
    for (const h of history) {
      const id = Number(h.issue_id)
      const before = walked.get(id)
      if (!before) {
        expect(h).toMatchObject({ action: 'accept', from_status: null, to_status: 'accepted' })
        expect(String(h.at).slice(0, 10)).toBe(issues.get(id)?.accepted_date)
      } else {
        expect(h.from_status).toBe(before.status)
        expect(String(h.at) >= before.at).toBe(true)
      }
      walked.set(id, { status: h.to_status, at: String(h.at) })
    }
    expect(walked.size).toBe(issues.size)
    for (const [id, issue] of issues) expect(walked.get(id)?.status).toBe(issue.status)
  })

  it('keeps the columns that go with each status: dates, results, reasons and callbacks', () => {
    expect(count("select count(*) from issues where status in ('resolved', 'closed') and (resolved_date is null or result is null)")).toBe(
      0,
    )
    expect(count("select count(*) from issues where status = 'closed' and closed_date is null")).toBe(0)
    expect(count("select count(*) from issues where status != 'closed' and closed_date is not null")).toBe(0)
    expect(count("select count(*) from issues where status = 'reopened' and resolved_date is not null")).toBe(0)
    expect(count("select count(*) from issues where status = 'transferred' and (transfer_to is null or reason is null)")).toBe(0)
    expect(count("select count(*) from issues where status = 'rejected' and reason is null")).toBe(0)
    // Closed only after a satisfied (or basically satisfied) callback; reopened after an unsatisfied one.
    expect(
      count(`select count(*) from issues i where status = 'closed' and (select satisfaction from callbacks c where c.issue_id = i.id
        order by callback_date desc, id desc limit 1) not in ('satisfied', 'basically_satisfied')`),
    ).toBe(0)
    expect(
      count(
        "select count(*) from issues i where status = 'reopened' and not exists (select 1 from callbacks c where c.issue_id = i.id and satisfaction = 'unsatisfied')",
      ),
    ).toBe(0)
    // Progress notes only on issues that were worked on, never before they were accepted.
    expect(
      count(
        "select count(*) from progress_notes n join issues i on i.id = n.issue_id where i.status in ('accepted', 'transferred', 'rejected') or n.note_date < i.accepted_date",
      ),
    ).toBe(0)
    expect(count('select count(*) from extensions e join issues i on i.id = e.issue_id where e.new_due_date <= e.old_due_date')).toBe(0)
  })

  it('gives enterprises valid credit codes, distinct among them', () => {
    const codes = rows('select credit_code from organizations where credit_code is not null', isObject).map((r) => String(r.credit_code))
    expect(codes.length).toBeGreaterThan(0)
    expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([])
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('leaves no issue in the future of the day it is "as of"', () => {
    const latest = String(ledger.sqlite.prepare('select max(at) from issue_history').pluck().get())
    expect(latest < made.today).toBe(true)
    expect(String(ledger.sqlite.prepare('select max(callback_date) from callbacks').pluck().get()) < made.today).toBe(true)
  })

  it('has monthly figures that add up, over the ten years, to the ledger itself', async () => {
    const totals = { visits: 0, personTimes: 0, registered: 0, rejected: 0, transferred: 0, resolved: 0, open: 0, callbacks: 0 }
    for (let y = 2016; y <= 2025; y++) {
      for (let m = 1; m <= 12; m++) {
        const s = await monthlySummary(ledger.db, `${y}-${String(m).padStart(2, '0')}`, made.today)
        expect(s.sessions).toBe(2)
        expect(s.issuesAccepted).toBe(s.issuesRegistered - s.issuesRejected)
        expect(s.issuesResolvedOnTime).toBeLessThanOrEqual(s.issuesResolved)
        expect(s.personTimes).toBe(s.residentPersonTimes + s.enterprisePersonTimes)
        totals.visits += s.visits
        totals.personTimes += s.personTimes
        totals.registered += s.issuesRegistered
        totals.rejected += s.issuesRejected
        totals.transferred += s.issuesTransferred
        totals.resolved += s.issuesResolved
        totals.open += s.issuesOpen
        totals.callbacks += s.callbacks
      }
    }
    const by = made.issuesByStatus
    expect(totals).toEqual({
      visits: made.rows.visits,
      personTimes: made.personTimes,
      registered: made.rows.issues,
      rejected: by.rejected,
      transferred: by.transferred,
      resolved: by.resolved + by.closed,
      open: OPEN_STATUSES.reduce((a, s) => a + by[s], 0),
      callbacks: made.rows.callbacks,
    })
  })

  it('is the same ledger every time for the same seed', async () => {
    const again = tempDir('synthetic-ledger-again-')
    try {
      const second = await openLedger(path.join(again, 'ledger.sqlite'))
      const other = await generateLedger(second, { scale: SCALE })
      const digest = (l: LocalLedger) =>
        l.sqlite
          .prepare(
            "select group_concat(number || status || due_date || coalesce(resolved_date, ''), ',') from (select * from issues order by id)",
          )
          .pluck()
          .get()
      expect(other.rows).toEqual(made.rows)
      expect(digest(second)).toBe(digest(ledger))
      await second.close()
    } finally {
      fs.rmSync(again, { recursive: true, force: true })
    }
  })
})
