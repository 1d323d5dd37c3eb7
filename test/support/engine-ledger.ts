import fs from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import { systemActor, type LedgerContext } from '../../db/core/context'
import type { Ledger } from '../../db/core/open'
import { openServerLedger, type ServerOpenOptions } from '../../db/core/open-server'
import { PG_OWNER, PG_TEMPLATE } from './pg-server'
import { openTempLedger, TestClock, tempDir, type TestLedger } from './temp-ledger'

// The ledger suites that run on both engines open their ledger here: the local file, or (in the
// vitest project `pg`, LEDGER_TEST_ENGINE=pg) a fresh database on the test run's PostgreSQL
// server, copied from the migrated template (pg-global-setup.ts). Their `t.ledger` is a Ledger,
// not a LocalLedger, so the compiler refuses any step of theirs that reaches the SQLite file.

export type Engine = Ledger['engine']

export function testEngine(env: NodeJS.ProcessEnv = process.env): Engine {
  return env.LEDGER_TEST_ENGINE === 'pg' ? 'pg' : 'sqlite'
}

let databases = 0

/** A test database's address as the test server's superuser: for the tests' own looks and changes around the app. */
export function serverUrl(database: string): string {
  return `${inject('pgServerUrl')}${database}`
}

/** The address of a test database as each of the server's accounts: what IT, the owner and a desk connect with. */
export interface ServerDatabase {
  name: string
  /** As the test server's superuser: for the tests' own looks and changes around the app. */
  url: string
  /** As the ledger's owner: builds and upgrades (maintenance). */
  ownerUrl: string
  /** As a desk: what the app connects with. */
  deskUrl: string
}

/** A plain `pg` connection for the work given, closed after it: the tests' looks and changes around the app. */
export async function onPlainConnection<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The rows of one statement over a plain connection. */
export async function plainRows<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  return onPlainConnection(url, async (client) => (await client.query<R>(text, values)).rows)
}

const asAdmin = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => onPlainConnection(serverUrl('postgres'), work)

/** A new, empty database on the test server (nothing in it: not even the ledger's schema), owned by the ledger's owner. */
export async function createServerDatabase(template: string | null = null): Promise<ServerDatabase> {
  const name = `ledger_${process.pid}_${++databases}`
  // Two copies of one template at the same moment can find it "being accessed": the next try gets it.
  for (let attempt = 0; ; attempt++) {
    try {
      await asAdmin((c) => c.query(`create database ${name} owner ${PG_OWNER.user}${template ? ` template ${template}` : ''}`))
      return { name, url: serverUrl(name), ownerUrl: `${inject('pgOwnerUrl')}${name}`, deskUrl: `${inject('pgDeskUrl')}${name}` }
    } catch (e) {
      if (attempt >= 20 || !(e instanceof Error) || !/being accessed/.test(e.message)) throw e
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)))
    }
  }
}

export async function dropServerDatabase(name: string): Promise<void> {
  await asAdmin((c) => c.query(`drop database if exists ${name} with (force)`))
}

/** A server ledger in a fresh database copied from the migrated template, opened as a desk. */
export async function openServerTestLedger(start = '2026-11-10 09:00:00', options: ServerOpenOptions = {}): Promise<TestLedger<Ledger>> {
  const { name, deskUrl: url } = await createServerDatabase(PG_TEMPLATE)
  const dir = tempDir()
  const clock = new TestClock(start)
  const ledger = await openServerLedger(url, options)
  const ctx: LedgerContext = { db: ledger.db, actor: { ...systemActor, name: '测试' }, now: clock.now }
  return {
    ledger,
    ctx,
    clock,
    // A server ledger has no file: its address stands in, for workers that open it again.
    file: url,
    dir,
    close: async () => {
      await ledger.close()
      await dropServerDatabase(name)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The ledger under test on the engine this vitest project runs. */
export async function openEngineLedger(start = '2026-11-10 09:00:00'): Promise<TestLedger<Ledger>> {
  return testEngine() === 'pg' ? openServerTestLedger(start) : openTempLedger(start)
}
