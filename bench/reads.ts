// The desk's reads, each timed against its floor: the SQL it sent, replayed raw (bench/run.ts's
// header says what the ratio then measures): the ledger list, the returning-visitor lookup,
// search and the figures.

import { CompiledQuery, Kysely } from 'kysely'
import type { LedgerContext } from '../db/core/context'
import { LedgerDialect } from '../db/core/sqlite-dialect'
import { findReturning } from '../db/directory/match'
import { monthlySummary } from '../db/figures/month'
import { yearlySummary } from '../db/figures/year'
import { listIssues, type IssueFilter } from '../db/issues/queries'
import type { LocalLedger } from '../db/core/open'
import type { Database } from '../db/core/schema'
import { search } from '../db/search/search'
import type { GeneratedLedger } from './generate'
import { timePair, type Measuring } from './measure'
import { text } from './row-text'

export interface ReadSetup {
  ledger: LocalLedger
  ctx: LedgerContext
  made: GeneratedLedger
  /** A visitor's whole phone number, as the desk would type it. */
  phone: string
}

export async function measureReads(m: Measuring, { ledger, ctx, made, phone }: ReadSetup): Promise<void> {
  const today = made.today

  /** The statements a read sends, captured once through Kysely's log on a second handle. */
  async function capture(work: (db: Kysely<Database>) => Promise<unknown>): Promise<CompiledQuery[]> {
    const queries: CompiledQuery[] = []
    const db = new Kysely<Database>({
      dialect: new LedgerDialect(ledger.sqlite),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query)
      },
    })
    await work(db)
    return queries
  }

  /** The floor for a read: the same statements, prepared once, run raw. */
  function replay(queries: CompiledQuery[]): () => void {
    const prepared = queries.map((q) => ({ stmt: ledger.sqlite.prepare(q.sql), params: [...q.parameters] }))
    return () => {
      for (const p of prepared) {
        if (p.stmt.reader) p.stmt.all(...p.params)
        else p.stmt.run(...p.params)
      }
    }
  }

  async function read(
    group: string,
    name: string,
    work: (db: Kysely<Database>) => Promise<unknown>,
    reps: number,
    target: string,
    limitMs: number | null,
    note?: string,
  ) {
    const floor = replay(await capture(work))
    const [ours, raw] = await timePair(() => work(ctx.db), floor, 5, m.runs(reps))
    m.record({ group, name, ours, floor: raw, target, met: limitMs === null ? null : ours.p50 <= limitMs, ...(note ? { note } : {}) })
  }

  // ---- the ledger list ----

  process.stdout.write('The issue ledger list …\n')
  const lastMonth = made.lastMonth
  const lastPage = Math.max(1, Math.ceil((made.rows.issues ?? 0) / 50))
  const filters: [string, IssueFilter, boolean][] = [
    ['newest first, no filter', {}, true],
    ['open issues', { status: ['accepted', 'assigned', 'in_progress', 'reopened'] }, true],
    ['overdue', { dueState: 'overdue' }, true],
    ['one month', { month: lastMonth }, true],
    ['category + month', { categoryId: 1, month: lastMonth }, true],
    ['department', { departmentId: 3 }, true],
    ['text, 3 characters', { text: '工业园' }, true],
    ['closed issues (47,000 of 60,000)', { status: ['closed'] }, false],
    ['sorted by due date', { sort: 'dueDate' }, false],
    ['text, 2 characters', { text: '黑臭' }, false],
    ['text, 1 character', { text: '水' }, false],
    [`the last page (${lastPage}, no filter)`, { page: lastPage }, false],
  ]
  for (const [name, filter, common] of filters) {
    await read(
      '台账列表',
      name,
      (db) => listIssues(db, filter, today),
      100,
      common ? 'p50 ≤ 5 ms' : '(not a common filter)',
      common ? 5 : null,
    )
  }

  // ---- returning-visitor lookup ----

  process.stdout.write('Returning-visitor lookup …\n')
  const codeRow = ledger.sqlite
    .prepare('select credit_code from organizations where credit_code is not null order by id desc limit 1')
    .get()
  const lookups: [string, string][] = [
    ['phone, first 3 digits', '139'],
    ['phone, whole', phone],
    ['name, 1 character', '刘'],
    ['name, 2 characters', '张伟'],
    ['enterprise name, 4 characters', '青山化工'],
    ['credit code, whole', text(codeRow, 'credit_code')],
  ]
  for (const [name, q] of lookups) {
    await read('来访人识别', name, (db) => findReturning({ ...ctx, db }, q), 100, '(none set; desk keystroke)', null)
  }

  // ---- search ----

  process.stdout.write('Search …\n')
  const searches: [string, string][] = [
    ['1 character', '水'],
    ['2 characters', '黑臭'],
    ['3 characters', '工业园'],
    ['8 characters', '夜间排放刺鼻气体'],
    ['2 characters, a name', '刘洋'],
    ['2 characters found nowhere', '谬误'],
    ['3 + 1 characters', '工业园 水'],
  ]
  for (const [name, q] of searches) {
    await read('搜索', name, (db) => search(db, q), 100, 'p50 ≤ 20 ms', 20)
  }

  // ---- figures ----

  process.stdout.write('Figures …\n')
  await read('统计', `monthly, ${lastMonth}`, (db) => monthlySummary(db, lastMonth, today), 50, '≤ 20 ms', 20)
  await read('统计', 'monthly, 2020-06', (db) => monthlySummary(db, '2020-06', today), 50, '≤ 20 ms', 20)
  const lastYear = lastMonth.slice(0, 4)
  await read('统计', `yearly, ${lastYear}`, (db) => yearlySummary(db, lastYear), 20, '≤ 100 ms', 100)
  await read('统计', 'yearly, 2020', (db) => yearlySummary(db, '2020'), 20, '≤ 100 ms', 100)
}
