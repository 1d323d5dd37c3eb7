import fs from 'node:fs'
import path from 'node:path'
import { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateLedger, type GeneratedLedger } from '../../bench/generate'
import type { LedgerContext } from '../../db/core/context'
import { OPEN_STATUSES } from '../../db/issues/deadlines'
import { LedgerDialect } from '../../db/core/sqlite-dialect'
import { organizationHistory, visitorHistory } from '../../db/directory/history'
import { findReturning } from '../../db/directory/match'
import { listOrganizations, listVisitors } from '../../db/directory/list'
import { countProvisionalDeadlines } from '../../db/calendar/recount'
import { loadCalendar } from '../../db/issues/deadlines'
import { monthlySummary } from '../../db/figures/month'
import { yearlySummary } from '../../db/figures/year'
import { listIssues, type IssueFilter } from '../../db/issues/queries'
import { getIssueDetail } from '../../db/issues/detail'
import { callbackQueue } from '../../db/issues/callback-queue'
import { openLedger, type LocalLedger } from '../../db/core/open'
import type { Database } from '../../db/core/schema'
import { search } from '../../db/search/search'
import { openSession, planSession } from '../../db/sessions/sessions'
import { listSessionVisits, registerVisit } from '../../db/visits/register'
import { tempDir } from '../support/temp-ledger'

// Every screen's queries, as the app sends them, through EXPLAIN QUERY PLAN: none may read the
// big tables (visits, matters, issues) by a full scan. The SQL is captured with Kysely's log
// option on a second handle over the same file, so it is exactly what the functions compile.
// The ledger is small (generated, two years), but no ANALYZE has run, so the planner decides
// from the schema alone, as it does on a bureau's PC.

const BIG_TABLES = new Set(['visits', 'matters', 'issues'])
const SQL_WORDS = new Set([
  'where',
  'on',
  'join',
  'left',
  'inner',
  'cross',
  'order',
  'group',
  'limit',
  'union',
  'using',
  'natural',
  'as',
  'set',
  'values',
])

let dir: string
let ledger: LocalLedger
let made: GeneratedLedger
let captured: CompiledQuery[] = []
let db: Kysely<Database>
let ctx: LedgerContext

beforeAll(async () => {
  dir = tempDir('query-plans-')
  ledger = await openLedger(path.join(dir, 'ledger.sqlite'))
  made = await generateLedger(ledger, { scale: 0.002, firstMonth: '2024-01', months: 24, seed: 'plans' })
  db = new Kysely<Database>({
    dialect: new LedgerDialect(ledger.sqlite),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query)
    },
  })
  ctx = {
    db,
    actor: { kind: 'staff', id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk', ownPin: false },
    now: () => new Date(`${made.today}T10:00:00`),
  }
})
afterAll(async () => {
  await ledger.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** alias → table, from the FROM and JOIN clauses of the SQL. */
function aliases(sqlText: string): Map<string, string> {
  const map = new Map<string, string>()
  const re = /\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)"?(?:\s+(?:as\s+)?"?([a-z_][a-z0-9_]*)"?)?/gi
  for (const m of sqlText.matchAll(re)) {
    const table = (m[1] ?? '').toLowerCase()
    const alias = (m[2] ?? '').toLowerCase()
    map.set(alias && !SQL_WORDS.has(alias) ? alias : table, table)
    map.set(table, table)
  }
  return map
}

function isPartialIndex(name: string): boolean {
  const row = ledger.sqlite.prepare("select sql from sqlite_master where type = 'index' and name = ?").pluck().get(name)
  return typeof row === 'string' && /\bwhere\b/i.test(row)
}

interface Options {
  /**
   * Without any filter the ledger is walked in the order shown, through an index, and the walk
   * stops at the page's last row; counting every row reads the smallest index whole. Both are
   * index scans of the table, allowed only for the unfiltered list.
   */
  allowIndexWalk?: boolean
}

/** The plan lines that read visits, matters or issues whole. */
async function fullScans(work: () => Promise<unknown>, options: Options = {}): Promise<string[]> {
  captured = []
  await work()
  const queries = captured
  captured = []
  expect(queries.length).toBeGreaterThan(0)
  const bad: string[] = []
  for (const q of queries) {
    if (/^\s*(begin|commit|rollback)/i.test(q.sql)) continue
    const plan = ledger.sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters)
    const names = aliases(q.sql)
    for (const row of plan) {
      const detail = row !== null && typeof row === 'object' && 'detail' in row ? String(row.detail) : ''
      const m = /^SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?/.exec(detail)
      if (!m) continue
      const table = names.get((m[1] ?? '').toLowerCase()) ?? m[1] ?? ''
      if (!BIG_TABLES.has(table)) continue
      const index = m[2]
      if (index && (isPartialIndex(index) || options.allowIndexWalk)) continue
      bad.push(`${detail}  ←  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}`)
    }
  }
  return bad
}

const today = () => made.today

/** Every plan line of the queries `work` sends. */
async function planLines(work: () => Promise<unknown>): Promise<string[]> {
  captured = []
  await work()
  const queries = captured
  captured = []
  expect(queries.length).toBeGreaterThan(0)
  return queries.flatMap((q) =>
    ledger.sqlite
      .prepare(`explain query plan ${q.sql}`)
      .all(...q.parameters)
      .map((row) => (row !== null && typeof row === 'object' && 'detail' in row ? String(row.detail) : '')),
  )
}

describe('the desk’s start-up counts read a short range of an index', () => {
  it('the open issues whose deadline is provisional: by status and due date, not every general issue', async () => {
    const calendar = await loadCalendar(db)
    const lines = await planLines(() => countProvisionalDeadlines(db, calendar))
    expect(lines.find((l) => / i USING /.test(l))).toMatch(/USING INDEX issues_due \(status=\? AND due_date>\?\)/)
  })
})

describe('the directory’s lists read a page in the order of an index', () => {
  it.each([
    ['visitors', () => listVisitors(db, { page: 1, pageSize: 10 })],
    ['enterprises', () => listOrganizations(db, { page: 1, pageSize: 10 })],
    ['visitors, a later page', () => listVisitors(db, { page: 4, pageSize: 10 })],
  ])('%s: no sorting of every record, no full scan (the figures are grouped for the page’s rows only)', async (_name, work) => {
    const lines = await planLines(work)
    expect(lines.filter((l) => /TEMP B-TREE FOR ORDER BY|^SCAN (p|o|visitors|organizations)$/.test(l))).toEqual([])
  })
})

describe('the plan check itself', () => {
  it('catches a full scan of matters, and an index walk of issues unless it is allowed', async () => {
    const scan = await fullScans(() => db.selectFrom('matters as m').select('m.id').where('m.content', 'like', '%水%').execute())
    expect(scan).toHaveLength(1)
    expect(scan[0]).toMatch(/^SCAN m\b/)
    const walk = await fullScans(() => listIssues(db, {}, today()))
    expect(walk.length).toBeGreaterThan(0)
    // The count of every issue names the table, not its alias: SQLite counts it by its smallest index.
    expect(walk.every((line) => /^SCAN (i|issues) USING (COVERING )?INDEX/.test(line))).toBe(true)
  })
})

describe('the issue ledger list reads visits, matters and issues only through indexes', () => {
  const filtered: [string, IssueFilter][] = [
    ['status (open)', { status: [...OPEN_STATUSES] }],
    ['status (closed)', { status: ['closed'] }],
    ['category', { categoryId: 2 }],
    ['department', { departmentId: 3 }],
    ['due state overdue', { dueState: 'overdue' }],
    ['due state due soon', { dueState: 'due_soon' }],
    ['due state on time', { dueState: 'on_time' }],
    ['month', { month: '2025-11' }],
    ['text of three or more characters', { text: '工业园' }],
    ['text of eight characters', { text: '夜间排放刺鼻气体' }],
    ['text of two characters', { text: '黑臭' }],
    ['text of one character', { text: '水' }],
    ['text of a long and a short term', { text: '工业园 夜间' }],
    ['visitor', { visitorId: 3 }],
    ['enterprise', { organizationId: 2 }],
    ['session', { sessionId: 5 }],
    ['status, category and month together', { status: ['closed'], categoryId: 1, month: '2025-06' }],
    ['status sorted by due date', { status: [...OPEN_STATUSES], sort: 'dueDate', order: 'asc' }],
    ['status sorted by number', { status: ['resolved'], sort: 'number' }],
    ['status sorted by resolved date', { status: ['resolved', 'closed'], sort: 'resolvedDate' }],
    ['month sorted by number', { month: '2025-03', sort: 'number', order: 'asc' }],
    ['department on a later page', { departmentId: 3, page: 3, pageSize: 20 }],
    ['办理程序', { procedure: 'petition' }],
    ['来源', { sourceId: 5 }],
    ['a 工单号', { text: 'GD20261110' }],
    ['办理程序 and month together', { procedure: 'referral', month: '2025-06' }],
  ]
  it.each(filtered)('filtered by %s', async (_label, filter) => {
    expect(await fullScans(() => listIssues(db, filter, today()))).toEqual([])
  })

  const unfiltered: [string, IssueFilter][] = [
    ['newest first', {}],
    ['by due date', { sort: 'dueDate' }],
    ['by number', { sort: 'number', order: 'asc' }],
    ['by resolved date', { sort: 'resolvedDate' }],
    ['oldest first on a later page', { order: 'asc', page: 4 }],
  ]
  it.each(unfiltered)('unfiltered, sorted %s, walks an index in order instead of sorting the table', async (_label, filter) => {
    expect(await fullScans(() => listIssues(db, filter, today()), { allowIndexWalk: true })).toEqual([])
  })
})

describe('the desk and the ledger screens read visits, matters and issues only through indexes', () => {
  it.each(['139', '13912345678', '张', '张伟', '张桂芳', '化工', '青山化工', '913501', '91350100M000100Y43'])(
    'returning-visitor lookup for %s',
    async (q) => {
      expect(await fullScans(() => findReturning(ctx, q))).toEqual([])
    },
  )

  it.each(['水', '黑臭', '工业园', '夜间排放刺鼻气体', '工业园 水', 'JD-2025-11', '刘洋', '青山化工'])('search for %s', async (q) => {
    expect(await fullScans(() => search(db, q))).toEqual([])
  })

  it('monthly figures', async () => {
    expect(await fullScans(() => monthlySummary(db, '2025-11', today()))).toEqual([])
  })

  it('yearly figures', async () => {
    expect(await fullScans(() => yearlySummary(db, '2025'))).toEqual([])
  })

  it('an issue with its timeline', async () => {
    expect(await fullScans(() => getIssueDetail(db, 7, today()))).toEqual([])
  })

  it("a visitor's and an enterprise's history", async () => {
    expect(await fullScans(() => visitorHistory(ctx, 3))).toEqual([])
    expect(await fullScans(() => organizationHistory(ctx, 2))).toEqual([])
  })

  it("a reception day's visits", async () => {
    expect(await fullScans(() => listSessionVisits(ctx, 5, { page: 2 }))).toEqual([])
  })

  it("回访's two queues", async () => {
    expect(await fullScans(() => callbackQueue(ctx, 'due'))).toEqual([])
    expect(await fullScans(() => callbackQueue(ctx, 'toClose', { page: 3 }))).toEqual([])
  })

  it('registering a visit with a consultation and an issue', async () => {
    const session = await planSession(ctx, { date: made.today, kind: 'enterprise', location: '窗口' })
    await openSession(ctx, session.id)
    const work = () =>
      registerVisit(ctx, {
        sessionId: session.id,
        visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
        organization: { name: '青山化工有限公司', creditCode: '91350100M000100Y43' },
        headcount: 2,
        matters: [
          { type: 'consultation', categoryId: 8, content: '排污许可证延续要哪些材料', answer: '已发放材料清单' },
          { type: 'issue', categoryId: 1, content: '厂界夜间异味', place: '城东工业园' },
        ],
      })
    expect(await fullScans(work)).toEqual([])
  })
})
