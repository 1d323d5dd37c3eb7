import { CompiledQuery, Kysely, type Migration } from 'kysely'
import pg from 'pg'
import { LedgerError } from './errors'
import { migrate } from './open'
import { ServerLedgerDialect } from './server-dialect'
import {
  installServerStateTracking,
  outOfStepOnServer,
  quietly,
  SERVER_TOUCHED_TABLE_DDL,
  serverStateTrackingReady,
  vouchForServerUpgrade,
} from './record-state-server'
import { assertDeskRole, grantsMissing, needsMigration, type DeskGrants } from './server-roles'
import { faultKind } from './server-faults'
import type { Database as Schema } from './schema'
import { serverMigrations } from '../migrations/pg'

// The ledger on a PostgreSQL server that several desks share: the same Kysely code as the local
// file, through Kysely's PostgresDialect over a pg Pool. Opening checks, before anything is
// written, that the server is reachable with these credentials, that the database is empty or a
// ledger of a version this app knows, and that pg_trgm (the search indexes) is there.

/** A ledger on a server. `database` names it for messages (host:port/database), never with the password. */
export interface ServerLedger {
  readonly engine: 'pg'
  readonly db: Kysely<Schema>
  readonly pool: pg.Pool
  readonly database: string
  close(): Promise<void>
}

export interface ServerConfig {
  host: string
  port?: number
  database: string
  user: string
  password?: string
  /**
   * TLS to the server; on and verifying the certificate by default, as the bureau's LAN is not
   * trusted with personal data. 'no-verify': encrypted, the certificate not checked (a server
   * with a self-made certificate); false: plain, which 设置 warns against.
   */
  ssl?: boolean | 'no-verify'
}

export interface ServerOpenOptions {
  /** The migrations this build knows (tests pass a longer list to fake a newer app). */
  migrations?: Record<string, Migration>
  /** Connections this desk keeps open at most. */
  maxConnections?: number
  /** Clock for what opening writes (the audit row vouching for records a migration seeds); tests pass their own. */
  now?: () => Date
  /**
   * Opened by IT as the ledger's owner, to build or upgrade it (the CLI's migrate, migrate-to-pg,
   * export-local): the desk's role checks are skipped and pending migrations run. A desk never
   * sets it, so a desk account that could alter the audit log is refused at connect.
   */
  maintenance?: boolean
  /** How long a desk waits, in milliseconds, before it is told the server is unreachable or busy (tests shorten them). */
  timeouts?: Partial<ServerTimeouts>
}

export interface ServerTimeouts {
  /** Opening a connection: an unreachable host must not hang the desk. */
  connectMs: number
  /** One statement; 0 for none (maintenance copies a whole ledger). */
  statementMs: number
  /** Waiting for a lock, the ledger's write lock included: another desk stuck mid-save. */
  lockMs: number
  /** A transaction left open with nothing sent: the server ends that session and releases its locks. */
  idleInTransactionMs: number
}

const DESK_TIMEOUTS: ServerTimeouts = { connectMs: 5_000, statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000 }
const MAINTENANCE_TIMEOUTS: ServerTimeouts = { connectMs: 10_000, statementMs: 0, lockMs: 60_000, idleInTransactionMs: 0 }

const MIGRATION_TABLE = 'ledger_migration'
const INT8 = 20
const NUMERIC = 1700

// count(*) is bigint and sum() / avg() numeric on PostgreSQL, which pg hands over as strings;
// ledger numbers are far below 2^53, so they come back as JS numbers, as SQLite gives them.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

/** The pool settings every server connection of the app uses (numbers as numbers, the app's name, TLS on by default, the timeouts). */
export function poolConfig(target: string | ServerConfig, options: ServerOpenOptions): pg.PoolConfig {
  const t = { ...(options.maintenance ? MAINTENANCE_TIMEOUTS : DESK_TIMEOUTS), ...options.timeouts }
  const common = {
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    lock_timeout: t.lockMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    // A cable pulled with no packet in flight is noticed by TCP keepalive rather than never.
    keepAlive: true,
    types,
    application_name: '接待日台账',
  }
  if (typeof target === 'string') return { connectionString: target, ...common }
  const { ssl = true, ...rest } = target
  return { ...rest, ssl: ssl === 'no-verify' ? { rejectUnauthorized: false } : ssl ? { rejectUnauthorized: true } : false, ...common }
}

/** host:port/database, for messages: never the password. */
export function describeServer(target: string | ServerConfig): string {
  if (typeof target !== 'string') return `${target.host}:${target.port ?? 5432}/${target.database}`
  try {
    const u = new URL(target)
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return '（地址格式不正确）'
  }
}

function errorCode(e: unknown): string {
  return e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : ''
}

/** What the desk is told when the server cannot be reached or refuses the connection. */
export function connectionRefusal(e: unknown, where: string): LedgerError {
  const code = errorCode(e)
  const detail = e instanceof Error ? e.message : String(e)
  if (code === '28P01' || code === '28000')
    return new LedgerError('server_auth', `无法登录台账服务器 ${where}：用户名或密码不正确。台账未作任何改动。`)
  if (code === '3D000') return new LedgerError('server_no_database', `台账服务器 ${where} 上没有这个数据库，请先由信息管理员创建。`)
  if (faultKind(e) !== null) {
    return new LedgerError('server_unreachable', `连接不上台账服务器 ${where}，请检查网络或服务器是否开启。`)
  }
  return new LedgerError('server_open_failed', `无法打开台账服务器 ${where} 上的台账：${detail}`)
}

// From the catalog, not information_schema (which lists only the tables the role has a grant on):
// a desk role without its grants must still see that the database holds a ledger.
export async function tablesOf(pool: pg.Pool): Promise<Set<string>> {
  const { rows } = await pool.query<{ name: string }>(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind in ('r', 'p')",
  )
  return new Set(rows.map((r) => r.name))
}

/** Refuses, before anything is written, a database that is not an empty one or a ledger this app can open. */
async function appliedMigrations(pool: pg.Pool): Promise<string[]> {
  if (!(await tablesOf(pool)).has(MIGRATION_TABLE)) return []
  return (await pool.query<{ name: string }>(`select name from ${MIGRATION_TABLE} order by name`)).rows.map((r) => r.name)
}

async function assertOpenable(pool: pg.Pool, known: Record<string, Migration>, where: string): Promise<void> {
  const tables = await tablesOf(pool)
  if (tables.size > 0 && !tables.has(MIGRATION_TABLE)) {
    throw new LedgerError('not_a_ledger', `数据库 ${where} 里已有其他数据，不是接待日台账，未作任何改动。请为台账单独创建一个空数据库。`)
  }
  if (tables.has(MIGRATION_TABLE)) {
    const { rows } = await pool.query<{ name: string }>(`select name from ${MIGRATION_TABLE} order by name`)
    const unknown = rows.map((r) => r.name).filter((name) => !(name in known))
    if (unknown.length > 0) {
      throw new LedgerError(
        'ledger_too_new',
        `台账服务器 ${where} 上的台账由更新版本的接待日台账写入（数据版本 ${unknown.at(-1)}），当前版本无法安全打开。请先升级软件，台账未作任何改动。`,
      )
    }
  }
  const trgm = await pool.query("select 1 from pg_available_extensions where name = 'pg_trgm'")
  if (trgm.rowCount === 0) {
    throw new LedgerError(
      'server_no_pg_trgm',
      `台账服务器 ${where} 缺少 pg_trgm 扩展（台账的搜索需要它），未作任何改动。请信息管理员安装 PostgreSQL 的 contrib 组件（Debian：postgresql 软件包自带）。`,
    )
  }
}

export async function openServerLedger(target: string | ServerConfig, options: ServerOpenOptions = {}): Promise<ServerLedger> {
  const known = options.migrations ?? serverMigrations
  const where = describeServer(target)
  const pool = new pg.Pool(poolConfig(target, options))
  // An idle connection the server drops must not bring the app down; the next query reconnects.
  pool.on('error', () => undefined)
  try {
    await pool.query('select 1')
  } catch (e) {
    await pool.end()
    throw connectionRefusal(e, where)
  }
  const desk = options.maintenance !== true
  let grants: DeskGrants = { user: '', missing: [] }
  try {
    if (desk) {
      // A desk account that could alter the audit log is refused before anything else is read.
      grants = await assertDeskRole(pool, where)
      // Without a grant on the migrator's table it cannot even tell which version the ledger is.
      if (grants.missing.includes(MIGRATION_TABLE)) throw grantsMissing(where, grants)
    }
    await assertOpenable(pool, known, where)
  } catch (e) {
    await pool.end()
    throw e
  }
  const db = new Kysely<Schema>({
    dialect: new ServerLedgerDialect(
      {
        pool,
        // Each connection's own note of the records its writes touch (record-state-server.ts).
        onCreateConnection: async (connection) => {
          await connection.executeQuery(CompiledQuery.raw(SERVER_TOUCHED_TABLE_DDL))
        },
        prepareStatements: desk,
      },
      where,
    ),
  })
  const close = () => db.destroy()
  try {
    const applied = new Set(await appliedMigrations(pool))
    const pending = Object.keys(known)
      .sort()
      .filter((name) => !applied.has(name))
    if (!desk) {
      // The note function as this version writes it, before the migrations run (quiet in them).
      if (pending.length > 0) await installServerStateTracking(db)
      const before = pending.length > 0 ? await outOfStepOnServer(db) : null
      await migrate(db, quietly(known))
      await installServerStateTracking(db)
      if (pending.length > 0) await vouchForServerUpgrade(db, before, pending, options.now ?? (() => new Date()))
    } else {
      // A desk builds and upgrades nothing: its role may not (server-roles.ts), and must not be able to.
      if (pending.length > 0 || !(await serverStateTrackingReady(db))) throw needsMigration(where, applied.size === 0)
      if (grants.missing.length > 0) throw grantsMissing(where, grants)
    }
  } catch (e) {
    await close()
    throw e
  }
  return { engine: 'pg', db, pool, database: where, close }
}
