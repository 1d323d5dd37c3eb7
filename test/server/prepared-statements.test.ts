import { afterEach, describe, expect, inject, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { PreparedStatements } from '../../db/core/server-dialect'
import { registerVisit } from '../../db/visits/register'
import { residentVisit } from '../support/desk'
import { refused } from '../support/refusals'
import { serverDesks, type DeskWithDay } from '../support/server-desks'

// A desk keeps the statements it sends prepared on its connection (db/core/server-dialect.ts): the
// server parses and plans each once, then only binds and runs it.

const desks = serverDesks()
afterEach(() => desks.close())

/** The desk on one connection of its own, so what the tests ask the server is about that connection. */
async function oneConnectionDesk(d: DeskWithDay): Promise<{ ledger: ServerLedger; ctx: LedgerContext }> {
  const ledger = desks.keep(await openServerLedger(d.t.file, { maxConnections: 1 }))
  return { ledger, ctx: { db: ledger.db, actor: d.t.ctx.actor, now: d.t.ctx.now } }
}

async function preparedOnConnection(ledger: ServerLedger): Promise<string[]> {
  const { rows } = await ledger.pool.query<{ statement: string }>('select statement from pg_prepared_statements order by name')
  return rows.map((r) => r.statement)
}

describe('statements a desk keeps prepared on the server', () => {
  it("are prepared at a returning visitor's first registration and reused by the next, none prepared again", async () => {
    const d = await desks.deskWithDay()
    const { ledger, ctx } = await oneConnectionDesk(d)
    await registerVisit(ctx, residentVisit(d.sessionId))
    await registerVisit(ctx, residentVisit(d.sessionId))
    const first = await preparedOnConnection(ledger)
    await registerVisit(ctx, residentVisit(d.sessionId))
    const second = await preparedOnConnection(ledger)
    expect(first.some((s) => s.startsWith('insert into "visits"'))).toBe(true)
    expect(first.some((s) => s.startsWith('insert into "matters"'))).toBe(true)
    expect(second).toEqual(first)
  })

  it('are not kept by IT’s maintenance connection, whose migrations change the tables under them', async () => {
    const d = await desks.deskWithDay()
    const owner = desks.keep(await openServerLedger(`${inject('pgOwnerUrl')}${d.database}`, { maintenance: true, maxConnections: 1 }))
    await owner.db.selectFrom('visitors').selectAll().where('id', '=', 1).execute()
    expect(await preparedOnConnection(owner)).toEqual([])
  })

  it('tell the desk the ledger was just upgraded when IT changed a table under one, and the next try works', async () => {
    const d = await desks.deskWithDay()
    const { ledger, ctx } = await oneConnectionDesk(d)
    await registerVisit(ctx, residentVisit(d.sessionId))
    const read = () => ledger.db.selectFrom('visitors').selectAll().where('id', '>', 0).execute()
    const before = await read()
    expect(before).toHaveLength(1)
    const admin = await desks.superuser(d)
    await admin.query('alter table visitors add column alias text')
    const e = await refused(read())
    expect(e.code).toBe('server_changed')
    expect(e.message).toContain('刚刚升级')
    expect(e.message).toContain('请重试')
    const after = await read()
    expect(after).toHaveLength(before.length)
    expect(Object.keys(after[0] ?? {})).toContain('alias')
  })
})

describe('the names statements are prepared under', () => {
  it('are one per text, none for a statement without parameters or with more than the bulk limit', () => {
    const names = new PreparedStatements(10, 3)
    const a = names.nameOf('select * from visits where id = $1', 1)
    expect(a).toBeDefined()
    expect(names.nameOf('select * from visits where id = $1', 1)).toBe(a)
    expect(names.nameOf('select * from issues where id = $1', 1)).not.toBe(a)
    expect(names.nameOf('begin; select 1', 0)).toBeUndefined()
    expect(names.nameOf('insert into t values ($1, $2, $3, $4)', 4)).toBeUndefined()
  })

  it('stop at the limit: later texts are sent unprepared, earlier ones keep their names', () => {
    const names = new PreparedStatements(2)
    const first = names.nameOf('select $1', 1)
    names.nameOf('select $1, 2', 1)
    expect(names.nameOf('select $1, 3', 1)).toBeUndefined()
    expect(names.nameOf('select $1', 1)).toBe(first)
  })
})
