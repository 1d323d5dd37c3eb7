import type pg from 'pg'
import { LedgerError } from './errors'

// Who may do what on a server ledger. Two roles, as PostgreSQL's own advice has it: the owner
// (IT's account) builds and upgrades the schema and owns every table, so only it could disable a
// trigger or empty the audit log; each desk connects as the app role, which may read and write the
// ordinary tables but only append to the audit log and the other append-only tables. The
// triggers refuse an UPDATE or DELETE of the audit log from anyone; the privileges make sure the
// desk's account cannot switch the triggers off either (ALTER TABLE needs ownership).

/** Tables whose rows, once written, stay: the triggers refuse UPDATE and DELETE, the desk role holds only SELECT and INSERT. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_state', 'corrections', 'ledger_identity', 'attachment_contents'] as const

/** The migrator's own bookkeeping: the desk reads which version the ledger is at, never writes it. */
const MIGRATOR_TABLES = ['ledger_migration', 'ledger_migration_lock'] as const

/** What IT runs to build or upgrade the ledger, quoted in every refusal that needs the owner. */
export const MIGRATE_COMMAND = 'npm run ledger -- migrate --pg postgres://所有者账号@服务器/数据库'
export const GRANT_COMMAND = 'npm run ledger -- grant-app-role --pg postgres://所有者账号@服务器/数据库 --role 窗口账号'

/** Role names as IT creates them with createuser: lower-case letters, digits and underscores. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

interface RoleFacts {
  user: string
  superuser: boolean
  ownsTables: boolean
  alterable: string[]
  notGranted: string[]
}

async function roleFacts(client: pg.Pool | pg.PoolClient): Promise<RoleFacts> {
  const { rows } = await client.query<RoleFacts>(
    `select current_user as "user",
       (select rolsuper from pg_roles where rolname = current_user) as superuser,
       exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p') and pg_has_role(current_user, c.relowner, 'USAGE')) as "ownsTables",
       array(select t from unnest($1::text[]) t where to_regclass(t) is not null
         and (has_table_privilege(t, 'UPDATE') or has_table_privilege(t, 'DELETE') or has_table_privilege(t, 'TRUNCATE')
           or has_table_privilege(t, 'TRIGGER') or has_table_privilege(t, 'REFERENCES'))) as alterable,
       array(select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p')
           and not (has_table_privilege(c.oid, 'SELECT') and (c.relname = any($2::text[]) or has_table_privilege(c.oid, 'INSERT')))
         order by c.relname) as "notGranted"`,
    [[...APPEND_ONLY_TABLES], [...MIGRATOR_TABLES]],
  )
  const facts = rows[0]
  if (facts === undefined) throw new Error('pg_roles returned no row for the current user')
  return facts
}

/**
 * Refuses, at connect and before anything is written, a desk account that could alter the audit
 * log: a superuser, the tables' owner (or a member of the owner's role), or a role granted
 * UPDATE / DELETE / TRUNCATE / TRIGGER on an append-only table. Gives back the tables the role
 * lacks its grants on (none, once grant-app-role ran after the last upgrade).
 */
export async function assertDeskRole(pool: pg.Pool, where: string): Promise<DeskGrants> {
  const facts = await roleFacts(pool)
  const fix = `请信息管理员为各窗口另建普通账号，并以所有者账号运行 ${GRANT_COMMAND}。台账未作任何改动。`
  if (facts.superuser) {
    throw new LedgerError(
      'server_role_too_strong',
      `台账服务器 ${where} 的登录账号 ${facts.user} 是数据库超级用户，权限过大（能改动审计日志），窗口不能用它登记。${fix}`,
    )
  }
  if (facts.ownsTables) {
    throw new LedgerError(
      'server_role_too_strong',
      `台账服务器 ${where} 的登录账号 ${facts.user} 是台账数据表的所有者，权限过大（能停用审计日志的保护），窗口不能用它登记；它只用于升级和维护。${fix}`,
    )
  }
  if (facts.alterable.length > 0) {
    throw new LedgerError(
      'server_role_too_strong',
      `台账服务器 ${where} 的登录账号 ${facts.user} 能修改或删除只能追加的记录（${facts.alterable.join('、')}），权限过大。${fix}`,
    )
  }
  return { user: facts.user, missing: facts.notGranted }
}

export interface DeskGrants {
  user: string
  /** Tables the role cannot read (or, but for the migrator's, append to). */
  missing: string[]
}

/** The refusal for a desk role missing grants: a table an upgrade added, or grant-app-role never run. */
export function grantsMissing(where: string, grants: DeskGrants): LedgerError {
  return new LedgerError(
    'server_role_not_granted',
    `台账服务器 ${where} 的登录账号 ${grants.user} 缺少读写台账的权限（${grants.missing.join('、')}）。请信息管理员以所有者账号运行 ${GRANT_COMMAND}。台账未作任何改动。`,
  )
}

/** The refusal for a desk that finds the ledger empty or older than the app: only the owner upgrades. */
export function needsMigration(where: string, empty: boolean): LedgerError {
  const state = empty ? '还没有建立台账' : '上的台账版本比本软件旧，需要升级'
  return new LedgerError(
    'server_needs_migration',
    `台账服务器 ${where} ${state}，窗口的登录账号无权${empty ? '建立' : '升级'}。请信息管理员以台账所有者账号运行：${MIGRATE_COMMAND}，然后运行 grant-app-role 为窗口账号授权。台账未作任何改动。`,
  )
}

/**
 * Gives the desk role exactly what the app needs, in one transaction on the owner's connection:
 * read and write on the ordinary tables, read and append on the append-only ones, read on the
 * migrator's tables, the sequences behind the ids and the ledger's functions. Run again after
 * every upgrade (the tables it adds get their grants then); running it twice changes nothing.
 */
export async function grantDeskRole(client: pg.PoolClient | pg.Client, role: string, where: string): Promise<void> {
  if (!ROLE_NAME.test(role)) {
    throw new LedgerError('server_role_name', `窗口账号名“${role}”不合规：只用小写字母、数字和下划线，以字母或下划线开头。`)
  }
  const found = await client.query<{ superuser: boolean; database: string; schema: string }>(
    'select rolsuper as superuser, current_database() as database, current_schema() as schema from pg_roles where rolname = $1',
    [role],
  )
  const facts = found.rows[0]
  if (facts === undefined) {
    throw new LedgerError(
      'server_role_missing',
      `台账服务器 ${where} 上没有账号 ${role}：请先用 createuser 建立（见 README“服务器台账的安装”）。`,
    )
  }
  const member = await client.query<{ owner: boolean }>("select pg_has_role($1, current_user, 'USAGE') as owner", [role])
  if (facts.superuser || member.rows[0]?.owner === true) {
    throw new LedgerError(
      'server_role_too_strong',
      `账号 ${role} 是超级用户或台账所有者（或其成员），不能作为窗口账号：窗口账号须是另建的普通账号。未作任何改动。`,
    )
  }
  const tables = new Set(
    (
      await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
      )
    ).rows.map((r) => r.name),
  )
  if (!tables.has('audit_log')) throw needsMigration(where, true)
  const r = quoted(role)
  const schema = quoted(facts.schema)
  const present = (names: readonly string[]) => names.filter((n) => tables.has(n)).map(quoted)
  await client.query('begin')
  try {
    await client.query(`grant connect, temporary on database ${quoted(facts.database)} to ${r}`)
    await client.query(`grant usage on schema ${schema} to ${r}`)
    await client.query(`revoke all on all tables in schema ${schema} from ${r}`)
    await client.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${r}`)
    await client.query(`revoke update, delete on ${present(APPEND_ONLY_TABLES).join(', ')} from ${r}`)
    const migrator = present(MIGRATOR_TABLES)
    if (migrator.length > 0) await client.query(`revoke insert, update, delete on ${migrator.join(', ')} from ${r}`)
    await client.query(`grant usage, select on all sequences in schema ${schema} to ${r}`)
    await client.query(`grant execute on all functions in schema ${schema} to ${r}`)
    await client.query('commit')
  } catch (e) {
    await client.query('rollback')
    throw e
  }
}
