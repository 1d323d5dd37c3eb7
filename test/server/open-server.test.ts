import { afterEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openServerLedger } from '../../db/core/open-server'
import { serverMigrations } from '../../db/migrations/pg'
import { migrations as localMigrations } from '../../db/migrations'
import { createServerDatabase, dropServerDatabase, plainRows } from '../support/engine-ledger'
import { refused } from '../support/refusals'
import { openTempLedger } from '../support/temp-ledger'

// Opening a ledger on the PostgreSQL server: an empty database becomes a ledger; anything else
// that is not a ledger of this version is refused at connect, in Chinese, with nothing changed.

const made: string[] = []
afterEach(async () => {
  for (const name of made.splice(0)) await dropServerDatabase(name)
})

async function emptyDatabase(): Promise<{ name: string; url: string }> {
  const db = await createServerDatabase()
  made.push(db.name)
  return db
}

const query = plainRows

/** Every table with its rows, and the migrations recorded: what "nothing changed" compares. */
async function snapshot(url: string): Promise<unknown> {
  const tables = await query<{ name: string }>(
    url,
    "select table_name as name from information_schema.tables where table_schema = 'public' order by table_name",
  )
  const out: Record<string, unknown> = {}
  for (const { name } of tables) out[name] = await query(url, `select * from "${name}" order by 1`)
  return out
}

describe('opening a ledger on a PostgreSQL server', () => {
  it('builds the ledger in an empty database with the same tables as the local file, and opens it again', async () => {
    const { url } = await emptyDatabase()
    const first = await openServerLedger(url, { maintenance: true })
    const tables = (await first.db.introspection.getTables()).map((t) => t.name).sort()
    await first.close()
    const again = await openServerLedger(url, { maintenance: true })
    const { rows } = await sql<{ name: string }>`select name from ledger_migration order by name`.execute(again.db)
    await again.close()
    expect(rows.map((r) => r.name)).toEqual(Object.keys(serverMigrations).sort())
    for (const table of ['issues', 'visits', 'visitors', 'audit_log', 'audit_state', 'ledger_identity', 'issue_attachments', 'petitions'])
      expect(tables).toContain(table)
  })

  it('has every table of the local file with the same columns in the same order (search indexes and the files’ bytes aside)', async () => {
    const local = await openTempLedger()
    const fts = /_search(_data|_idx|_docsize|_config|_content|_vocab)?$/
    const localColumns: Record<string, string[]> = {}
    try {
      const names = local.ledger.sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .pluck()
        .all()
        .map(String)
        .filter((n) => !fts.test(n))
      for (const name of names)
        localColumns[name] = local.ledger.sqlite
          .prepare(`select name from pragma_table_info('${name}') order by cid`)
          .pluck()
          .all()
          .map(String)
    } finally {
      await local.close()
    }
    const { url } = await emptyDatabase()
    await (await openServerLedger(url, { maintenance: true })).close()
    const rows = await query<{ table_name: string; column_name: string }>(
      url,
      "select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position",
    )
    const serverColumns: Record<string, string[]> = {}
    for (const r of rows) (serverColumns[r.table_name] ??= []).push(r.column_name)
    // The file keeps the bytes of its files on issues in the folder beside it; the server in this table of its own.
    const { attachment_contents: contents, ...shared } = serverColumns
    expect(contents).toEqual(['sha256', 'content', 'size', 'created_at'])
    expect(shared).toEqual(localColumns)
  })

  it('is at the version of the latest local migration, so both engines name one schema alike', () => {
    expect(Object.keys(serverMigrations).sort().at(-1)).toBe(Object.keys(localMigrations).sort().at(-1))
  })

  it('refuses a ledger written by a newer version of the app and leaves it as it was', async () => {
    const { url } = await emptyDatabase()
    const newer = { ...serverMigrations, '0099_future': { up: async () => undefined } }
    const future = await openServerLedger(url, { migrations: newer, maintenance: true })
    await future.close()
    const before = await snapshot(url)
    const e = await refused(openServerLedger(url, { maintenance: true }))
    expect(e.code).toBe('ledger_too_new')
    expect(e.message).toMatch(/由更新版本的接待日台账写入（数据版本 0099_future）.*台账未作任何改动/)
    expect(await snapshot(url)).toEqual(before)
  })

  it('refuses a database that holds other data and is not a ledger, and adds nothing to it', async () => {
    const { url } = await emptyDatabase()
    await query(url, "create table payroll (id integer primary key, name text); insert into payroll values (1, '张三')")
    const before = await snapshot(url)
    const e = await refused(openServerLedger(url, { maintenance: true }))
    expect(e.code).toBe('not_a_ledger')
    expect(e.message).toMatch(/不是接待日台账，未作任何改动/)
    expect(await snapshot(url)).toEqual(before)
  })

  it('refuses a wrong password with a Chinese message and builds nothing', async () => {
    const { name, url } = await emptyDatabase()
    const role = `desk_${name}`
    await query(
      url,
      `create role ${role} login password 'right-one'; grant all on database ${name} to ${role}; grant all on schema public to ${role}`,
    )
    const wrong = new URL(url)
    wrong.username = role
    wrong.password = 'wrong-one'
    const e = await refused(openServerLedger(wrong.toString()))
    expect(e.code).toBe('server_auth')
    expect(e.message).toMatch(/用户名或密码不正确。台账未作任何改动/)
    expect(e.message).not.toContain('wrong-one')
    expect(await snapshot(url)).toEqual({})
    await query(url, `drop owned by ${role}; drop role ${role}`).catch(() => undefined)
  })

  it('says the server cannot be reached when nothing listens at the address', async () => {
    const e = await refused(openServerLedger('postgres://nobody@127.0.0.1:1/ledger'))
    expect(e.code).toBe('server_unreachable')
    expect(e.message).toMatch(/连接不上台账服务器 127\.0\.0\.1:1\/ledger/)
  })

  it('keeps the audit log append-only on the server: an update, a delete and a truncate are refused', async () => {
    const { url } = await emptyDatabase()
    const ledger = await openServerLedger(url, { maintenance: true })
    await ledger.close()
    const before = await query<{ n: number }>(url, 'select count(*)::int as n from audit_log')
    await query(
      url,
      "insert into audit_log (at, actor_name, action, entity, detail, prev_hash, hash) values ('2026-11-10 09:00:00', '测试', 'x', 'y', '{}', '0', '1')",
    )
    await expect(query(url, 'update audit_log set detail = \'{"a":1}\'')).rejects.toThrow('审计日志只能追加，不能修改')
    await expect(query(url, 'delete from audit_log')).rejects.toThrow('审计日志只能追加，不能删除')
    await expect(query(url, 'truncate audit_log cascade')).rejects.toThrow('审计日志只能追加，不能删除')
    expect(await query<{ n: number }>(url, 'select count(*)::int as n from audit_log')).toEqual([{ n: (before[0]?.n ?? 0) + 1 }])
  })
})
