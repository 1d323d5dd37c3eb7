// One desk of the server benchmark (bench/server.ts), run as a process of its own with its own
// connection, as a PC at the front desk: opens the ledger (a postgres:// address as the desk's
// role, or the encrypted file with the bench's key), prints `ready`, waits for a line on stdin,
// then (after a few untimed ones) registers its visits — the desk's own registerVisit, a consultation and an issue each.
// Each registration is answered with `saved <ms> <wait ms>` or `refused <code>`, and the desk ends with a `cpu` line.
// `back-to-back`: one after another on a single `go`. `together`: one per line it is sent (every desk is sent its
// line at the same moment: the clerks pressing 保存 at once).

import fs from 'node:fs'
import readline from 'node:readline'
import { sql } from 'kysely'
import { z } from 'zod'
import type { LedgerContext } from '../db/core/context'
import { openLedger, type Ledger } from '../db/core/open'
import { openServerLedger } from '../db/core/open-server'
import { registerVisit, type RegisterVisitInput } from '../db/visits/register'
import { benchKeys } from './encryption'

export const DeskJob = z.object({
  target: z.string().min(1),
  sessionId: z.number().int(),
  count: z.number().int().positive(),
  /** Registrations made before `ready`, untimed: the desk app has long been warm when the queue forms. */
  warmup: z.number().int().nonnegative(),
  mode: z.enum(['back-to-back', 'together']),
  desk: z.number().int().nonnegative(),
  actor: z.object({ id: z.number().int(), name: z.string() }),
  /** The reception day's morning, epoch milliseconds: the desk's clock ticks on from there. */
  start: z.number(),
  visitor: z.object({ name: z.string(), phone: z.string() }),
  organization: z.object({ name: z.string(), creditCode: z.string() }),
})
export type DeskJob = z.infer<typeof DeskJob>

const job = DeskJob.parse(JSON.parse(process.argv[2] ?? '{}'))

const ledger: Ledger = job.target.startsWith('postgres://')
  ? await openServerLedger(job.target, { maxConnections: 1 })
  : await openLedger(job.target, { keys: benchKeys, backupBeforeMigration: false })

// Each desk's clock: the same morning, a tenth of a second per registration, desks a few ms apart.
let tick = 0
const ctx: LedgerContext = {
  db: ledger.db,
  actor: { kind: 'staff', id: job.actor.id, name: job.actor.name, role: 'desk', ownPin: false },
  now: () => new Date(job.start + tick++ * 100 + job.desk * 7),
}
const input: RegisterVisitInput = {
  sessionId: job.sessionId,
  visitor: { name: job.visitor.name, phone: job.visitor.phone, kind: 'enterprise' },
  organization: { name: job.organization.name, creditCode: job.organization.creditCode },
  headcount: 2,
  matters: [
    {
      type: 'consultation',
      categoryId: 8,
      content: '排污许可证到期延续需要准备哪些材料',
      answer: '已告知延续申请须提前30日提交，并发放材料清单',
    },
    { type: 'issue', categoryId: 1, content: `厂界夜间有刺鼻异味，周边居民反映强烈（窗口${job.desk + 1}）`, place: '城东工业园' },
  ],
}

// How long a process's main thread (where the desk's JavaScript and sockets run) has waited for a
// core, runnable but not running, in ms: Linux's /proc/<pid>/schedstat (its second field, in
// nanoseconds); null elsewhere. On this machine eight
// desks and the server share the cores; at an office each desk is a PC of its own and the server
// has its own cores, so the registration's time spent waiting for one is this machine's, not the
// ledger's.
const waitedForCpuMs = (pid: number | 'self'): number | null => {
  try {
    const waited = Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1])
    return Number.isFinite(waited) ? waited / 1e6 : null
  } catch {
    return null
  }
}

// The CPU the timed registrations cost this desk's process, and (on the server, which runs on
// this machine in the bench) its connection's backend: where a registration's machine CPU goes.
// The backend's from Linux's /proc/<pid>/stat (user and system ticks, a hundredth of a second).
const currentBackendPid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(ledger.db)).rows[0]?.pid
const backendPid = ledger.engine === 'pg' ? await currentBackendPid() : undefined

/** The desk's and its backend's waits for a core so far, in ms; null where either cannot be read. */
const waitedSoFar = (): number | null => {
  const desk = waitedForCpuMs('self')
  const backend = backendPid === undefined ? 0 : waitedForCpuMs(backendPid)
  return desk === null || backend === null ? null : desk + backend
}

// A save the ledger refuses (SQLite's busy timeout run out, the server's lock timeout) is what the
// desk would be told: counted by its code, and the desk goes on with the next visit.
async function registerTimed(): Promise<{ ms: number; waitedMs: number | null } | { refused: string }> {
  const waited0 = waitedSoFar()
  const started = performance.now()
  try {
    await registerVisit(ctx, input)
    const ms = performance.now() - started
    const waited = waitedSoFar()
    return { ms, waitedMs: waited0 === null || waited === null ? null : waited - waited0 }
  } catch (e) {
    return { refused: e instanceof Error && 'code' in e ? String(e.code) : 'error' }
  }
}
const backendMs = (): number | null => {
  if (backendPid === undefined) return null
  try {
    const fields = fs.readFileSync(`/proc/${backendPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

// Refused warm-ups (several processes on one file queueing for SQLite's lock) are not timed either.
for (let i = 0; i < job.warmup; i++) await registerTimed()
process.stdout.write('ready\n')
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]()
await lines.next()
const deskCpu0 = process.cpuUsage()
const backend0 = backendMs()

/**
 * Milliseconds of CPU since the start signal: this process's, and its server backend's (null on the
 * file, or off Linux). `sameBackend` false: the pool replaced the connection during the run (it
 * closes one left idle), so what was read of the backend was another process's.
 */
async function cpuSpent(): Promise<{ desk: number; server: number | null; sameBackend: boolean }> {
  const used = process.cpuUsage(deskCpu0)
  const backend = backendMs()
  const sameBackend = backendPid === undefined || (await currentBackendPid()) === backendPid
  const server = backend0 === null || backend === null || !sameBackend ? null : backend - backend0
  return { desk: (used.user + used.system) / 1000, server, sameBackend }
}

for (let i = 0; i < job.count; i++) {
  if (i > 0 && job.mode === 'together') await lines.next()
  const r = await registerTimed()
  process.stdout.write('ms' in r ? `saved ${r.ms} ${r.waitedMs ?? '-'}\n` : `refused ${r.refused}\n`)
}
process.stdout.write(`cpu ${JSON.stringify(await cpuSpent())}\n`)
await ledger.close()
process.stdin.destroy()
