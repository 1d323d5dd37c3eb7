// Run as a child process: registers visits with issues into an existing ledger (a file or a server) and prints each
// acknowledged issue number on its own line, so a parent can compare with what survived.
import { systemActor } from '../../db/core/context'
import { looksEncrypted } from '../../db/keys/cipher'
import { testKeys } from './keys'
import { openLedger, type Ledger } from '../../db/core/open'
import { openServerLedger } from '../../db/core/open-server'
import { registerVisit } from '../../db/visits/register'

/** The file as the test made it: encrypted with this test PC's key, or a plain file from before encryption. */
const keysFor = (f: string) => (looksEncrypted(f) ? testKeys() : undefined)

const [file, sessionArg, countArg, categoryArg] = process.argv.slice(2)
const sessionId = Number(sessionArg)
const count = Number(countArg)
const categoryId = Number(categoryArg)

// A postgres:// address is a ledger on the server (the pg project's tests); anything else a file.
const isServer = (file ?? '').startsWith('postgres://')
const ledger: Ledger = isServer
  ? await openServerLedger(file ?? '', { maxConnections: 1 })
  : await openLedger(file ?? '', { keys: keysFor(file ?? '') })
const ctx = { db: ledger.db, actor: { ...systemActor, name: `worker-${process.pid}` }, now: () => new Date() }
for (let i = 0; i < count; i++) {
  const v = await registerVisit(ctx, {
    sessionId,
    visitor: { name: `来访人${process.pid}-${i}`, kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content: `第${i}号问题：河道有异味` }],
  })
  for (const m of v.matters) process.stdout.write(`ack ${m.issueNumber}\n`)
}
await ledger.close()
