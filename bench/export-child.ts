// Run by bench/run.ts in a child process, so that the peak memory it reports is the export's
// own (plus opening the ledger), not the benchmark's: `tsx bench/export-child.ts FILE month|year
// PERIOD OUT TODAY`. Prints one JSON line: { ms, rows, maxRssMb, bytes }.
import fs from 'node:fs'
import { systemActor } from '../db/core/context'
import { exportMonthXlsx, exportYearXlsx } from '../db/export'
import { openLedger } from '../db/core/open'
import { benchKeys } from './encryption'

const [file, kind, period, out, today] = process.argv.slice(2)
if (!file || !period || !out || !today || (kind !== 'month' && kind !== 'year')) {
  process.stderr.write('usage: export-child.ts FILE month|year PERIOD OUT TODAY\n')
  process.exit(2)
}
const ledger = await openLedger(file, { backupBeforeMigration: false, keys: benchKeys })
const ctx = { db: ledger.db, actor: systemActor, now: () => new Date(`${today}T10:00:00`) }
const started = performance.now()
const result =
  kind === 'month'
    ? await exportMonthXlsx(ctx, { month: period, file: out })
    : await exportYearXlsx(ctx, { year: Number(period), file: out })
const ms = performance.now() - started
await ledger.close()
process.stdout.write(
  `${JSON.stringify({ ms, rows: result.rows, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: fs.statSync(out).size })}\n`,
)
