import pg from 'pg'
import { inject } from 'vitest'
import type { Ledger } from '../../db/core/open'
import type { ServerLedger } from '../../db/core/open-server'
import { openDay } from './desk'
import { openServerTestLedger } from './engine-ledger'
import { seedFixture, type Fixture, type TestLedger } from './temp-ledger'

// Desks on a server ledger with a reception day open, and sessions of other programs beside them
// (the server's superuser holding a lock or a row): what the server's concurrency and fault tests
// set up, and everything they open closed after each test.

export interface DeskWithDay {
  t: TestLedger<Ledger>
  f: Fixture
  sessionId: number
  /** The server database the ledger is in. */
  database: string
}

export interface ServerDesks {
  /** The ledger with the fixture and the reception day of 2026-11-10 open, at 09:00 that day. */
  deskWithDay(): Promise<DeskWithDay>
  /** A connection of the server's superuser to the ledger's database: another program beside the app. */
  superuser(d: DeskWithDay): Promise<pg.Client>
  /** A ledger handle the test opened, closed after it. */
  keep(ledger: ServerLedger): ServerLedger
  /** Everything opened since the last close, closed (the test's afterEach). */
  close(): Promise<void>
}

export function serverDesks(): ServerDesks {
  let t: TestLedger<Ledger> | undefined
  const opened: ServerLedger[] = []
  const clients: pg.Client[] = []
  return {
    async deskWithDay() {
      t = await openServerTestLedger('2026-11-10 09:00:00')
      const f = await seedFixture(t)
      const day = await openDay(t, f, '2026-11-10')
      return { t, f, sessionId: day.id, database: new URL(t.file).pathname.slice(1) }
    },
    async superuser(d) {
      const client = new pg.Client({ connectionString: `${inject('pgServerUrl')}${d.database}` })
      await client.connect()
      clients.push(client)
      return client
    },
    keep(ledger) {
      opened.push(ledger)
      return ledger
    },
    async close() {
      for (const c of clients.splice(0)) await c.end().catch(() => undefined)
      for (const l of opened.splice(0)) await l.close()
      await t?.close()
      t = undefined
    },
  }
}
