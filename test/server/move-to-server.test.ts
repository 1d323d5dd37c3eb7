import { afterEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { verifyAuditChain } from '../../db/core/audit'
import { systemActor } from '../../db/core/context'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { moveToServer } from '../../db/move/to-server'
import { countOn, localTables, movedFigures } from '../../db/move/tables'
import { createServerDatabase, dropServerDatabase, onPlainConnection, plainRows } from '../support/engine-ledger'
import { refused } from '../support/refusals'
import { openLedger } from '../../db/core/open'
import { registerVisit } from '../../db/visits/register'
import { residentVisit } from '../support/desk'
import { testKeys } from '../support/keys'
import { worldPerFile, type World } from '../support/world'

// `ledger migrate-to-pg`: a local ledger moved onto an empty server database keeps every record,
// number and figure, and its audit chain goes on there; a database holding records is refused and
// a move that fails midway leaves no record on the server.

let w: World
worldPerFile((world) => (w = world))

const made: string[] = []
const opened: ServerLedger[] = []
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close()
  for (const name of made.splice(0)) await dropServerDatabase(name)
})

const TODAY = '2026-11-20'
const mover = { actor: { ...systemActor, name: '命令行' }, now: () => new Date(`${TODAY}T10:00:00+08:00`) }

async function emptyDatabase(): Promise<string> {
  const db = await createServerDatabase()
  made.push(db.name)
  return db.url
}

async function openServer(url: string): Promise<ServerLedger> {
  const l = await openServerLedger(url, { maintenance: true })
  opened.push(l)
  return l
}

/** Rows on the server in every table that holds records (not its schema bookkeeping, not what a new database starts with). */
async function recordsOnServer(url: string): Promise<Record<string, number>> {
  return onPlainConnection(url, async (client) => {
    const tables = (
      await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
      )
    ).rows.map((r) => r.name)
    const out: Record<string, number> = {}
    for (const t of tables) {
      if (t.startsWith('ledger_migration') || t === 'ledger_identity' || t === 'issue_sources') continue
      out[t] = Number((await client.query<{ n: string }>(`select count(*) as n from "${t}"`)).rows[0]?.n)
    }
    return out
  })
}

describe('moving a local ledger onto a server', () => {
  it('copies every table row for row, the audit log with one row more', async () => {
    const url = await emptyDatabase()
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    for (const table of localTables(w.t.ledger.sqlite)) {
      const here = await countOn(w.t.ledger.db, table)
      expect({ table, n: await countOn(server.db, table) }).toEqual({ table, n: table === 'audit_log' ? here + 1 : here })
    }
  })

  it('keeps every issue number with its id', async () => {
    const url = await emptyDatabase()
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    const numbers = (db: ServerLedger['db'] | typeof w.t.ledger.db) =>
      db.selectFrom('issues').select(['id', 'number']).orderBy('id').execute()
    const here = await numbers(w.t.ledger.db)
    expect(here.length).toBeGreaterThan(5)
    expect(await numbers(server.db)).toEqual(here)
  })

  it("gives the month's, the year's and the all-time figures as the file does", async () => {
    const url = await emptyDatabase()
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    const here = await movedFigures(w.t.ledger.db, TODAY)
    expect(JSON.parse(here[`2026-11 月报`] ?? '{}')).toMatchObject({ summary: { visits: expect.any(Number) } })
    expect(await movedFigures(server.db, TODAY)).toEqual(here)
  })

  it("continues the file's audit chain with a migrate_to_pg row linked to its last hash", async () => {
    const url = await emptyDatabase()
    const last = await w.t.ledger.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    expect((await verifyAuditChain(server.db)).brokenAt).toBeNull()
    const next = await server.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect({ action: next.action, id: next.id, prev: next.prev_hash }).toEqual({
      action: 'migrate_to_pg',
      id: last.id + 1,
      prev: last.hash,
    })
  })

  it("builds the server's search text for every copied issue from its matter", async () => {
    const url = await emptyDatabase()
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    const expected = await server.db
      .selectFrom('issues')
      .innerJoin('matters', 'matters.id', 'issues.matter_id')
      .select(['issues.id', 'issues.number', 'matters.content'])
      .orderBy('issues.id')
      .execute()
    const { rows } = await sql<{
      id: number
      number: string
      content: string
    }>`select id, number, content from issue_search_text order by id`.execute(server.db)
    expect(expected.length).toBeGreaterThan(5)
    expect(rows).toEqual(expected)
  })

  it('numbers the next record on the server after the copied ids', async () => {
    const url = await emptyDatabase()
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    const max = (
      await w.t.ledger.db
        .selectFrom('audit_log')
        .select((e) => e.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m
    await sql`insert into audit_log (at, actor_name, action, entity, detail, prev_hash, hash) values ('2026-11-20 10:00:00', 't', 'x', 'ledger', '{}', 'p', 'h')
      `.execute(server.db)
    const ids = await server.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(ids.id).toBe(Number(max) + 2)
  })
})

describe('a move while a desk goes on writing', () => {
  it('copies the file as it stood when the move began', async () => {
    const url = await emptyDatabase()
    const reader = await openLedger(w.t.file, { readonly: true, keys: testKeys() })
    const before = await countOn(w.t.ledger.db, 'visits')
    let registered = false
    const deskWrites = async () => {
      if (registered) return
      registered = true
      await registerVisit(w.t.ctx, residentVisit(w.sessions.open.id))
    }
    try {
      await moveToServer(reader, url, { ...mover, fault: deskWrites })
    } finally {
      await reader.close()
    }
    const server = await openServer(url)
    expect({ file: await countOn(w.t.ledger.db, 'visits'), server: await countOn(server.db, 'visits') }).toEqual({
      file: before + 1,
      server: before,
    })
  })
})

describe('refusals', () => {
  it('refuses a database that already holds records, in Chinese, leaving it as it was', async () => {
    const url = await emptyDatabase()
    await moveToServer(w.t.ledger, url, mover)
    const before = await recordsOnServer(url)
    const e = await refused(moveToServer(w.t.ledger, url, mover))
    expect(e).toMatchObject({ code: 'server_not_empty', message: expect.stringContaining('已有台账记录') })
    expect(await recordsOnServer(url)).toEqual(before)
  })

  it('refuses a database the app has already opened as a ledger, its audit log begun', async () => {
    const url = await emptyDatabase()
    await (await openServerLedger(url, { maintenance: true })).close()
    const before = await recordsOnServer(url)
    expect(before.audit_log).toBeGreaterThan(0)
    expect(await refused(moveToServer(w.t.ledger, url, mover))).toMatchObject({ code: 'server_not_empty' })
    expect(await recordsOnServer(url)).toEqual(before)
  })

  it('refuses a database that holds other data and is not a ledger', async () => {
    const url = await emptyDatabase()
    await plainRows(url, 'create table payroll (id integer)')
    expect(await refused(moveToServer(w.t.ledger, url, mover))).toMatchObject({
      code: 'not_a_ledger',
      message: expect.stringContaining('不是接待日台账'),
    })
    expect(await recordsOnServer(url)).toEqual({ payroll: 0 })
  })

  it('leaves no record on the server when the copy fails midway', async () => {
    const url = await emptyDatabase()
    const fault = (table: string) => {
      if (table === 'issues') throw new Error('网络中断（测试）')
    }
    await expect(moveToServer(w.t.ledger, url, { ...mover, fault })).rejects.toThrow('网络中断')
    const left = await recordsOnServer(url)
    expect(Object.keys(left).length).toBeGreaterThan(20)
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([])
  })

  it('moves the ledger after a failed attempt into the same database', async () => {
    const url = await emptyDatabase()
    const fault = (table: string) => {
      if (table === 'visits') throw new Error('网络中断（测试）')
    }
    await expect(moveToServer(w.t.ledger, url, { ...mover, fault })).rejects.toThrow('网络中断')
    await moveToServer(w.t.ledger, url, mover)
    const server = await openServer(url)
    expect(await countOn(server.db, 'visits')).toBe(await countOn(w.t.ledger.db, 'visits'))
  })
})
