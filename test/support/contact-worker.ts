// Run as a child process by test/reliability/restore-race.test.ts: a second program writing to
// the ledger while someone restores it. It prints `ack <name>` only after the contact it names
// has committed, so every printed name is a record the ledger (or the copy a restore kept) must hold.
//
//   keep <file> <categoryId> <tag>
//       opens the ledger once, as another account's app would, and registers calls until its
//       stdin ends; then closes.
//   each <file> <categoryId> <tag> <count>
//       opens the ledger for each call and closes it after, as the command line does; waits and
//       tries again when refused because someone holds the ledger.
// A refusal to open prints `refused <message>`.
import dayjs from 'dayjs'
import { systemActor } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import { looksEncrypted } from '../../db/keys/cipher'
import { testKeys } from './keys'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { registerContact } from '../../db/visits/register'

/** The file as the test made it: encrypted with this test PC's key, or a plain file from before encryption. */
const keysFor = (f: string) => (looksEncrypted(f) ? testKeys() : undefined)

const [mode, file = '', categoryArg, tag = 'w', countArg] = process.argv.slice(2)
const categoryId = Number(categoryArg)

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function openOrWait(): Promise<LocalLedger> {
  for (;;) {
    try {
      return await openLedger(file, { keys: keysFor(file) })
    } catch (e) {
      if (!(e instanceof LedgerError) || e.code !== 'ledger_in_use') throw e
      say(`refused ${e.message.replaceAll('\n', ' ')}`)
      await sleep(15)
    }
  }
}

async function registerOne(ledger: LocalLedger, name: string): Promise<void> {
  const ctx = { db: ledger.db, actor: { ...systemActor, name: `来电登记-${process.pid}` }, now: () => new Date() }
  await registerContact(ctx, {
    channel: 'phone',
    date: dayjs().format('YYYY-MM-DD'),
    visitor: { name, kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content: `${name}来电：夜间噪声扰民` }],
  })
  say(`ack ${name}`)
}

if (mode === 'keep') {
  let open = true
  process.stdin.on('end', () => (open = false))
  process.stdin.resume()
  const ledger = await openOrWait()
  say('ready')
  for (let i = 0; open; i++) {
    await registerOne(ledger, `${tag}-${i}`)
    await sleep(5)
  }
  await ledger.close()
} else {
  for (let i = 0; i < Number(countArg); i++) {
    const ledger = await openOrWait()
    try {
      await registerOne(ledger, `${tag}-${i}`)
    } finally {
      await ledger.close()
    }
    // A pause between calls, as between two runs of the command line.
    await sleep(30)
  }
}
say('done')
