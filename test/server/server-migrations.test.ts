import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { audit } from '../../db/core/audit'
import { systemActor, write } from '../../db/core/context'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { rowHash, type StateEntry } from '../../db/core/record-state'
import { verifyServerAudit } from '../../db/audit/verify-server'
import { listOrganizations, listVisitors } from '../../db/directory/list'
import { migrations } from '../../db/migrations'
import { latestServerMigration, serverMigrations } from '../../db/migrations/pg'
import { createServerDatabase, dropServerDatabase, onPlainConnection } from '../support/engine-ledger'
import { addAttachment, ON_SERVER } from '../../db/attachments/attachments'
import { sha256Of } from '../../db/attachments/store'
import { checkServerLedger } from '../../tools/cli/check'
import { jpegBytes, SMALL_PDF } from '../support/attachments'

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

/** The ledger opened by the version whose last migration is `version` (this one's, by default). */
async function reopen(url: string, version = latestServerMigration): Promise<ServerLedger> {
  const upTo = Object.fromEntries(Object.entries(serverMigrations).filter(([n]) => n <= version))
  const ledger = await openServerLedger(url, { migrations: upTo, maintenance: true })
  opened.push(ledger)
  return ledger
}

/** As the previous version wrote them, over a plain connection: a category, a day, an enterprise, its visitor, a visit with an issue. */
async function writeAnIssueAround(url: string, at: string): Promise<void> {
  await onPlainConnection(url, async (plain) => {
    await plain.query(`insert into categories (id, name, time_limit_days, created_at) values (1, '大气', 15, $1)`, [at])
    await plain.query(
      `insert into sessions (id, date, kind, title, location, status, created_at, updated_at) values
      (1, '2026-11-03', 'public', '2026年11月3日服务群众接待日', '接待室', 'closed', $1, $1)`,
      [at],
    )
    await plain.query(`insert into organizations (id, name, created_at, updated_at) values (1, '城东化工有限公司', $1, $1)`, [at])
    await plain.query(
      `insert into visitors (id, name, kind, organization_id, created_at, updated_at) values (1, '张桂芳', 'enterprise', 1, $1, $1)`,
      [at],
    )
    await plain.query(
      `insert into visits (id, session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, created_at)
      values (1, 1, 1, 1, 1, '2026-11-03', '2026-11-03 09:10:00', $1)`,
      [at],
    )
    await plain.query(
      `insert into matters (id, visit_id, type, category_id, content, created_at) values (1, 1, 'issue', 1, '夜间有刺鼻气味', $1)`,
      [at],
    )
    await plain.query(
      `insert into issues (id, matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, created_at, updated_at)
      values (1, 1, 'JD-2026-11-0001', '2026-11', 1, 'accepted', 1, '2026-11-03', '2026-11-17', $1, $1)`,
      [at],
    )
    await plain.query(
      `insert into appointments (id, session_id, visitor_name, phone, kind, headcount, status, created_at, updated_at)
      values (1, 1, '李四', '13800001111', 'resident', 1, 'booked', $1, $1)`,
      [at],
    )
  })
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
    await onPlainConnection(url, async (plain) => {
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
    })
    // 李四 was written by another program, beside the app: the upgrade must not vouch for him.
    await vouchAsTheApp(old, ['sessions', 'organizations', 'visitors', 'visits'], ['visitors:2'])
    const visitsBefore = (await sql`select * from visits order by id`.execute(old.db)).rows
    await old.close()
    opened.splice(opened.indexOf(old), 1)

    const upgraded = await reopen(url, '0016_last_visit_dates')
    const applied = await sql<{ name: string }>`select name from ledger_migration order by name`.execute(upgraded.db)
    expect(applied.rows.map((r) => r.name)).toEqual(['0014_attachments', '0016_last_visit_dates'])
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

  it('gives every record a clerk edits version 1 as its last column (0017), the records still matching their digests', async () => {
    const { url, ledger: old } = await serverAt('0016_last_visit_dates')
    const at = '2026-11-03 09:00:00'
    await writeAnIssueAround(url, at)
    const tables = ['sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'appointments']
    await vouchAsTheApp(old, ['categories', ...tables], [])
    const before = new Map<string, unknown[]>()
    for (const table of tables) before.set(table, (await sql`select * from ${sql.table(table)} order by id`.execute(old.db)).rows)
    await old.close()
    opened.splice(opened.indexOf(old), 1)

    const upgraded = await reopen(url, '0017_record_versions')
    for (const table of tables) {
      const columns = await sql<{ column_name: string; is_nullable: string; column_default: string | null }>`
        select column_name, is_nullable, column_default from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(upgraded.db)
      expect(columns.rows.at(-1), table).toEqual({ column_name: 'version', is_nullable: 'NO', column_default: '1' })
      const rows = (await sql`select * from ${sql.table(table)} order by id`.execute(upgraded.db)).rows
      expect(rows, table).toEqual(before.get(table)?.map((r) => Object.assign({}, r, { version: 1 })))
    }
    // The column is added after each record's digested columns: every record still matches its last digest.
    const check = await verifyServerAudit(upgraded.db)
    expect(check).toMatchObject({ brokenAt: null, records: { changed: 0, deleted: 0, unaudited: 0 } })
  })

  it('keeps an attachment an earlier move left without its bytes (0018), which check names, and takes files with their bytes from then on', async () => {
    const { url, ledger: old } = await serverAt('0017_record_versions')
    const at = '2026-11-03 09:00:00'
    await writeAnIssueAround(url, at)
    await onPlainConnection(url, async (plain) => {
      // What migrate-to-pg of the previous version copied: the row, never the file beside the ledger.
      await plain.query(
        `insert into issue_attachments (issue_id, kind, original_name, media_type, size, sha256, created_at)
        values (1, 'site_photo', '现场.png', 'image/png', ${jpegBytes(3).length}, $1, $2)`,
        [sha256Of(jpegBytes(3)), at],
      )
    })
    await vouchAsTheApp(
      old,
      ['categories', 'sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'appointments', 'issue_attachments'],
      [],
    )
    const before = (await sql`select * from issue_attachments`.execute(old.db)).rows
    await old.close()
    opened.splice(opened.indexOf(old), 1)

    const upgraded = await reopen(url)
    expect((await sql`select * from issue_attachments`.execute(upgraded.db)).rows).toEqual(before)
    const report = await checkServerLedger(upgraded)
    expect(report.attachmentProblems).toEqual([expect.stringMatching(/^附件 #1（现场\.png）的文件缺失/)])
    expect(report.audit.records).toMatchObject({ changed: 0, deleted: 0, unaudited: 0 })
    const ctx = { db: upgraded.db, actor: systemActor, now: () => new Date('2026-11-10T02:00:00Z') }
    const added = await addAttachment(ctx, ON_SERVER, { issueId: 1, kind: 'reply_letter', fileName: '回复.pdf', bytes: SMALL_PDF })
    const { rows } = await sql<{ sha256: string }>`select sha256 from attachment_contents`.execute(upgraded.db)
    expect(rows).toEqual([{ sha256: added.sha256 }])
    expect((await checkServerLedger(upgraded)).attachmentProblems).toHaveLength(1)
  })
})
