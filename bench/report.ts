// The benchmark's report: the table printed (and the bundle's, when there is one), the machine
// and the ledger it ran on, and everything written to bench/results.json.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LocalLedger } from '../db/core/open'
import type { BundleReport } from './bundle'
import type { ExportRun } from './excel-export'
import type { GeneratedLedger } from './generate'
import type { Row } from './measure'
import { kB } from './renderer'
import type { ScreenWalks } from './screens'

export interface Machine {
  cpu: string
  cores: number
  memoryGb: number
  node: string
  sqlite: string
  platform: string
  load: string
}

/** Taken while the ledger is still open, for SQLite's version. */
export function machineOf(ledger: LocalLedger): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    sqlite: String(ledger.sqlite.prepare('select sqlite_version()').pluck().get()),
    platform: `${os.type()} ${os.release()}`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  }
}

export interface Report {
  machine: Machine
  scale: number
  made: GeneratedLedger
  fileMb: number
  results: Row[]
  exportRuns: Record<string, ExportRun[]>
  bundle: BundleReport | null
  screens: ScreenWalks
}

export function printReport({ machine, made, fileMb, results, bundle }: Report): void {
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
  const screens = results.filter((r) => r.parts !== undefined)
  if (screens.length > 0) {
    const screenLines = [
      `| | step | p50 / p99 ms | goal | met | where the time goes (ms, median of each part) |`,
      `|---|---|---|---|---|---|`,
      ...screens.map(
        (r) =>
          `| ${r.group} | ${r.name} | ${r.ours ? `${fmt(r.ours.p50)} / ${fmt(r.ours.p99)}` : '—'} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} | ${r.parts ?? ''} |`,
      ),
    ]
    process.stdout.write(`${screenLines.join('\n')}\n\n`)
  }
  if (bundle) {
    const size = (s: { raw: number; gzip: number }) => `${kB(s.raw)} / ${kB(s.gzip)}`
    const bundleLines = [
      `| screen | loads | own chunk: raw / gzip kB | fetched when first opened: raw / gzip kB |`,
      `|---|---|---|---|`,
      `| 今日接待 (desk) | with the window | ${size(bundle.entry)} | ${size(bundle.initial)} (${bundle.initial.files} files, index.html included) |`,
      ...bundle.screens.map(
        (sc) => `| ${sc.screen} | after the desk | ${size(sc.chunk)} | ${size(sc.firstOpen)} (${sc.firstOpen.files} files) |`,
      ),
      `| all of out/renderer | | | ${size(bundle.all)} (${bundle.all.files} files) |`,
    ]
    process.stdout.write(`${bundleLines.join('\n')}\n\n`)
  }
  process.stdout.write(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.platform}; Node ${machine.node}, SQLite ${machine.sqlite}; load ${machine.load}\n`,
  )
  process.stdout.write(
    `Ledger: ${Object.entries(made.rows)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; generated in ${(made.ms / 1000).toFixed(1)} s, ${fileMb.toFixed(0)} MB.\n`,
  )
}

export function writeResults({ machine, scale, made, fileMb, results, exportRuns, bundle, screens }: Report): void {
  const resultsFile = path.join(import.meta.dirname, 'results.json')
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine,
        scale,
        ledger: { rows: made.rows, generationMs: made.ms, fileMb, today: made.today },
        results,
        exports: exportRuns,
        renderer: {
          bundle,
          walks: {
            category: screens.category,
            desk: { dayVisits: screens.dayVisits, starts: screens.deskStarts },
            ledger: screens.ledgerWalks.map((w) => ({
              ms: w.ms,
              total: w.total,
              filtered: w.filtered,
              lastPage: w.lastPage,
              opened: w.opened,
            })),
            directory: screens.directoryWalks.map((w) => ({
              organizations: { ms: w.organizations.ms, total: w.organizations.total },
              visitors: { ms: w.visitors.ms, total: w.visitors.total },
            })),
            bridgeCalls: screens.bridgeCalls,
            longestAnswer: screens.longestAnswer,
          },
        },
      },
      null,
      2,
    )}\n`,
  )
  process.stdout.write(`Wrote ${resultsFile}\n`)
}
