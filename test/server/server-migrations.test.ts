import pg from 'pg'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { audit } from '../../db/core/audit'
import { systemActor, write } from '../../db/core/context'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { rowHash, type StateEntry } from '../../db/core/record-state'
import { verifyServerAudit } from '../../db/audit/verify-server'
import { listOrganizations, listVisitors } from '../../db/directory/list'
import { migrations } from '../../db/migrations'
import { serverMigrations } from '../../db/migrations/pg'
import { createServerDatabase, dropServerDatabase } from '../support/engine-ledger'

// The server's twins upgrade a server ledger as their SQLite originals upgrade the file: a
// database built by the previous version, with rows written as that version wrote them, opened
// by this one. Each later twin adds its own case here, as the SQLite migration tests do.

const opened: ServerLedger[] = []
const databases: string[] = []
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close()
  for (const d of databases.splice(0)) await dropServerDatabase(d)
})

async function serverAt(version: string): Promise<{ url: string; ledger: ServerLedger }> {
  // Upgrades are IT's maintenance, as the ledger's owner; desks never migrate (server-roles.ts).
  const { name, ownerUrl: url } = await createServerDatabase()
  databases.push(name)
  const upTo = Object.fromEntries(Object.entries(serverMigrations).filter(([n]) => n <= version))
  const ledger = await openServerLedger(url, { migrations: upTo, maintenance: true })
  opened.push(ledger)
  return { url, ledger }
}

/** The previous version's own writes: an audit row vouching for the records, all but those `beside` names. */
async function vouchAsTheApp(l: ServerLedger, tables: string[], beside: string[]): Promise<void> {
  const ctx = { db: l.db, actor: systemActor, now: () => new Date('2026-11-10T02:00:00Z') }
  await write(ctx, async (trx) => {
    const entries: StateEntry[] = []
    for (const table of tables) {
      for (const row of (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx)).rows) {
        const key = String(row.id)
        if (beside.includes(`${table}:${key}`)) continue
        entries.push({ table, key, columnCount: Object.keys(row).length, hash: rowHash(Object.values(row)) })
      }
    }
    await audit(trx, ctx, 'register', 'ledger', null, {}, entries)
  })
}

async function reopen(url: string): Promise<ServerLedger> {
  const ledger = await openServerLedger(url, { maintenance: true })
  opened.push(ledger)
  return ledger
}

describe('upgrading a server ledger', () => {
  it('names every SQLite migration since the server baseline with a twin of the same name', () => {
    const sinceBaseline = Object.keys(migrations)
      .sort()
      .filter((n) => n >= '0014_attachments')
    expect(Object.keys(serverMigrations).sort()).toEqual(sinceBaseline)
  })

  it('fills every visitor’s and enterprise’s last-visit date from the visits not voided (0016), leaving the visits as they were', async () => {
    const { url, ledger: old } = await serverAt('0014_attachments')
    const at = '2026-11-03 09:00:00'
    // As the previous version wrote them: 张桂芳's later visit was voided, 王芳 never came.
    // Written over a plain connection, as the previous version's rows stand in the database; the
    // app's own note of touched records is not on it, so only vouchAsTheApp vouches for them.
    const plain = new pg.Client({ connectionString: url })
    await plain.connect()
    try {
      await plain.query(
        `insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values
        (1, '2026-11-03', 'public', '2026年11月3日服务群众接待日', '接待室', 'closed', $1, $1),
        (2, '2026-11-10', 'public', '2026年11月10日服务群众接待日', '接待室', 'closed', $1, $1)`,
        [at],
      )
      await plain.query(
        `insert into organizations (id, name, created_at, updated_at) values
        (1, '城东化工有限公司', $1, $1), (2, '西郊砖厂', $1, $1)`,
        [at],
      )
      await plain.query(
        `insert into visitors (id, name, kind, organization_id, created_at, updated_at) values
        (1, '张桂芳', 'enterprise', 1, $1, $1), (2, '李四', 'resident', null, $1, $1), (3, '王芳', 'resident', null, $1, $1)`,
        [at],
      )
      await plain.query(
        `insert into visits (session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, created_at,
        voided_at, void_reason) values (1, 1, 1, 1, '2026-11-03', '2026-11-03 09:10:00', $1, null, null),
        (2, 1, 1, 1, '2026-11-10', '2026-11-10 09:10:00', $1, '2026-11-10 10:00:00', '重复登记'),
        (2, 2, null, 2, '2026-11-10', '2026-11-10 09:30:00', $1, null, null)`,
        [at],
      )
    } finally {
      await plain.end()
    }
    // 李四 was written by another program, beside the app: the upgrade must not vouch for him.
    await vouchAsTheApp(old, ['sessions', 'organizations', 'visitors', 'visits'], ['visitors:2'])
    const visitsBefore = (await sql`select * from visits order by id`.execute(old.db)).rows
    await old.close()
    opened.splice(opened.indexOf(old), 1)

    const upgraded = await reopen(url)
    const applied = await sql<{ name: string }>`select name from ledger_migration order by name`.execute(upgraded.db)
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(serverMigrations).sort())
    expect((await sql`select * from visits order by id`.execute(upgraded.db)).rows).toEqual(visitsBefore)
    expect((await sql`select id, last_visit_date from visitors order by id`.execute(upgraded.db)).rows).toEqual([
      { id: 1, last_visit_date: '2026-11-03' },
      { id: 2, last_visit_date: '2026-11-10' },
      { id: 3, last_visit_date: null },
    ])
    expect((await sql`select id, last_visit_date from organizations order by id`.execute(upgraded.db)).rows).toEqual([
      { id: 1, last_visit_date: '2026-11-03' },
      { id: 2, last_visit_date: null },
    ])
    const visitors = await listVisitors(upgraded.db, { page: 1, pageSize: 10 })
    expect(visitors.rows.map((r) => r.name)).toEqual(['李四', '张桂芳', '王芳'])
    const organizations = await listOrganizations(upgraded.db, { page: 1, pageSize: 10 })
    expect(organizations.rows.map((r) => r.name)).toEqual(['城东化工有限公司', '西郊砖厂'])
    // What the upgrade changed is vouched for; what was written beside the app before it stays reported.
    const check = await verifyServerAudit(upgraded.db)
    expect(check).toMatchObject({ brokenAt: null, records: { changed: 0, deleted: 0, unaudited: 1 } })
    expect(check.records.examples).toEqual([expect.stringMatching(/^来访人 #2：/)])
  })
})
