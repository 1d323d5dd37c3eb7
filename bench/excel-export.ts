// Excel export, each in a child process (bench/export-child.ts) for its own peak memory.

import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { stats, type Measuring } from './measure'

export interface ExportRun {
  ms: number
  rows: number
  maxRssMb: number
  bytes: number
}

function isExportRun(v: unknown): v is ExportRun {
  return v !== null && typeof v === 'object' && 'ms' in v && 'rows' in v && 'maxRssMb' in v && 'bytes' in v
}

export interface ExportSetup {
  /** The ledger file: the child opens it itself. */
  file: string
  /** Where the exported workbooks go. */
  workDir: string
  today: string
  lastMonth: string
}

/** A month's and a year's export; returns every run, by kind. */
export function measureExports(m: Measuring, { file, workDir, today, lastMonth }: ExportSetup): Record<string, ExportRun[]> {
  process.stdout.write('Excel export …\n')
  const lastYear = lastMonth.slice(0, 4)
  const exportRuns: Record<string, ExportRun[]> = {}
  for (const [kind, period, reps] of [
    ['month', lastMonth, m.quick ? 1 : 3],
    ['year', lastYear, m.quick ? 1 : 2],
  ] as const) {
    const out = path.join(workDir, `export-${period}.xlsx`)
    const samples: ExportRun[] = []
    for (let i = 0; i < reps; i++) {
      const line = execFileSync(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, 'export-child.ts'), file, kind, period, out, today],
        {
          encoding: 'utf8',
        },
      )
      const parsed: unknown = JSON.parse(line.trim().split('\n').at(-1) ?? '{}')
      if (isExportRun(parsed)) samples.push(parsed)
    }
    exportRuns[kind] = samples
    const st = stats(samples.map((r) => r.ms))
    const peak = Math.max(...samples.map((r) => r.maxRssMb))
    const rows = samples[0]?.rows ?? 0
    const limit = kind === 'month' ? 1000 : 5000
    m.record({
      group: '导出',
      name: `${kind} to Excel (${rows} rows, peak ${peak.toFixed(0)} MB)`,
      ours: st,
      floor: null,
      target: kind === 'month' ? '≤ 1 s' : '≤ 5 s, ≤ 200 MB',
      met: st.p50 <= limit && (kind === 'month' || peak <= 200),
      note: 'own process: time from the export call to the file written; peak RSS includes Node and the open ledger',
    })
  }
  return exportRuns
}
