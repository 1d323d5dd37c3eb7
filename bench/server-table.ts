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
  /** Saves the ledger refused (by code: SQLITE_BUSY, server_busy …), not in the timings. */
  refused: string[]
  /** Every desk pressing 保存 at the same moment, wave after wave, rather than saving back to back. */
  together?: boolean
  /** The whole machine's busy CPU time (every core: desks, server, anything else) over the run, per registration. */
  cpuMs: number | null
  /** Of it, per registration: the desks' own processes, and their connections' server backends (null on the file). */
  deskCpuMs: number | null
  serverCpuMs: number | null
  /**
   * Each registration less the time its desk and the desk's server backend waited for one of this
   * machine's cores (runnable, not running: Linux's schedstat), pooled as `registration` is; null
   * where a wait could not be read. At an office each desk is its own PC and the server has its
   * own cores, so this is nearer what a clerk there waits; still over it, as a backend holding the
   * lock while it waits for a core keeps the other desks waiting too, and that is left in.
   */
  withoutCpuWaits: Stats | null
}

/** One row from each desk's samples (milliseconds per registration) and the run's wall time. */
export function deskRunRow(
  engine: BenchEngine,
  samples: readonly (readonly number[])[],
  wallMs: number,
  load: number,
  refused: readonly string[] = [],
  busyMs: number | null = null,
  cpu: readonly { desk: number; server: number | null }[] = [],
  waited: readonly (readonly (number | null)[])[] = [],
): DeskRunRow {
  const pooled = samples.flat()
  const waits = waited.flat()
  const lessWaits = pooled.flatMap((ms, i) => {
    const w = waits[i]
    return w === null || w === undefined ? [] : [ms - w]
  })
  const perRegistration = (total: number | null) => (total !== null && pooled.length > 0 && cpu.length > 0 ? total / pooled.length : null)
  const servers = cpu.map((c) => c.server)
  const each = samples.length === 0 ? 0 : Math.ceil((pooled.length + refused.length) / samples.length)
  return {
    engine,
    desks: samples.length,
    each,
    registration: stats(pooled),
    perSecond: wallMs > 0 ? (pooled.length * 1000) / wallMs : 0,
    wallMs,
    load,
    refused: [...refused],
    cpuMs: busyMs !== null && pooled.length > 0 ? busyMs / pooled.length : null,
    deskCpuMs: perRegistration(cpu.reduce((a, c) => a + c.desk, 0)),
    serverCpuMs: perRegistration(servers.every((s) => s !== null) ? servers.reduce((a: number, s) => a + (s ?? 0), 0) : null),
    withoutCpuWaits: pooled.length > 0 && lessWaits.length === pooled.length ? stats(lessWaits) : null,
  }
}

/** "13.1 (desk 6.2, server 5.8)": the machine's CPU per registration, and the desks' and backends' shares of it. */
export function cpuText(r: Pick<DeskRunRow, 'cpuMs' | 'deskCpuMs' | 'serverCpuMs'>): string {
  if (r.cpuMs === null) return '—'
  const parts = [r.deskCpuMs === null ? null : `desk ${ms(r.deskCpuMs)}`, r.serverCpuMs === null ? null : `server ${ms(r.serverCpuMs)}`]
  const shares = parts.filter((p) => p !== null)
  return shares.length === 0 ? ms(r.cpuMs) : `${ms(r.cpuMs)} (${shares.join(', ')})`
}

/** "3 (SQLITE_BUSY × 3)", or "0". */
export function refusedText(refused: readonly string[]): string {
  if (refused.length === 0) return '0'
  const counts = new Map<string, number>()
  for (const code of refused) counts.set(code, (counts.get(code) ?? 0) + 1)
  return `${refused.length} (${[...counts].map(([code, n]) => `${code} × ${n}`).join(', ')})`
}

export interface FigureRow {
  name: string
  /** The file before the server was started, nothing else of the bench running. */
  sqliteAlone?: Stats | undefined
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
    '| engine | desks × visits | p50 / p99 ms per registration | less the waits for a core, p50 / p99 ms | registrations / s | machine CPU ms per registration (desk, server) | refused | wall s | load | p99 ≤ 50 ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of rows) {
    const met = r.registration.p99 <= P99_GOAL_MS && r.refused.length === 0 ? 'yes' : '**no**'
    const lessWaits = r.withoutCpuWaits === null ? '—' : `${ms(r.withoutCpuWaits.p50)} / ${ms(r.withoutCpuWaits.p99)}`
    lines.push(
      `| ${r.engine} | ${r.together === true ? `${r.desks} at once × ${r.each} times` : `${r.desks} × ${r.each}`} | ${ms(r.registration.p50)} / ${ms(r.registration.p99)} | ${lessWaits} | ${r.together === true ? '—' : r.perSecond.toFixed(0)} | ${cpuText(r)} | ${refusedText(r.refused)} | ${(r.wallMs / 1000).toFixed(1)} | ${r.load.toFixed(2)} | ${met} |`,
    )
  }
  return lines.join('\n')
}

export function figuresTable(rows: readonly FigureRow[]): string {
  const lines = [
    '| figures | file alone p50 / p99 ms | SQLite file p50 / p99 ms | PostgreSQL p50 / p99 ms | PostgreSQL ÷ file |',
    '|---|---|---|---|---|',
  ]
  const pair = (st: Stats | undefined) => (st ? `${ms(st.p50)} / ${ms(st.p99)}` : '—')
  for (const r of rows) {
    const ratio = r.sqlite.p50 > 0 ? `×${(r.pg.p50 / r.sqlite.p50).toFixed(2)}` : '—'
    lines.push(`| ${r.name} | ${pair(r.sqliteAlone)} | ${pair(r.sqlite)} | ${pair(r.pg)} | ${ratio} |`)
  }
  return lines.join('\n')
}
