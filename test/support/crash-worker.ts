// Run as a child process by the crash drill (test/reliability/crash-drill.test.ts), which kills
// it with SIGKILL at a random moment. It prints a line only after the write it reports has
// committed, so every printed line is a promise the ledger must keep after the kill.
//
//   register <file | postgres://…> <sessionId> <categoryId> <departmentId> <seed>
//       registers visits (1–3 matters, at least one issue) in an endless loop, now and then
//       handing an issue over; prints `visit <id> <issue numbers…>` and `assign <issueId>`.
//   migrate <file>
//       opens the ledger with one extra, slow migration (the real list plus 9999_drill_slow);
//       prints `step <n>` as it goes and `migrated` once the open (and so the upgrade) returned.
import { seededRandom } from '../../tools/demo'
import { assignIssue } from '../../db/issues/actions'
import { migrations } from '../../db/migrations'
import { systemActor } from '../../db/core/context'
import { looksEncrypted } from '../../db/keys/cipher'
import { testKeys } from './keys'
import { openLedger, type Ledger } from '../../db/core/open'
import { openServerLedger } from '../../db/core/open-server'
import { registerVisit, type MatterInput } from '../../db/visits/register'
import { slowMigration } from './drill-migration'

/** The file as the test made it: encrypted with this test PC's key, or a plain file from before encryption. */
const keysFor = (f: string) => (looksEncrypted(f) ? testKeys() : undefined)

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function register(file: string, sessionId: number, categoryId: number, departmentId: number, seed: string): Promise<void> {
  const random = seededRandom(seed)
  // A postgres:// address is a desk on the server ledger (test/server/crash-drill-server.test.ts).
  const ledger: Ledger = file.startsWith('postgres://')
    ? await openServerLedger(file, { maxConnections: 1 })
    : await openLedger(file, { keys: keysFor(file) })
  const ctx = { db: ledger.db, actor: { ...systemActor, name: `演练-${process.pid}` }, now: () => new Date() }
  say('ready')
  for (let i = 0; ; i++) {
    const matters: MatterInput[] = [{ type: 'issue', categoryId, content: `第${i}号：河道有异味，夜间排放`, place: '西岭村' }]
    if (random() < 0.5) matters.push({ type: 'consultation', categoryId, content: '排污许可证如何延续', answer: '已告知提前30日申请' })
    if (random() < 0.3) matters.push({ type: 'issue', categoryId, content: `第${i}号之二：噪声扰民` })
    const phone = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
    const visit = await registerVisit(ctx, {
      sessionId,
      visitor: { name: `来访人${i}`, phone, kind: 'resident' },
      headcount: 1 + Math.floor(random() * 3),
      matters,
    })
    say(`visit ${visit.id} ${visit.matters.flatMap((m) => (m.issueNumber ? [m.issueNumber] : [])).join(' ')}`)
    const first = visit.matters.find((m) => m.issueId !== null)
    if (first?.issueId && random() < 0.4) {
      await assignIssue(ctx, { issueId: first.issueId, departmentId, note: '请核实处理' })
      say(`assign ${first.issueId}`)
    }
  }
}

async function migrate(file: string): Promise<void> {
  const ledger = await openLedger(file, { keys: keysFor(file), migrations: { ...migrations, '9999_drill_slow': slowMigration } })
  say('migrated')
  await ledger.close()
}

const [mode, file = '', ...rest] = process.argv.slice(2)
if (mode === 'register') {
  const [sessionId, categoryId, departmentId, seed = 'drill'] = rest
  await register(file, Number(sessionId), Number(categoryId), Number(departmentId), seed)
} else if (mode === 'migrate') {
  await migrate(file)
}
