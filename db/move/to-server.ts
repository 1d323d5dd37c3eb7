import path from 'node:path'
import dayjs from 'dayjs'
import { CompiledQuery, Kysely, sql } from 'kysely'
import pg from 'pg'
import { audit, verifyAuditChain } from '../core/audit'
import type { Actor, LedgerContext, Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import { migrate, type LocalLedger } from '../core/open'
import { connectionRefusal, describeServer, poolConfig, tablesOf } from '../core/open-server'
import { AUDITED_TABLES, rowHash } from '../core/record-state'
import type { Database as Schema } from '../core/schema'
import { ServerLedgerDialect } from '../core/server-dialect'
import { SERVER_TOUCHED_TABLE_DDL } from '../core/record-state-server'
import { serverMigrations } from '../migrations/pg'
import {
  assertSameLedger,
  assertSameTables,
  countOn,
  localRows,
  localTables,
  movedFigures,
  serverTablePlan,
  type TablePlan,
} from './tables'
import { filesToServer } from './files'

// `ledger migrate-to-pg`: a local ledger moved onto an empty server database in one transaction.
// Every table's rows go over in id order with their ids, so issue numbers, references and the
// audit chain stay as they were; the identity counters are set past the copied ids; the copy is
// verified (counts, figures, the chain, every record's digest) before commit, and the move itself
// is the chain's next row. Anything that fails rolls the whole copy back: the database stays empty.

/** Tables a freshly migrated server database already fills: its own id and the office's sources, replaced by the file's. */
const SEEDED = new Set(['ledger_identity', 'issue_sources'])

/** Empty in a database fit to move into; its truncate trigger refuses even that. */
const APPEND_ONLY = new Set(['audit_log', 'audit_state'])

// Bound parameters per statement stay well below the server's 65,535.
const PARAMETERS_PER_INSERT = 20_000

export interface MoveToServerOptions {
  actor: Actor
  now: () => Date
  /** Tests of a failure (or a desk's write) midway: called after each table is copied. */
  fault?: (table: string) => void | Promise<void>
}

export interface MoveToServerResult {
  where: string
  tables: number
  rows: number
  auditRows: number
  /** Contents of the files on issues written to the server. */
  files: number
}

async function refuseNonEmpty(pool: pg.Pool, where: string): Promise<void> {
  const tables = await tablesOf(pool)
  if (tables.size === 0) return
  if (!tables.has('ledger_migration')) {
    throw new LedgerError('not_a_ledger', `数据库 ${where} 里已有其他数据，不是接待日台账，未作任何改动。请为台账单独创建一个空数据库。`)
  }
  const held: string[] = []
  for (const table of tables) {
    if (table.startsWith('ledger_migration') || SEEDED.has(table) || table === 'issue_search_text') continue
    const { rows } = await pool.query<{ n: number }>(`select count(*) as n from "${table}"`)
    if (Number(rows[0]?.n ?? 0) > 0) held.push(table)
  }
  if (held.length > 0) {
    throw new LedgerError(
      'server_not_empty',
      `台账服务器 ${where} 上的数据库已有台账记录（${held.slice(0, 5).join('、')}），不能再迁入，未作任何改动。请由信息管理员新建一个空数据库再迁移。`,
    )
  }
}

async function copyTable(trx: Tx, sqliteRows: unknown[][], table: TablePlan): Promise<void> {
  const batch = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / table.columns.length))
  const columns = sql.join(table.columns.map((c) => sql.ref(c)))
  for (let i = 0; i < sqliteRows.length; i += batch) {
    const values = sqliteRows.slice(i, i + batch).map((row) => sql`(${sql.join(row)})`)
    await sql`insert into ${sql.table(table.name)} (${columns}) values ${sql.join(values)}`.execute(trx)
  }
  if (table.identity !== null) {
    // The next row the server numbers comes after the last copied id.
    await sql`select setval(pg_get_serial_sequence(${`"${table.name}"`}, ${table.identity}),
      coalesce((select max(${sql.ref(table.identity)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(trx)
  }
}

/** Every audited record hashes on the server as it did in the file, so the file's digests vouch for it there. */
async function assertDigestsCarry(trx: Tx, local: LocalLedger): Promise<void> {
  for (const [table, { key }] of Object.entries(AUDITED_TABLES)) {
    const order = key.map((c) => `"${c}"`).join(', ')
    const there = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(trx)).rows
    const here = local.sqlite
      .prepare(`select * from "${table}" order by ${order}`)
      .raw(true)
      .all()
      .filter((row): row is unknown[] => Array.isArray(row))
    const differs = there.findIndex((row, i) => rowHash(Object.values(row)) !== rowHash(here[i] ?? []))
    if (there.length !== here.length || differs >= 0) {
      throw new LedgerError('move_verify_failed', `迁移校验未通过（${table} 的记录在服务器上与本地不同），已撤销，未作任何改动。`)
    }
  }
}

export async function moveToServer(local: LocalLedger, url: string, options: MoveToServerOptions): Promise<MoveToServerResult> {
  const where = describeServer(url)
  const pool = new pg.Pool(poolConfig(url, { maxConnections: 2, maintenance: true }))
  pool.on('error', () => undefined)
  const db = new Kysely<Schema>({
    dialect: new ServerLedgerDialect(
      {
        pool,
        onCreateConnection: async (c) => {
          await c.executeQuery(CompiledQuery.raw(SERVER_TOUCHED_TABLE_DDL))
        },
      },
      where,
    ),
  })
  try {
    try {
      await pool.query('select 1')
    } catch (e) {
      throw connectionRefusal(e, where)
    }
    await refuseNonEmpty(pool, where)
    await migrate(db, serverMigrations)
    // One read transaction over the file: figures, chain and every table from the same moment,
    // whatever a desk still writes meanwhile (which then stays in the file only).
    local.sqlite.exec('begin')
    const today = dayjs(options.now()).format('YYYY-MM-DD')
    const fromFigures = await movedFigures(local.db, today)
    const localChain = await verifyAuditChain(local.db)
    if (localChain.brokenAt !== null) {
      throw new LedgerError(
        'move_chain_broken',
        `本地台账的审计链在第 ${localChain.brokenAt} 条处断开，不能迁移。请先用 check 检查并从备份恢复。`,
      )
    }
    return await db.transaction().execute(async (trx) => {
      const plan = await serverTablePlan(trx)
      assertSameTables(localTables(local.sqlite), plan)
      // The server's own new id and sources make way for the file's: truncate fires no row trigger
      // (ledger_identity refuses deletes), and takes every table at once, as they reference the sources.
      // Only the seeded tables hold rows here (refuseNonEmpty); the audit log, append-only, is empty.
      const emptied = plan.filter((t) => !APPEND_ONLY.has(t.name)).map((t) => sql.table(t.name))
      await sql`truncate ${sql.join(emptied)}`.execute(trx)
      let rows = 0
      const counts: { table: string; from: number; to: number }[] = []
      for (const table of plan) {
        const copied = localRows(local.sqlite, table)
        await copyTable(trx, copied, table)
        rows += copied.length
        counts.push({ table: table.name, from: copied.length, to: await countOn(trx, table.name) })
        await options.fault?.(table.name)
      }
      const files = await filesToServer(trx, local, dayjs(options.now()).format('YYYY-MM-DD HH:mm:ss'))
      await options.fault?.('attachment_contents')
      assertSameLedger('迁移', counts, fromFigures, await movedFigures(trx, today))
      await assertDigestsCarry(trx, local)
      const ctx: LedgerContext = { db, actor: options.actor, now: options.now }
      await audit(trx, ctx, 'migrate_to_pg', 'ledger', null, { from: path.basename(local.file), tables: plan.length, rows, files })
      const chain = await verifyAuditChain(trx)
      if (chain.brokenAt !== null || chain.rows !== localChain.rows + 1) {
        throw new LedgerError('move_verify_failed', '迁移校验未通过（服务器上的审计链与本地不符），已撤销，未作任何改动。')
      }
      return { where, tables: plan.length, rows, auditRows: chain.rows, files }
    })
  } finally {
    if (local.sqlite.inTransaction) local.sqlite.exec('commit')
    await db.destroy()
  }
}
