import { afterEach, describe, expect, inject, it } from 'vitest'
import { openServerLedger } from '../../db/core/open-server'
import { grantDeskRole } from '../../db/core/server-roles'
import { serverMigrations } from '../../db/migrations/pg'
import { ledgerCli } from '../support/cli'
import { createServerDatabase, dropServerDatabase, onPlainConnection, plainRows, type ServerDatabase } from '../support/engine-ledger'
import { PG_TEMPLATE } from '../support/pg-server'
import { refused } from '../support/refusals'

// The desk's account on a server ledger may read and write the ledger but never alter its audit
// log, not even with SQL typed into psql; and the app refuses at connect an account that could
// (a superuser, the tables' owner, a role with too many grants), so a desk cannot be set up with
// one by mistake. Building and upgrading is the owner's, through the command line.

const made: string[] = []
const roles: string[] = []
afterEach(async () => {
  for (const name of made.splice(0)) await dropServerDatabase(name)
  for (const role of roles.splice(0)) await asSuperuser('postgres', `drop role if exists ${role}`)
})

async function database(template: string | null = PG_TEMPLATE): Promise<ServerDatabase> {
  const db = await createServerDatabase(template)
  made.push(db.name)
  return db
}

const run = plainRows

async function asSuperuser(database: string, text: string): Promise<void> {
  await run(`${inject('pgServerUrl')}${database}`, text)
}

/** A login role of this test, with a password, as IT makes one with createuser. */
async function loginRole(db: ServerDatabase, name: string): Promise<string> {
  const role = `${name}_${process.pid}`
  await run(db.url, `create role ${role} login password 'role-secret'`)
  roles.push(role)
  const url = new URL(db.deskUrl)
  url.username = role
  url.password = 'role-secret'
  return url.toString()
}

async function grant(db: ServerDatabase, role: string): Promise<void> {
  await onPlainConnection(db.ownerUrl, (client) => grantDeskRole(client, role, db.name))
}

/** The audit log and the migrations recorded: what "nothing changed" compares after a refusal. */
async function state(db: ServerDatabase): Promise<unknown> {
  return {
    audit: await run(db.url, 'select id, hash from audit_log order by id'),
    migrations: await run(db.url, 'select name from ledger_migration order by name'),
  }
}

describe("the desk's account on a server ledger", () => {
  it('cannot update, delete or truncate the audit log even with its own SQL', async () => {
    const db = await database()
    const desk = await openServerLedger(db.deskUrl)
    try {
      const before = await state(db)
      await expect(desk.pool.query("update audit_log set detail = '{}'")).rejects.toThrow(/permission denied/)
      await expect(desk.pool.query('delete from audit_log')).rejects.toThrow(/permission denied/)
      await expect(desk.pool.query('truncate audit_log cascade')).rejects.toThrow(/permission denied/)
      await expect(desk.pool.query("update audit_state set row_hash = 'x'")).rejects.toThrow(/permission denied/)
      expect(await state(db)).toEqual(before)
    } finally {
      await desk.close()
    }
  })

  it("cannot switch off the audit log's triggers or drop the table", async () => {
    const db = await database()
    const desk = await openServerLedger(db.deskUrl)
    try {
      await expect(desk.pool.query('alter table audit_log disable trigger audit_log_no_update')).rejects.toThrow(/must be owner/)
      await expect(desk.pool.query('alter table audit_log disable trigger all')).rejects.toThrow(/must be owner/)
      await expect(desk.pool.query('drop table audit_log cascade')).rejects.toThrow(/must be owner/)
      const { rows } = await desk.pool.query<{ enabled: string }>(
        "select tgenabled as enabled from pg_trigger where tgname = 'audit_log_no_update'",
      )
      expect(rows).toEqual([{ enabled: 'O' }])
    } finally {
      await desk.close()
    }
  })

  it('still appends to the audit log and writes the ordinary tables', async () => {
    const db = await database()
    const desk = await openServerLedger(db.deskUrl)
    try {
      await desk.pool.query("insert into settings (key, value) values ('test.desk', '1')")
      await desk.pool.query("update settings set value = '2' where key = 'test.desk'")
      await desk.pool.query(
        "insert into audit_log (at, actor_name, action, entity, detail, prev_hash, hash) values ('2026-11-10 09:00:00', '测试', 'x', 'y', '{}', '0', '1')",
      )
      expect(await run(db.url, "select value from settings where key = 'test.desk'")).toEqual([{ value: '2' }])
      expect(await run(db.url, "select count(*)::int as n from audit_log where action = 'x'")).toEqual([{ n: 1 }])
    } finally {
      await desk.close()
    }
  })
})

describe('opening a server ledger refuses an account that could alter the audit log', () => {
  it('refuses the server superuser at connect, in Chinese, with nothing changed', async () => {
    const db = await database()
    const before = await state(db)
    const e = await refused(openServerLedger(db.url))
    expect(e.code).toBe('server_role_too_strong')
    expect(e.message).toMatch(/是数据库超级用户，权限过大.*grant-app-role.*台账未作任何改动/)
    expect(await state(db)).toEqual(before)
  })

  it("refuses the tables' owner unless it is opened for maintenance", async () => {
    const db = await database()
    const e = await refused(openServerLedger(db.ownerUrl))
    expect(e.code).toBe('server_role_too_strong')
    expect(e.message).toMatch(/是台账数据表的所有者.*只用于升级和维护/)
    const owner = await openServerLedger(db.ownerUrl, { maintenance: true })
    await owner.close()
    expect(owner.engine).toBe('pg')
  })

  it("refuses a member of the owner's role, which holds the owner's rights", async () => {
    const db = await database()
    const url = await loginRole(db, 'helper')
    const role = new URL(url).username
    await grant(db, role)
    await run(db.url, `grant ledger_owner to ${role}`)
    const e = await refused(openServerLedger(url))
    expect(e.code).toBe('server_role_too_strong')
    expect(e.message).toContain(`登录账号 ${role} 是台账数据表的所有者`)
  })

  it('refuses an account granted UPDATE or DELETE on the audit log and names the table', async () => {
    const db = await database()
    const url = await loginRole(db, 'strong')
    const role = new URL(url).username
    await grant(db, role)
    await run(db.ownerUrl, `grant update, delete on audit_log to ${role}`)
    const e = await refused(openServerLedger(url))
    expect(e.code).toBe('server_role_too_strong')
    expect(e.message).toMatch(/能修改或删除只能追加的记录（audit_log）/)
  })

  it('refuses an account without the grants and says to run grant-app-role', async () => {
    const db = await database()
    const url = await loginRole(db, 'bare')
    const e = await refused(openServerLedger(url))
    expect(e.code).toBe('server_role_not_granted')
    expect(e.message).toMatch(/缺少读写台账的权限.*npm run ledger -- grant-app-role/)
  })

  it('opens with an account given the grants by grantDeskRole, and a second grant changes nothing', async () => {
    const db = await database()
    const url = await loginRole(db, 'clerk')
    const role = new URL(url).username
    await grant(db, role)
    await grant(db, role)
    const desk = await openServerLedger(url)
    await desk.close()
    expect(desk.database).toContain(db.name)
  })

  it('refuses to grant the desk rights to the owner itself or to a superuser', async () => {
    const db = await database()
    const asOwner = await refused(grant(db, 'ledger_owner'))
    expect(asOwner.code).toBe('server_role_too_strong')
    const asSuper = await refused(grant(db, 'ledger_admin'))
    expect(asSuper.code).toBe('server_role_too_strong')
    const bad = await refused(grant(db, 'Robert"; drop table audit_log; --'))
    expect(bad.code).toBe('server_role_name')
    expect(await run(db.url, "select to_regclass('audit_log') is not null as present")).toEqual([{ present: true }])
  })
})

describe('building and upgrading a server ledger is for the owner', () => {
  it('tells a desk that finds an empty database to have IT run migrate as the owner, and builds nothing', async () => {
    const db = await database(null)
    const e = await refused(openServerLedger(db.deskUrl))
    expect(e.code).toBe('server_needs_migration')
    expect(e.message).toMatch(/还没有建立台账.*npm run ledger -- migrate --pg.*台账未作任何改动/)
    expect(await run(db.url, "select count(*)::int as n from information_schema.tables where table_schema = 'public'")).toEqual([{ n: 0 }])
  })

  it('tells a desk that finds an older ledger to have it upgraded, and leaves it at its version', async () => {
    const db = await database(null)
    const first = Object.keys(serverMigrations).sort()[0] ?? ''
    const older = await openServerLedger(db.ownerUrl, { maintenance: true, migrations: { [first]: serverMigrations[first] } })
    await older.close()
    await grant(db, 'ledger_desk')
    const before = await state(db)
    const e = await refused(openServerLedger(db.deskUrl))
    expect(e.code).toBe('server_needs_migration')
    expect(e.message).toMatch(/版本比本软件旧，需要升级.*以台账所有者账号运行：npm run ledger -- migrate --pg/)
    expect(await state(db)).toEqual(before)
  })

  it('lets IT build the ledger with `ledger migrate` and grant a desk with `ledger grant-app-role`, after which the desk opens it', async () => {
    const db = await database(null)
    const url = await loginRole(db, 'frontdesk')
    const role = new URL(url).username
    const migrated = await ledgerCli('migrate', '--pg', db.ownerUrl)
    expect(migrated.stderr).toBe('')
    expect(migrated.stdout).toMatch(/已是最新版本/)
    const granted = await ledgerCli('grant-app-role', '--pg', db.ownerUrl, '--role', role)
    expect(granted.stdout).toContain(`已为窗口账号 ${role} 授权`)
    expect(granted.code).toBe(0)
    const desk = await openServerLedger(url)
    try {
      await expect(desk.pool.query('delete from audit_log')).rejects.toThrow(/permission denied/)
    } finally {
      await desk.close()
    }
  })

  it('refuses grant-app-role for a role the server does not have, in Chinese', async () => {
    const db = await database()
    const r = await ledgerCli('grant-app-role', '--pg', db.ownerUrl, '--role', 'nobody_here')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/上没有账号 nobody_here：请先用 createuser 建立/)
  })
})
