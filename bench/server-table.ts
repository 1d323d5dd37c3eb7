// The server benchmark's arithmetic and its table (bench/server.ts): several desks' samples
// pooled into one row, and the rows printed as Markdown, ready for the README.

import { stats, type Stats } from './measure'

export type BenchEngine = 'PostgreSQL' | 'SQLite file'

export interface DeskRunRow {
  engine: BenchEngine
  desks: number
  /** Registrations per desk. */
  each: number
  /** Every registration of every desk, pooled. */
  registration: Stats
  /** Registrations per second over the wall time from the start signal to the last desk done. */
  perSecond: number
  wallMs: number
  /** The 1-minute load average when the run ended. */
  load: number
}

/** One row from each desk's samples (milliseconds per registration) and the run's wall time. */
export function deskRunRow(engine: BenchEngine, samples: readonly (readonly number[])[], wallMs: number, load: number): DeskRunRow {
  const pooled = samples.flat()
  const each = samples.length === 0 ? 0 : Math.max(...samples.map((s) => s.length))
  return {
    engine,
    desks: samples.length,
    each,
    registration: stats(pooled),
    perSecond: wallMs > 0 ? (pooled.length * 1000) / wallMs : 0,
    wallMs,
    load,
  }
}

export interface FigureRow {
  name: string
  sqlite: Stats
  pg: Stats
}

/** Milliseconds as the bench's other tables print them: three significant figures. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value >= 1000) return Math.round(value).toLocaleString('en-US')
  if (value >= 100) return value.toFixed(1)
  return value.toFixed(2)
}

/** The goal of issue 16: eight desks at once, p99 ≤ 50 ms per registration. */
export const P99_GOAL_MS = 50

export function registrationTable(rows: readonly DeskRunRow[]): string {
  const lines = [
    '| engine | desks × visits | p50 / p99 ms per registration | registrations / s | wall s | load | p99 ≤ 50 ms |',
    '|---|---|---|---|---|---|---|',
  ]
  for (const r of rows) {
    const met = r.registration.p99 <= P99_GOAL_MS ? 'yes' : '**no**'
    lines.push(
      `| ${r.engine} | ${r.desks} × ${r.each} | ${ms(r.registration.p50)} / ${ms(r.registration.p99)} | ${r.perSecond.toFixed(0)} | ${(r.wallMs / 1000).toFixed(1)} | ${r.load.toFixed(2)} | ${met} |`,
    )
  }
  return lines.join('\n')
}

export function figuresTable(rows: readonly FigureRow[]): string {
  const lines = ['| figures | SQLite file p50 / p99 ms | PostgreSQL p50 / p99 ms | PostgreSQL ÷ file |', '|---|---|---|---|']
  for (const r of rows) {
    const ratio = r.sqlite.p50 > 0 ? `×${(r.pg.p50 / r.sqlite.p50).toFixed(2)}` : '—'
    lines.push(`| ${r.name} | ${ms(r.sqlite.p50)} / ${ms(r.sqlite.p99)} | ${ms(r.pg.p50)} / ${ms(r.pg.p99)} | ${ratio} |`)
  }
  return lines.join('\n')
}
