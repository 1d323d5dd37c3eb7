// bench/server.ts's desks: each desk a process of its own (bench/desk-worker.ts) with its own
// connection, started for a run and told when to save, and the two runs the table compares:
// back to back (each desk registering one visit after another) and in waves (every desk saving
// at the same moment). The rows' arithmetic is bench/server-table.ts's.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { DeskJob } from './desk-worker'
import { cpuText, deskRunRow, refusedText, type BenchEngine, type DeskRunRow } from './server-table'

// The machine's busy CPU time so far, every core, in ms (Linux's /proc/stat, in hundredths of a
// second); null elsewhere. Over a run it says how much work a registration costs the machine,
// wherever it was done: a desk, the server, or something else sharing the cores.
const machineBusyMs = (): number | null => {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .map(Number)
    const busy = [user, nice, system, irq, softirq, steal].reduce((a: number, b) => a + (b ?? 0), 0)
    return Number.isFinite(busy) ? busy * 10 : null
  } catch {
    return null
  }
}
const busySince = (start: number | null) => {
  const end = machineBusyMs()
  return start === null || end === null ? null : end - start
}

const DeskCpu = z.object({ desk: z.number(), server: z.number().nullable(), sameBackend: z.boolean() })
type DeskCpu = z.infer<typeof DeskCpu>

/** A save's time, and how long its desk and backend waited for a core meanwhile (null where unknown). */
type Answer = { ms: number; waitedMs: number | null } | { refused: string }

interface Desk {
  ready: Promise<void>
  /** The CPU the desk and its backend spent, said after its last answer. */
  cpu: Promise<DeskCpu>
  go(): void
  /** The desk's next answer: to the next line sent (`together`), or the next of its run (`back-to-back`). */
  next(): Promise<Answer>
}

function startDesk(job: DeskJob): Desk {
  // DESK_PROFILES=folder: each desk writes a CPU profile of itself there (Node's --cpu-prof), to see where its part goes.
  const profile = process.env.DESK_PROFILES ? ['--cpu-prof', `--cpu-prof-dir=${process.env.DESK_PROFILES}`] : []
  const worker = path.join(import.meta.dirname, 'desk-worker.ts')
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', worker, JSON.stringify(job)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  let onCpu: (c: DeskCpu) => void = () => undefined
  const cpu = new Promise<DeskCpu>((resolve, reject) => {
    onCpu = resolve
    child.on('close', (code) => reject(new Error(`desk ${job.desk + 1} exited ${code} before its CPU: ${err}`)))
  })
  // Awaited once the run's answers are in; a desk that died before then must fail the run there
  // (with its stderr, through the bench's own clean-up), not end the process as an unhandled rejection.
  cpu.catch(() => undefined)
  // A wave's line to a desk that has died: its answer is `exited`, not an EPIPE nobody listens for.
  child.stdin.on('error', () => undefined)
  const answers: Answer[] = []
  const waiting: ((a: Answer) => void)[] = []
  const answered = (a: Answer) => {
    const w = waiting.shift()
    if (w) w(a)
    else answers.push(a)
  }
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    out += chunk
    const lines = out.split('\n')
    out = lines.pop() ?? ''
    for (const line of lines) {
      if (line === 'ready') onReady()
      if (line.startsWith('saved ')) {
        const [ms, waited] = line.slice('saved '.length).split(' ')
        const waitedMs = Number(waited)
        answered({ ms: Number(ms), waitedMs: Number.isFinite(waitedMs) ? waitedMs : null })
      }
      if (line.startsWith('refused ')) answered({ refused: line.slice('refused '.length) })
      if (line.startsWith('cpu ')) onCpu(DeskCpu.parse(JSON.parse(line.slice('cpu '.length))))
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (err += chunk))
  // A desk that dies before it is ready, or between answers, must not leave the run waiting for it.
  let exited = false
  child.on('close', () => {
    exited = true
    onReady()
    for (const w of waiting.splice(0)) w({ refused: 'exited' })
  })
  return {
    ready,
    cpu,
    go: () => {
      if (!exited) child.stdin.write('go\n')
    },
    next: () => {
      const a = answers.shift() ?? (exited ? { refused: 'exited' } : undefined)
      return a ? Promise.resolve(a) : new Promise<Answer>((resolve) => waiting.push(resolve))
    },
  }
}

/** A desk's waits for a core, none where its backend was replaced during the run (another process's were read). */
const trustedWaits = (waited: readonly (readonly (number | null)[])[], cpu: readonly DeskCpu[]) =>
  waited.map((w, desk) => (cpu[desk]?.sameBackend === false ? w.map(() => null) : w))

/** " (less the waits for a core 9.80 / 31.20)", or nothing where they could not be read. */
const lessWaitsText = (row: DeskRunRow) =>
  row.withoutCpuWaits === null
    ? ''
    : ` (less the waits for a core ${row.withoutCpuWaits.p50.toFixed(2)} / ${row.withoutCpuWaits.p99.toFixed(2)})`

/** What every desk of the runs shares, from the bench's ledger and options. */
export interface DeskBench {
  /** Today's reception day, open on both engines. */
  sessionId: number
  actor: DeskJob['actor']
  /** The reception day's morning, epoch milliseconds: each run takes its own stretch after it. */
  morning: number
  /** Registrations each desk makes untimed before it says it is ready. */
  warmup: number
  /** Visits per desk in a back-to-back run. */
  each: number
  /** How many times every desk saves at the same moment in a wave run. */
  waves: number
  /** Each desk's visitor and enterprise: a person of their own, so desks never queue on one record. */
  contactOf: (desk: number) => Pick<DeskJob, 'visitor' | 'organization'>
  /** The 1-minute load average, printed with every row. */
  load: () => number
  say: (line: string) => void
}

/** The two kinds of run, for the bench's settings. */
export function deskRuns(bench: DeskBench) {
  function deskJob(target: string, desk: number, run: number, mode: DeskJob['mode'], count: number): DeskJob {
    return {
      target,
      sessionId: bench.sessionId,
      count,
      warmup: bench.warmup,
      mode,
      desk,
      actor: bench.actor,
      // Each run its own stretch of the morning, so no two runs' desks share a clock reading.
      start: bench.morning + 3_600_000 + run * 600_000,
      ...bench.contactOf(desk),
    }
  }

  /**
   * Every desk presses 保存 at the same moment, `bench.waves` times: each wave's line goes to all
   * desks at once, and the next only when all have answered (and a tenth of a second has passed,
   * as the clerks turn to the next visitor). The last desk served waits for every desk before it.
   */
  async function deskWaves(engine: BenchEngine, target: string, desks: number, run: number): Promise<DeskRunRow> {
    const started = Array.from({ length: desks }, (_, desk) => startDesk(deskJob(target, desk, run, 'together', bench.waves)))
    await Promise.all(started.map((d) => d.ready))
    const samples: number[][] = started.map(() => [])
    const waited: (number | null)[][] = started.map(() => [])
    const refused: string[] = []
    const t0 = performance.now()
    const busy0 = machineBusyMs()
    for (let wave = 0; wave < bench.waves; wave++) {
      for (const d of started) d.go()
      const answers = await Promise.all(started.map((d) => d.next()))
      for (const [i, a] of answers.entries()) {
        if ('ms' in a) {
          samples[i]?.push(a.ms)
          waited[i]?.push(a.waitedMs)
        } else refused.push(a.refused)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const wallMs = performance.now() - t0
    const busyMs = busySince(busy0)
    const cpu = await Promise.all(started.map((d) => d.cpu))
    const row: DeskRunRow = {
      ...deskRunRow(engine, samples, wallMs, bench.load(), refused, busyMs, cpu, trustedWaits(waited, cpu)),
      together: true,
    }
    bench.say(
      `  ${engine}, ${desks} at once × ${bench.waves}: ${row.registration.p50.toFixed(2)} / ${row.registration.p99.toFixed(2)} ms${lessWaitsText(row)}, refused ${refusedText(row.refused)}, CPU ${cpuText(row)} ms each, load ${row.load.toFixed(2)}`,
    )
    return row
  }

  /** Every desk registers `bench.each` visits one after another, all starting together: p50 / p99 and throughput. */
  async function deskRun(engine: BenchEngine, target: string, desks: number, run: number): Promise<DeskRunRow> {
    const started = Array.from({ length: desks }, (_, desk) => startDesk(deskJob(target, desk, run, 'back-to-back', bench.each)))
    await Promise.all(started.map((d) => d.ready))
    const t0 = performance.now()
    const busy0 = machineBusyMs()
    for (const d of started) d.go()
    const answers = await Promise.all(started.map((d) => Promise.all(Array.from({ length: bench.each }, () => d.next()))))
    const wallMs = performance.now() - t0
    const busyMs = busySince(busy0)
    const cpu = await Promise.all(started.map((d) => d.cpu))
    const row = deskRunRow(
      engine,
      answers.map((a) => a.flatMap((x) => ('ms' in x ? [x.ms] : []))),
      wallMs,
      bench.load(),
      answers.flatMap((a) => a.flatMap((x) => ('refused' in x ? [x.refused] : []))),
      busyMs,
      cpu,
      trustedWaits(
        answers.map((a) => a.flatMap((x) => ('ms' in x ? [x.waitedMs] : []))),
        cpu,
      ),
    )
    bench.say(
      `  ${engine}, ${desks} × ${bench.each}: ${row.registration.p50.toFixed(2)} / ${row.registration.p99.toFixed(2)} ms${lessWaitsText(row)}, ${row.perSecond.toFixed(0)} /s, CPU ${cpuText(row)} ms each, refused ${refusedText(row.refused)}, load ${row.load.toFixed(2)}`,
    )
    return row
  }

  return { deskRun, deskWaves }
}
