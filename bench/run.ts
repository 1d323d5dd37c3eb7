// npm run bench: a ten-year synthetic ledger, then the desk's everyday work timed against the
// raw-SQLite floor. Prints a table and writes bench/results.json. Numbers, not assertions: the
// tests never look at timings.
//
// The floor is the same work done with plain better-sqlite3 prepared statements:
// - registration: hand-written statements, the same rows (visit, two matters, issue, history,
//   two chained audit rows, the read-back), in one IMMEDIATE transaction at synchronous=FULL;
// - reads: the exact SQL the function sent (captured once through Kysely's log), prepared once
//   and replayed. ours ÷ floor is then the cost of Kysely, validation and mapping to domain
//   objects; the queries themselves are held to indexes by test/db/query-plans.test.ts.
//
// Options: --scale 0.1 (a smaller ledger), --keep (leave the ledger file), --quick (fewer runs).

import BetterSqlite3 from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CompiledQuery, Kysely } from 'kysely'
import { checkLedgerHealth } from '../db/backup'
import type { LedgerContext } from '../db/context'
import { loadCalendar } from '../db/deadlines'
import { LedgerDialect } from '../db/dialect'
import { findReturning } from '../db/directory'
import { monthlySummary } from '../db/figures'
import { yearlySummary } from '../db/figures-year'
import { listIssues, type IssueFilter } from '../db/issue-queries'
import { openLedger, type Ledger } from '../db/open'
import type { Database } from '../db/schema'
import { search } from '../db/search'
import { openSession, planSession } from '../db/sessions'
import { registerVisit, type RegisterVisitInput } from '../db/visits'
import { generateLedger } from './generate'

// ---- options ----

const args = process.argv.slice(2)
const scaleArg = args.indexOf('--scale')
const SCALE = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 1
const KEEP = args.includes('--keep')
const QUICK = args.includes('--quick')
const runs = (n: number) => (QUICK ? Math.max(5, Math.ceil(n / 5)) : n)

// ---- measuring ----

interface Stats {
  n: number
  p50: number
  p99: number
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
  return { n: sorted.length, p50: rank(0.5), p99: rank(0.99) }
}

async function time(work: () => unknown, warmup: number, reps: number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < reps; i++) {
    const started = performance.now()
    await work()
    samples.push(performance.now() - started)
  }
  return stats(samples)
}

interface Row {
  group: string
  name: string
  ours: Stats | null
  floor: Stats | null
  /** ours p50 ÷ floor p50 */
  ratio: number | null
  target: string
  /** Whether the target is met; null when there is no target or nothing was measured. */
  met: boolean | null
  note?: string
}

const results: Row[] = []

function record(row: Omit<Row, 'ratio'>): void {
  const ratio = row.ours && row.floor ? row.ours.p50 / row.floor.p50 : null
  results.push({ ...row, ratio })
  const f = (s: Stats | null) => (s ? `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)}` : '—')
  process.stdout.write(`  ${row.group} · ${row.name}: ours ${f(row.ours)} ms, floor ${f(row.floor)} ms${ratio ? `, ×${ratio.toFixed(2)}` : ''}\n`)
}

// ---- the ledger ----

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'))
const file = path.join(workDir, 'ledger.sqlite')
process.stdout.write(`Generating a ${SCALE === 1 ? 'ten-year' : `${SCALE}×`} ledger in ${file} …\n`)
let ledger: Ledger = await openLedger(file)
const made = await generateLedger(ledger, { scale: SCALE })
ledger.sqlite.pragma('wal_checkpoint(TRUNCATE)')
const fileMb = fs.statSync(file).size / 1e6
process.stdout.write(`  ${Object.entries(made.rows).map(([k, v]) => `${k} ${v}`).join(', ')}\n`)
process.stdout.write(`  generated in ${(made.ms / 1000).toFixed(1)} s (search index rebuilt once at the end); file ${fileMb.toFixed(0)} MB\n\n`)

const today = made.today
let tick = new Date(`${today}T09:00:00`).getTime()
const ctxOf = (l: Ledger): LedgerContext => ({
  db: l.db,
  actor: { id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk' },
  now: () => new Date((tick += 1000)),
})
let ctx = ctxOf(ledger)

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

async function read(group: string, name: string, work: (db: Kysely<Database>) => Promise<unknown>, reps: number, target: string, limitMs: number | null, note?: string) {
  const floor = replay(await capture(work))
  const ours = await time(() => work(ctx.db), 5, runs(reps))
  const raw = await time(floor, 5, runs(reps))
  record({ group, name, ours, floor: raw, target, met: limitMs === null ? null : ours.p50 <= limitMs, ...(note ? { note } : {}) })
}

// ---- registration ----

process.stdout.write('Registering visits (synchronous=FULL) …\n')
const session = await planSession(ctx, { date: today, kind: 'enterprise', location: '政务服务中心生态环境窗口' })
await openSession(ctx, session.id)
const contact = ledger.sqlite
  .prepare(
    `select p.name as name, p.phone as phone, o.name as org, o.credit_code as code from visitors p join organizations o on o.id = p.organization_id
     where p.phone is not null and o.credit_code is not null and p.merged_into_id is null order by p.id limit 1`,
  )
  .get()
function text(r: unknown, key: string): string {
  const v = r !== null && typeof r === 'object' && key in r ? Object.getOwnPropertyDescriptor(r, key)?.value : undefined
  if (typeof v !== 'string') throw new Error(`no ${key} in the generated ledger`)
  return v
}
const categories = ledger.sqlite.prepare('select id, time_limit_days from categories order by id').all()
const consultCategory = 8
const issueCategory = 1
const visitInput: RegisterVisitInput = {
  sessionId: session.id,
  visitor: { name: text(contact, 'name'), phone: text(contact, 'phone'), kind: 'enterprise' },
  organization: { name: text(contact, 'org'), creditCode: text(contact, 'code') },
  headcount: 2,
  matters: [
    { type: 'consultation', categoryId: consultCategory, content: '排污许可证到期延续需要准备哪些材料', answer: '已告知延续申请须提前30日提交，并发放材料清单' },
    { type: 'issue', categoryId: issueCategory, content: '厂界夜间有刺鼻异味，周边居民反映强烈', place: '城东工业园' },
  ],
}
const regOurs = await time(() => registerVisit(ctx, visitInput), 20, runs(300))

// The floor: the statements registerVisit sends, written by hand.
const s = ledger.sqlite
const floorStmts = {
  begin: s.prepare('begin immediate'),
  commit: s.prepare('commit'),
  session: s.prepare('select * from sessions where id = ? and voided_at is null'),
  categories: s.prepare('select * from categories where id in (?, ?)'),
  org: s.prepare('select * from organizations where credit_code = ? and merged_into_id is null'),
  visitor: s.prepare('select * from visitors where phone = ? and name = ? and merged_into_id is null order by id'),
  visit: s.prepare(
    `insert into visits (session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, channel, received_by_id, note, voided_at, void_reason, created_at)
     values (?, ?, ?, ?, ?, ?, 'desk', ?, null, null, null, ?)`,
  ),
  holidays: s.prepare('select date, kind from holiday_overrides'),
  matter: s.prepare('insert into matters (visit_id, type, category_id, content, answer, place, created_at) values (?, ?, ?, ?, ?, ?, ?)'),
  maxSeq: s.prepare('select max(seq) as max_seq from issues where year_month = ?'),
  issue: s.prepare(
    `insert into issues (matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, department_id, assignee_id, leader_id,
       first_contact_id, result, resolved_date, closed_date, transfer_to, reason, created_at, updated_at)
     values (?, ?, ?, ?, 'accepted', ?, ?, ?, null, null, null, ?, null, null, null, null, null, ?, ?)`,
  ),
  history: s.prepare("insert into issue_history (issue_id, action, from_status, to_status, actor_id, at, reason, detail) values (?, 'accept', null, 'accepted', ?, ?, null, ?)"),
  lastHash: s.prepare('select hash from audit_log order by id desc limit 1'),
  audit: s.prepare('insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  readVisit: s.prepare(
    `select v.*, p.name as visitor_name, p.phone as visitor_phone, o.name as organization_name, r.name as received_by_name
     from visits v join visitors p on p.id = v.visitor_id left join organizations o on o.id = v.organization_id left join staff r on r.id = v.received_by_id
     where v.voided_at is null and v.id in (?) order by v.arrived_at desc, v.id desc limit 500`,
  ),
  readMatters: s.prepare(
    `select m.*, c.name as category_name, i.id as issue_id, i.number as issue_number, i.status as issue_status
     from matters m join categories c on c.id = m.category_id left join issues i on i.matter_id = m.id where m.visit_id in (?) order by m.id`,
  ),
}
const calendar = await loadCalendar(ledger.db)
const issueCategoryRow = categories.find((c) => c !== null && typeof c === 'object' && 'id' in c && c.id === issueCategory)
const limitDays =
  issueCategoryRow !== null && typeof issueCategoryRow === 'object' && 'time_limit_days' in issueCategoryRow ? Number(issueCategoryRow.time_limit_days) : 15
function auditRow(action: string, entity: string, entityId: number, detail: Record<string, unknown>, at: string): void {
  const prevRow = floorStmts.lastHash.get()
  const prev = prevRow !== null && typeof prevRow === 'object' && 'hash' in prevRow ? String(prevRow.hash) : '0'.repeat(64)
  const body = [prev, at, made.deskStaff.id, made.deskStaff.name, action, entity, entityId, JSON.stringify(detail)].join('\u001f')
  floorStmts.audit.run(at, made.deskStaff.id, made.deskStaff.name, action, entity, entityId, JSON.stringify(detail), prev, createHash('sha256').update(body).digest('hex'))
}
function floorRegister(): void {
  const at = new Date((tick += 1000)).toISOString().replace('T', ' ').slice(0, 19)
  floorStmts.begin.run()
  try {
    floorStmts.session.get(session.id)
    floorStmts.categories.all(consultCategory, issueCategory)
    const org = floorStmts.org.get(visitInput.organization?.creditCode)
    const visitor = floorStmts.visitor.get(visitInput.visitor.phone, visitInput.visitor.name)
    const orgId = org !== null && typeof org === 'object' && 'id' in org ? Number(org.id) : null
    const visitorId = visitor !== null && typeof visitor === 'object' && 'id' in visitor ? Number(visitor.id) : 0
    const visitId = Number(floorStmts.visit.run(session.id, visitorId, orgId, 2, today, at, made.deskStaff.id, at).lastInsertRowid)
    floorStmts.holidays.all()
    floorStmts.matter.run(visitId, 'consultation', consultCategory, '排污许可证到期延续需要准备哪些材料', '已告知延续申请须提前30日提交，并发放材料清单', null, at)
    const matterId = Number(floorStmts.matter.run(visitId, 'issue', issueCategory, '厂界夜间有刺鼻异味，周边居民反映强烈', null, '城东工业园', at).lastInsertRowid)
    const ym = today.slice(0, 7)
    const max = floorStmts.maxSeq.get(ym)
    const seq = (max !== null && typeof max === 'object' && 'max_seq' in max ? Number(max.max_seq ?? 0) : 0) + 1
    const number = `JD-${ym}-${String(seq).padStart(4, '0')}`
    const issueId = Number(
      floorStmts.issue.run(matterId, number, ym, seq, issueCategory, today, calendar.addWorkdays(today, limitDays), made.deskStaff.id, at, at).lastInsertRowid,
    )
    floorStmts.history.run(issueId, made.deskStaff.id, at, JSON.stringify({ number }))
    auditRow('accept', 'issue', issueId, { from: null, to: 'accepted', reason: null, number }, at)
    auditRow('register', 'visit', visitId, { sessionId: session.id, visitorId, organizationId: orgId, headcount: 2, consultations: 1, issues: [number] }, at)
    floorStmts.commit.run()
    floorStmts.readVisit.all(visitId)
    floorStmts.readMatters.all(visitId)
  } catch (e) {
    if (s.inTransaction) s.exec('rollback')
    throw e
  }
}
const regFloor = await time(floorRegister, 20, runs(300))
record({
  group: '登记',
  name: 'register a visit: consultation + issue',
  ours: regOurs,
  floor: regFloor,
  target: '≤ 2× floor, p99 ≤ 10 ms',
  met: regOurs.p50 <= 2 * regFloor.p50 && regOurs.p99 <= 10,
  note: 'synchronous=FULL, WAL: every commit waits for the disk',
})

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
  await read('台账列表', name, (db) => listIssues(db, filter, today), 100, common ? 'p50 ≤ 5 ms' : '(not a common filter)', common ? 5 : null)
}

// ---- returning-visitor lookup ----

process.stdout.write('Returning-visitor lookup …\n')
const codeRow = ledger.sqlite.prepare('select credit_code from organizations where credit_code is not null order by id desc limit 1').get()
const lookups: [string, string][] = [
  ['phone, first 3 digits', '139'],
  ['phone, whole', text(contact, 'phone')],
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

// ---- opening ----

process.stdout.write('Opening the ledger …\n')
await ledger.close()
const openOurs = await time(
  async () => {
    const health = checkLedgerHealth(file)
    if (health.state === 'damaged') throw new Error(health.problems.join('; '))
    const l = await openLedger(file)
    await l.close()
  },
  1,
  runs(10),
)
const openFloor = await time(
  () => {
    const raw = new BetterSqlite3(file)
    raw.pragma('busy_timeout = 5000')
    raw.pragma('quick_check')
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.pragma('foreign_keys = ON')
    raw.prepare('select name from ledger_migration order by name').all()
    raw.close()
  },
  1,
  runs(10),
)
record({
  group: '打开',
  name: 'open: quick_check + migrations up to date',
  ours: openOurs,
  floor: openFloor,
  target: '≤ 500 ms',
  met: openOurs.p50 <= 500,
  note: `quick_check reads the whole ${fileMb.toFixed(0)} MB file`,
})
ledger = await openLedger(file)
ctx = ctxOf(ledger)

// ---- Excel export, each in a child process for its own peak memory ----

process.stdout.write('Excel export …\n')
interface ExportRun {
  ms: number
  rows: number
  maxRssMb: number
  bytes: number
}
function isExportRun(v: unknown): v is ExportRun {
  return v !== null && typeof v === 'object' && 'ms' in v && 'rows' in v && 'maxRssMb' in v && 'bytes' in v
}
const exportRuns: Record<string, ExportRun[]> = {}
for (const [kind, period, reps] of [
  ['month', lastMonth, QUICK ? 1 : 3],
  ['year', lastYear, QUICK ? 1 : 2],
] as const) {
  const out = path.join(workDir, `export-${period}.xlsx`)
  const samples: ExportRun[] = []
  for (let i = 0; i < reps; i++) {
    const line = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'export-child.ts'), file, kind, period, out, today], {
      encoding: 'utf8',
    })
    const parsed: unknown = JSON.parse(line.trim().split('\n').at(-1) ?? '{}')
    if (isExportRun(parsed)) samples.push(parsed)
  }
  exportRuns[kind] = samples
  const st = stats(samples.map((r) => r.ms))
  const peak = Math.max(...samples.map((r) => r.maxRssMb))
  const rows = samples[0]?.rows ?? 0
  const limit = kind === 'month' ? 1000 : 5000
  record({
    group: '导出',
    name: `${kind} to Excel (${rows} rows, peak ${peak.toFixed(0)} MB)`,
    ours: st,
    floor: null,
    target: kind === 'month' ? '≤ 1 s' : '≤ 5 s, ≤ 200 MB',
    met: st.p50 <= limit && (kind === 'month' || peak <= 200),
    note: 'own process: time from the export call to the file written; peak RSS includes Node and the open ledger',
  })
}

// ---- report ----

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 1e9),
  node: process.version,
  sqlite: String(ledger.sqlite.prepare('select sqlite_version()').pluck().get()),
  platform: `${os.type()} ${os.release()}`,
  load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
}
await ledger.close()

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1))
const lines = [
  `| | measurement | ours p50 / p99 ms | floor p50 / p99 ms | ours ÷ floor | target | met |`,
  `|---|---|---|---|---|---|---|`,
  ...results.map(
    (r) =>
      `| ${r.group} | ${r.name} | ${r.ours ? `${fmt(r.ours.p50)} / ${fmt(r.ours.p99)}` : '—'} | ${r.floor ? `${fmt(r.floor.p50)} / ${fmt(r.floor.p99)}` : '—'} | ${r.ratio === null ? '—' : `×${r.ratio.toFixed(2)}`} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`,
  ),
]
process.stdout.write(`\n${lines.join('\n')}\n\n`)
process.stdout.write(
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.platform}; Node ${machine.node}, SQLite ${machine.sqlite}; load ${machine.load}\n`,
)
process.stdout.write(
  `Ledger: ${Object.entries(made.rows).map(([k, v]) => `${k} ${v}`).join(', ')}; generated in ${(made.ms / 1000).toFixed(1)} s, ${fileMb.toFixed(0)} MB.\n`,
)

const resultsFile = path.join(import.meta.dirname, 'results.json')
fs.writeFileSync(
  resultsFile,
  `${JSON.stringify({ at: new Date().toISOString(), machine, scale: SCALE, ledger: { rows: made.rows, generationMs: made.ms, fileMb, today }, results, exports: exportRuns }, null, 2)}\n`,
)
process.stdout.write(`Wrote ${resultsFile}\n`)
if (KEEP) process.stdout.write(`Kept ${file}\n`)
else fs.rmSync(workDir, { recursive: true, force: true })
