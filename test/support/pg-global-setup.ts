import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openServerLedger } from '../../db/core/open-server'
import { PG_TEMPLATE, startPgServer } from './pg-server'

// The pg project's one server: started before its first test file, stopped after the last. A
// migrated ledger database is kept as the template each test's fresh database is copied from
// (CREATE DATABASE … TEMPLATE), so no test waits for the schema to be built again.

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://user@127.0.0.1:port/ — a database name appended names one on the test server. */
    pgServerUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPgServer()
  const admin = new pg.Client({ connectionString: server.url('postgres') })
  await admin.connect()
  await admin.query(`create database ${PG_TEMPLATE}`)
  await admin.end()
  const ledger = await openServerLedger(server.url(PG_TEMPLATE), { maxConnections: 1 })
  await ledger.close()
  project.provide('pgServerUrl', server.url(''))
  return () => server.stop()
}
