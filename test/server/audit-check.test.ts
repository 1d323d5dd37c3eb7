import { sql } from 'kysely'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { auditChainStatus } from '../../db/audit/log'
import { verifyServerAudit } from '../../db/audit/verify-server'
import type { Ledger } from '../../db/core/open'
import { registerVisit } from '../../db/visits/register'
import { acceptIssue, openDay, residentVisit } from '../support/desk'
import { onPlainConnection, openServerTestLedger } from '../support/engine-ledger'
import { refused } from '../support/refusals'
import { actAs, seedFixture, type Fixture, type TestLedger } from '../support/temp-ledger'

// `check` and 设置 → 审计日志 → 校验 on a server ledger: the chain, the digests of the records,
// the append-only triggers and the counter, attacked the way someone with psql and the server's
// administrator account would — a change made beside the app, a trigger switched off, a row of the
// log rewritten. A rolled-back transaction's skipped number is not taken for a removed row.

let t: TestLedger<Ledger> | undefined
let f: Fixture
afterEach(async () => {
  await t?.close()
  t = undefined
})

async function busyLedger(): Promise<TestLedger<Ledger>> {
  const l = await openServerTestLedger('2026-11-10 08:00:00')
  f = await seedFixture(l)
  const day = await openDay(l, f, '2026-11-10')
  await acceptIssue(l, f, day.id)
  await registerVisit(l.ctx, residentVisit(day.id, { visitor: { name: '刘洋', phone: '13900001111', kind: 'resident' } }))
  return l
}

/** What psql as the server's administrator does to the ledger's database: nothing of the app in between. */
async function asAdministrator(l: TestLedger<Ledger>, text: string, values: unknown[] = []): Promise<void> {
  const database = new URL(l.file).pathname.slice(1)
  await onPlainConnection(`${inject('pgServerUrl')}${database}`, async (client) => {
    await client.query(text, values)
  })
}

async function someVisitorId(l: TestLedger<Ledger>): Promise<number> {
  return (await l.ledger.db.selectFrom('visitors').select('id').orderBy('id').executeTakeFirstOrThrow()).id
}

describe('checking the audit log of a server ledger', () => {
  it('finds the chain whole and every record as its last audit row left it after a day at the desk', async () => {
    t = await busyLedger()
    const status = await verifyServerAudit(t.ledger.db)
    expect(status).toMatchObject({ brokenAt: null, missingTriggers: [], ok: true, counter: { kind: 'sequence', ok: true } })
    expect(status.rows).toBeGreaterThan(5)
    expect(status.records).toMatchObject({ changed: 0, unaudited: 0, deleted: 0 })
    expect(status.records.matching).toBeGreaterThan(10)
  })

  it('names a record changed beside the app, and says the ledger is not sound', async () => {
    t = await busyLedger()
    const id = await someVisitorId(t)
    await asAdministrator(t, "update visitors set name = '改过的名字' where id = $1", [id])
    const status = await verifyServerAudit(t.ledger.db)
    expect(status.ok).toBe(false)
    expect(status.brokenAt).toBeNull()
    expect(status.records).toMatchObject({ changed: 1, deleted: 0, unaudited: 0 })
    expect(status.records.examples).toEqual([expect.stringContaining('改动未经审计')])
  })

  it('names a record written beside the app as one no audit row vouches for', async () => {
    t = await busyLedger()
    await asAdministrator(
      t,
      "insert into localities (name, sort_order, active, created_at) values ('凭空写入的镇', 99, 1, '2026-11-10 09:00:00')",
    )
    const status = await verifyServerAudit(t.ledger.db)
    expect(status).toMatchObject({ ok: false, records: { unaudited: 1, changed: 0 } })
    expect(status.records.examples).toEqual([expect.stringContaining('不经本程序写入')])
  })

  it('names a record removed beside the app', async () => {
    t = await busyLedger()
    // The last visit's consultation: nothing refers to it, so only the log can tell it was there.
    const consultation = await t.ledger.db.selectFrom('matters').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    await asAdministrator(t, 'delete from matters where id = $1', [consultation.id])
    const status = await verifyServerAudit(t.ledger.db)
    expect(status).toMatchObject({ ok: false, records: { deleted: 1, unaudited: 0 } })
    expect(status.records.examples).toEqual([expect.stringContaining('删除未经审计')])
  })

  it('finds the append-only trigger switched off, and the row of the log rewritten behind it', async () => {
    t = await busyLedger()
    await asAdministrator(t, 'alter table audit_log disable trigger audit_log_no_update')
    await asAdministrator(t, "update audit_log set detail = '{}' where id = (select min(id) + 2 from audit_log)")
    const status = await verifyServerAudit(t.ledger.db)
    const first = (await t.ledger.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    expect(status).toMatchObject({ ok: false, brokenAt: first + 2, missingTriggers: ['audit_log_no_update'] })
  })

  it('finds a trigger whose function no longer refuses anything', async () => {
    t = await busyLedger()
    await asAdministrator(
      t,
      `create or replace function audit_log_no_delete() returns trigger language plpgsql as $$ begin return old; end $$`,
    )
    const status = await verifyServerAudit(t.ledger.db)
    expect(status).toMatchObject({ ok: false, missingTriggers: ['audit_log_no_delete'] })
  })

  it('takes the number a rolled-back transaction skipped for what it is, not for a removed row', async () => {
    t = await busyLedger()
    await expect(
      t.ledger.db.transaction().execute(async (trx) => {
        await sql`insert into audit_log (at, actor_name, action, entity, detail, prev_hash, hash)
          values ('2026-11-10 09:00:00', '测试', 'probe', 'ledger', '{}', 'x', 'y')`.execute(trx)
        throw new Error('撤销')
      }),
    ).rejects.toThrow('撤销')
    await registerVisit(t.ctx, residentVisit((await openDay(t, f, '2026-11-10')).id))
    const status = await verifyServerAudit(t.ledger.db)
    expect(status.counter.sequence).toBeGreaterThan(status.counter.maxId - 1)
    expect(status.counter.count).toBeLessThan(status.counter.maxId)
    expect(status).toMatchObject({ ok: true, brokenAt: null, counter: { kind: 'sequence', ok: true } })
  })

  it('is shown to supervisors through the same call the file uses, and refused to the desk', async () => {
    t = await busyLedger()
    expect((await refused(auditChainStatus(t.ctx, t.ledger))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect(await auditChainStatus(t.ctx, t.ledger)).toMatchObject({ ok: true, counter: { kind: 'sequence' } })
  })
})
