// npm run bench:server: the ledger on a PostgreSQL server beside the local file. Numbers, not
// assertions (the tests never look at timings).
//
// 1. The bench's ten-year ledger (bench/generate.ts), encrypted as the app keeps it, and moved
//    onto a fresh database of a PostgreSQL server started for the run (test/support/pg-server.ts,
//    durable: fsync and synchronous_commit on, as a bureau's server runs) with the command
//    line's own move (db/move/to-server.ts). The roles are IT's: the owner builds the database,
//    the desks connect as the app role that grant-app-role gave its privileges.
// 2. The figures the desk shows (db/figures: the month's summary and report, the year's) on both,
//    taken in turns.
// 3. Registration with 1, 4 and 8 desks at once (bench/server-desks.ts): each desk a process of
//    its own with its own connection (bench/desk-worker.ts), registering its visits one after
//    another through the desk's registerVisit (a consultation and an issue). p50 / p99 per
//    registration over every desk's samples, and registrations per second over the wall time. The
//    same on the local file (several processes on one file wait for SQLite's lock with its busy
//    timeout; on a desk PC the file has one writer, the app).
//
// The machine is shared: the 1-minute load average is printed with every row, and the CPU a
// registration cost: the whole machine's, and of it the desks' own processes' and their
// connections' server backends' (each desk reads its own and its backend's from Linux).
//
// Options: --small (a 0.01× ledger, 20 visits per desk, fewer runs: a check in about a minute),
// --scale X, --each N (visits per desk; 200 by default), --fsync-off (the server as the tests
// run it, commits not waiting for the disk: what the disk costs), --keep (leave the ledger file; the
// server's folder goes either way). DESK_PROFILES=folder writes each desk's CPU profile there.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Executor, LedgerContext } from '../db/core/context'
import { openLedger, type LocalLedger } from '../db/core/open'
import { openServerLedger, type ServerLedger } from '../db/core/open-server'
import { grantDeskRole } from '../db/core/server-roles'
import { monthlySummary } from '../db/figures/month'
import { monthlyReport } from '../db/figures/report'
import { yearlySummary } from '../db/figures/year'
import { moveToServer } from '../db/move/to-server'
import { openSession, planSession } from '../db/sessions/sessions'
import { PG_DESK, PG_OWNER, startPgServer } from '../test/support/pg-server'
import { benchKeys } from './encryption'
import { generateLedger } from './generate'
import { time, timePair, type Stats } from './measure'
import { text } from './row-text'
import { deskRuns } from './server-desks'
import { figuresTable, registrationTable, type DeskRunRow, type FigureRow } from './server-table'

// ---- options ----

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const SMALL = args.includes('--small')
const KEEP = args.includes('--keep')
const DURABLE = !args.includes('--fsync-off')
const SCALE = Number(flag('--scale') ?? (SMALL ? 0.01 : 1))
const EACH = Number(flag('--each') ?? (SMALL ? 20 : 200))
const DESKS = [1, 4, 8]
const WAVES = Number(flag('--waves') ?? (SMALL ? 20 : 100))
const WARMUP = SMALL ? 2 : 5
const load = () => os.loadavg()[0] ?? 0
const say = (line: string) => process.stdout.write(`${line}\n`)

say(
  `Load at the start: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)

// ---- the ledger, on the file ----

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-server-'))
const file = path.join(workDir, 'ledger.sqlite')
say(`Generating a ${SCALE === 1 ? 'ten-year' : `${SCALE}×`} ledger in ${file} …`)
const plain = await openLedger(file)
const made = await generateLedger(plain, { scale: SCALE })
plain.sqlite.pragma('wal_checkpoint(TRUNCATE)')
await plain.close()
const fileMb = fs.statSync(file).size / 1e6
const local: LocalLedger = await openLedger(file, { keys: benchKeys, backupBeforeMigration: false })
say(
  `  ${Object.entries(made.rows)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; ${fileMb.toFixed(0)} MB, encrypted`,
)

const today = made.today
const morning = new Date(`${today}T08:30:00`).getTime()
let tick = morning
const ctx: LedgerContext = {
  db: local.db,
  actor: { kind: 'staff', id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk', ownPin: false },
  now: () => new Date((tick += 1000)),
}
// Today's reception day, open before the move so the server has it too (with the same id).
const session = await openSession(
  ctx,
  (await planSession(ctx, { date: today, kind: 'enterprise', location: '政务服务中心生态环境窗口' })).id,
)
// Each desk's visitor a person of their own from an enterprise of its own, as eight windows serve
// eight people: desks saving the same person would queue on that person's record.
const contacts = (() => {
  const rows = local.sqlite
    .prepare(
      `select p.name as name, p.phone as phone, cast(o.id as text) as org_id, o.name as org, o.credit_code as code from visitors p
       join organizations o on o.id = p.organization_id
       where p.phone is not null and o.credit_code is not null and p.merged_into_id is null order by p.id limit 400`,
    )
    .all()
  const byOrganization = new Map<string, unknown>()
  for (const row of rows) {
    const org = text(row, 'org_id')
    if (!byOrganization.has(org)) byOrganization.set(org, row)
  }
  return [...byOrganization.values()]
})()
const contactOf = (desk: number) => {
  const row = contacts[desk % Math.max(1, contacts.length)]
  return {
    visitor: { name: text(row, 'name'), phone: text(row, 'phone') },
    organization: { name: text(row, 'org'), creditCode: text(row, 'code') },
  }
}

// ---- the figures on the file alone, before the server starts: the baseline ----

const lastYear = made.lastMonth.slice(0, 4)
const figureWork: [string, (db: Executor) => Promise<unknown>, number][] = [
  [`monthly summary, ${made.lastMonth}`, (db) => monthlySummary(db, made.lastMonth, today), 30],
  ['monthly summary, 2020-06', (db) => monthlySummary(db, '2020-06', today), 30],
  [
    `monthly report, ${made.lastMonth} (with the sentence and last month's adjustments)`,
    (db) => monthlyReport(db, made.lastMonth, today),
    30,
  ],
  [`yearly, ${lastYear}`, (db) => yearlySummary(db, lastYear), 10],
  ['yearly, 2020', (db) => yearlySummary(db, '2020'), 10],
]
say('Figures on the file alone, before the server starts …')
const alone = new Map<string, Stats>()
for (const [name, work, reps] of figureWork) {
  const stats = await time(() => work(local.db), SMALL ? 1 : 3, SMALL ? Math.max(3, Math.ceil(reps / 5)) : reps)
  alone.set(name, stats)
  say(`  ${name}: ${stats.p50.toFixed(2)} / ${stats.p99.toFixed(2)} ms, load ${load().toFixed(2)}`)
}

// ---- the server, as IT sets it up ----

say(`Starting PostgreSQL (${DURABLE ? 'durable: fsync and synchronous_commit on' : 'fsync off, as the tests run it'}) …`)
const server = await startPgServer({ durable: DURABLE })
// Whatever fails from here on, the server started for the run does not outlive it.
try {
  const database = 'ledger_bench'
  const admin = new pg.Client({ connectionString: server.url('postgres') })
  await admin.connect()
  await admin.query(`create role ${PG_OWNER.user} login password '${PG_OWNER.password}'`)
  await admin.query(`create role ${PG_DESK.user} login password '${PG_DESK.password}'`)
  await admin.query(`create database ${database} owner ${PG_OWNER.user}`)
  const pgVersion = String((await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '')
  await admin.end()
  const urlAs = (role: { user: string; password: string }) =>
    `postgres://${role.user}:${role.password}@${server.host}:${server.port}/${database}`
  const ownerUrl = urlAs(PG_OWNER)
  const deskUrl = urlAs(PG_DESK)

  say('Moving the ledger onto the server (db/move/to-server.ts, as migrate-to-pg) …')
  const moveStarted = performance.now()
  const moved = await moveToServer(local, ownerUrl, { actor: ctx.actor, now: ctx.now })
  const moveMs = performance.now() - moveStarted
  say(`  ${moved.tables} tables, ${moved.rows} rows, verified, in ${(moveMs / 1000).toFixed(1)} s`)
  const owner = await openServerLedger(ownerUrl, { maintenance: true, maxConnections: 1 })
  const ownerClient = await owner.pool.connect()
  try {
    await grantDeskRole(ownerClient, PG_DESK.user, owner.database)
  } finally {
    ownerClient.release()
    await owner.close()
  }
  // A bulk load leaves the server without statistics and autovacuum with all of it to do: IT's
  // `vacuumdb --analyze` after the move, and a checkpoint, so the timings meet a settled server.
  say('Settling the server: vacuum (analyze), checkpoint …')
  const settleStarted = performance.now()
  const settle = new pg.Client({ connectionString: server.url(database) })
  await settle.connect()
  await settle.query('vacuum (analyze)')
  await settle.query('checkpoint')
  await settle.end()
  const settleMs = performance.now() - settleStarted
  say(`  in ${(settleMs / 1000).toFixed(1)} s`)
  const serverLedger: ServerLedger = await openServerLedger(deskUrl, { maxConnections: 1 })

  // ---- the figures on both ----

  say('Figures, the file and the server in turns …')
  const figures: FigureRow[] = []
  for (const [name, work, reps] of figureWork) {
    const [sqlite, onPg] = await timePair(
      () => work(local.db),
      () => work(serverLedger.db),
      SMALL ? 1 : 3,
      SMALL ? Math.max(3, Math.ceil(reps / 5)) : reps,
    )
    figures.push({ name, sqliteAlone: alone.get(name), sqlite, pg: onPg })
    say(`  ${name}: file ${sqlite.p50.toFixed(2)} / ${sqlite.p99.toFixed(2)} ms, server ${onPg.p50.toFixed(2)} / ${onPg.p99.toFixed(2)} ms`)
  }
  await serverLedger.close()

  // ---- registration with several desks at once ----

  const { deskRun, deskWaves } = deskRuns({
    sessionId: session.id,
    actor: { id: made.deskStaff.id, name: made.deskStaff.name },
    morning,
    warmup: WARMUP,
    each: EACH,
    waves: WAVES,
    contactOf,
    load,
    say,
  })

  say(`Registering, ${EACH} visits per desk (${WARMUP} more first, untimed) …`)
  const runs: DeskRunRow[] = []
  let run = 0
  for (const desks of DESKS) runs.push(await deskRun('PostgreSQL', deskUrl, desks, run++))
  for (const desks of DESKS) runs.push(await deskRun('SQLite file', file, desks, run++))
  say(`Registering, every desk at the same moment, ${WAVES} times …`)
  for (const desks of [4, 8]) runs.push(await deskWaves('PostgreSQL', deskUrl, desks, run++))

  // ---- report ----

  const sqliteVersion = String(local.sqlite.prepare('select sqlite_version()').pluck().get())
  await local.close()
  await server.stop()
  const machine = `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1e9)} GB, ${os.type()} ${os.release()}; Node ${process.version}, SQLite ${sqliteVersion}, PostgreSQL ${pgVersion}`
  say('')
  say(`Machine: ${machine}`)
  say(`Server: ${DURABLE ? 'durable (fsync on)' : 'fsync off'}`)
  say(
    `Ledger: ${SCALE === 1 ? 'ten years' : `${SCALE}×`}, ${made.rows.visits ?? 0} visits, ${made.rows.issues ?? 0} issues, ${fileMb.toFixed(0)} MB; moved in ${(moveMs / 1000).toFixed(1)} s`,
  )
  say(
    `Load at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  say('')
  say(registrationTable(runs))
  say('')
  say(figuresTable(figures))
  fs.writeFileSync(
    path.join(import.meta.dirname, 'server-results.json'),
    `${JSON.stringify({ machine, durable: DURABLE, scale: SCALE, each: EACH, fileMb, moveMs, settleMs, runs, figures }, null, 2)}\n`,
  )
  if (KEEP) say(`Kept ${file}`)
  else fs.rmSync(workDir, { recursive: true, force: true })
} catch (e) {
  await server.stop()
  throw e
}
