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
// The renderer at the end: the built bundle's sizes (bench/bundle.ts; builds out/renderer when it
// is missing), and the walk test/e2e/scale.test.ts checks on a tenth of the ledger, timed here on
// the whole of it in Debian's Chromium over the test bridge (test/support/ledger-walk.ts).
//
// Options: --scale 0.1 (a smaller ledger), --keep (leave the ledger file), --quick (fewer runs),
// --screens-only (the ledger, the registrations that fill today's reception day, then only the
// renderer: no reads, opening or exports).

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LedgerContext } from '../db/core/context'
import { openLedger, type LocalLedger } from '../db/core/open'
import { measureExports } from './excel-export'
import { generateLedger } from './generate'
import { recorder, type Measuring } from './measure'
import { measureOpening } from './opening'
import { measureReads } from './reads'
import { measureRegistration } from './registration'
import { measureBundle } from './renderer'
import { machineOf, printReport, writeResults } from './report'
import { walkScreens } from './screens'
import { encryptForBench, measureEncryption } from './encryption'

// ---- options ----

const args = process.argv.slice(2)
const scaleArg = args.indexOf('--scale')
const SCALE = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 1
const KEEP = args.includes('--keep')
const QUICK = args.includes('--quick')
const SCREENS_ONLY = args.includes('--screens-only')
const runs = (n: number) => (QUICK ? Math.max(5, Math.ceil(n / 5)) : n)

const { results, record } = recorder()
const measuring: Measuring = { quick: QUICK, runs, record }

// ---- the ledger ----

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'))
const file = path.join(workDir, 'ledger.sqlite')
// Generated unencrypted, kept as the floor of the encryption rows, then encrypted as an upgrade
// would: everything else is measured on the encrypted ledger, as the app runs.
const plainFile = path.join(workDir, 'unencrypted.sqlite')
process.stdout.write(`Generating a ${SCALE === 1 ? 'ten-year' : `${SCALE}×`} ledger in ${file} …\n`)
let ledger: LocalLedger = await openLedger(file)
const made = await generateLedger(ledger, { scale: SCALE })
ledger.sqlite.pragma('wal_checkpoint(TRUNCATE)')
const fileMb = fs.statSync(file).size / 1e6
await ledger.close()
fs.copyFileSync(file, plainFile)
ledger = await encryptForBench(measuring, file, fileMb)
process.stdout.write(
  `  ${Object.entries(made.rows)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}\n`,
)
process.stdout.write(
  `  generated in ${(made.ms / 1000).toFixed(1)} s (search index rebuilt once at the end); file ${fileMb.toFixed(0)} MB\n\n`,
)

const today = made.today
let tick = new Date(`${today}T09:00:00`).getTime()
const now = () => new Date((tick += 1000))
const ctx: LedgerContext = {
  db: ledger.db,
  actor: { kind: 'staff', id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk', ownPin: false },
  now,
}

// ---- the desk's work, each against its floor ----

const { sessionId, phone } = await measureRegistration(measuring, { ledger, ctx, made, now })
let exportRuns: ReturnType<typeof measureExports> = {}
if (!SCREENS_ONLY) {
  await measureReads(measuring, { ledger, ctx, made, phone })
  ledger = await measureOpening(measuring, ledger, file, fileMb)
  await measureEncryption(measuring, { encrypted: file, plain: plainFile }, made, now)
  exportRuns = measureExports(measuring, { file, workDir, today, lastMonth: made.lastMonth })
}

// ---- the renderer: the bundle, and the ledger screens at scale in Chromium ----

process.stdout.write('The renderer …\n')
const bundle = measureBundle()
const screens = await walkScreens(measuring, { file, ledger, today, sessionId })

// ---- report ----

const machine = machineOf(ledger)
await ledger.close()
const report = { machine, scale: SCALE, made, fileMb, results, exportRuns, bundle, screens }
printReport(report)
writeResults(report)
if (KEEP) process.stdout.write(`Kept ${file}\n`)
else fs.rmSync(workDir, { recursive: true, force: true })
