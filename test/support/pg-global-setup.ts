import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openServerLedger } from '../../db/core/open-server'
import { grantDeskRole } from '../../db/core/server-roles'
import { PG_DESK, PG_OWNER, PG_TEMPLATE, startPgServer } from './pg-server'

// The pg project's one server: started before its first test file, stopped after the last. A
// migrated ledger database is kept as the template each test's fresh database is copied from
// (CREATE DATABASE … TEMPLATE), so no test waits for the schema to be built again. The roles are
// as an office's IT sets them up (README): the owner builds the template, the desks connect as
// the app role with the grants `ledger grant-app-role` gives, which a copy of the template keeps.

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://superuser@127.0.0.1:port/ — a database name appended names one on the test server. */
    pgServerUrl: string
    /** The same server as the ledger's owner (PG_OWNER), with its password. */
    pgOwnerUrl: string
    /** The same server as a desk (PG_DESK): what the app connects with. */
    pgDeskUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPgServer()
  const base = (role: { user: string; password: string }) => `postgres://${role.user}:${role.password}@${server.host}:${server.port}/`
  const admin = new pg.Client({ connectionString: server.url('postgres') })
  await admin.connect()
  await admin.query(`create role ${PG_OWNER.user} login password '${PG_OWNER.password}'`)
  await admin.query(`create role ${PG_DESK.user} login password '${PG_DESK.password}'`)
  await admin.query(`create database ${PG_TEMPLATE} owner ${PG_OWNER.user}`)
  await admin.end()
  const ledger = await openServerLedger(`${base(PG_OWNER)}${PG_TEMPLATE}`, { maxConnections: 1, maintenance: true })
  const client = await ledger.pool.connect()
  try {
    await grantDeskRole(client, PG_DESK.user, ledger.database)
  } finally {
    client.release()
    await ledger.close()
  }
  project.provide('pgServerUrl', server.url(''))
  project.provide('pgOwnerUrl', base(PG_OWNER))
  project.provide('pgDeskUrl', base(PG_DESK))
  return () => server.stop()
}
