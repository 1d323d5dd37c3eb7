// Timing the desk's work, and the rows of the table it ends up in.

export interface Stats {
  n: number
  p50: number
  p99: number
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
  return { n: sorted.length, p50: rank(0.5), p99: rank(0.99) }
}

export async function time(work: () => unknown, warmup: number, reps: number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < reps; i++) {
    const started = performance.now()
    await work()
    samples.push(performance.now() - started)
  }
  return stats(samples)
}

/** Two ways of doing the same work, taken in turns so that both meet the same disk and cache. */
export async function timePair(a: () => unknown, b: () => unknown, warmup: number, reps: number): Promise<[Stats, Stats]> {
  for (let i = 0; i < warmup; i++) {
    await a()
    await b()
  }
  const sa: number[] = []
  const sb: number[] = []
  for (let i = 0; i < reps; i++) {
    for (const [work, samples] of i % 2 === 0
      ? ([
          [a, sa],
          [b, sb],
        ] as const)
      : ([
          [b, sb],
          [a, sa],
        ] as const)) {
      const started = performance.now()
      await work()
      samples.push(performance.now() - started)
    }
  }
  return [stats(sa), stats(sb)]
}

export interface Row {
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
  /** Where the time went, for the screen steps (bench/screens.ts). */
  parts?: string
}

export type RecordRow = (row: Omit<Row, 'ratio'>) => void

/** The table's rows, each printed as it is measured so that a long run shows its progress. */
export function recorder(): { results: Row[]; record: RecordRow } {
  const results: Row[] = []
  const record: RecordRow = (row) => {
    const ratio = row.ours && row.floor ? row.ours.p50 / row.floor.p50 : null
    results.push({ ...row, ratio })
    const f = (s: Stats | null) => (s ? `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)}` : '—')
    process.stdout.write(
      `  ${row.group} · ${row.name}: ours ${f(row.ours)} ms, floor ${f(row.floor)} ms${ratio ? `, ×${ratio.toFixed(2)}` : ''}${row.parts ? `; ${row.parts}` : ''}\n`,
    )
  }
  return { results, record }
}

/** What every group of measurements is handed: the options, and where its rows go. */
export interface Measuring {
  /** --quick: fewer runs. */
  quick: boolean
  /** How many timed runs to take for a measurement that asks for n. */
  runs: (n: number) => number
  record: RecordRow
}
