import { sql } from 'kysely'
import type Database from 'better-sqlite3-multiple-ciphers'
import type { Executor } from '../core/context'
import { LedgerError } from '../core/errors'
import { firstRecordDate } from '../figures/queries'
import { monthlyReport, periodReport } from '../figures/report'

// What moving a ledger between the local file and a server copies, and how a move proves itself:
// every table the two engines share, in an order where each row's references are already there.
// The migration bookkeeping is each engine's own, the search text is built by each engine
// from the issues (SQLite pads it for FTS5, the server's pg_trgm indexes do not), and the bytes of
// the files on issues are a folder beside a file and a table on a server (files.ts moves them).

const NOT_COPIED = new Set(['ledger_migration', 'ledger_migration_lock', 'issue_search_text', 'attachment_contents'])

export interface TablePlan {
  name: string
  columns: string[]
  /** The identity column the server numbers new rows from, if the table has one. */
  identity: string | null
}

/** The server's tables to copy, parents before children, with their columns in the server's order. */
export async function serverTablePlan(db: Executor): Promise<TablePlan[]> {
  const columns = (
    await sql<{ table_name: string; column_name: string; is_identity: string }>`select table_name, column_name, is_identity
      from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)
  ).rows
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !NOT_COPIED.has(name))
  const edges = (
    await sql<{ child: string; parent: string }>`select cl.relname as child, pa.relname as parent from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_class pa on pa.oid = c.confrelid
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db)
  ).rows
  const ordered: string[] = []
  const placed = new Set<string>()
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table) || path.has(table)) return
    path.add(table)
    for (const e of edges) if (e.child === table && e.parent !== table) visit(e.parent, path)
    placed.add(table)
    ordered.push(table)
  }
  for (const t of tables) visit(t, new Set())
  return ordered
    .filter((t) => !NOT_COPIED.has(t))
    .map((name) => {
      const own = columns.filter((c) => c.table_name === name)
      return { name, columns: own.map((c) => c.column_name), identity: own.find((c) => c.is_identity === 'YES')?.column_name ?? null }
    })
}

/** The local file's ordinary tables (not SQLite's own, not the search indexes and their shadows). */
export function localTables(sqlite: Database.Database): string[] {
  const rows = sqlite.prepare("select name, sql from sqlite_master where type = 'table' order by name").all()
  const names: string[] = []
  const virtual = new Set<string>()
  for (const r of rows) {
    if (r === null || typeof r !== 'object' || !('name' in r) || typeof r.name !== 'string') continue
    const text = 'sql' in r && typeof r.sql === 'string' ? r.sql : ''
    if (/^create virtual table/i.test(text)) virtual.add(r.name)
    names.push(r.name)
  }
  const shadow = (name: string) => [...virtual].some((v) => name.startsWith(`${v}_`))
  return names.filter((n) => !n.startsWith('sqlite_') && !virtual.has(n) && !shadow(n) && !NOT_COPIED.has(n))
}

/** Refuses a move between a file and a server whose tables differ (two app versions). */
export function assertSameTables(local: readonly string[], plan: readonly TablePlan[]): void {
  const server = new Set(plan.map((t) => t.name))
  const onlyLocal = local.filter((t) => !server.has(t))
  const onlyServer = [...server].filter((t) => !local.includes(t))
  if (onlyLocal.length > 0 || onlyServer.length > 0) {
    throw new LedgerError(
      'move_schema_differs',
      `本地台账与服务器台账的表不一致（${[...onlyLocal.map((t) => `仅本地：${t}`), ...onlyServer.map((t) => `仅服务器：${t}`)].join('，')}），请两边使用同一版本的软件。未作任何改动。`,
    )
  }
}

/** The order a table's rows are copied in: its primary key (the id), else the order they were written. */
function keyOrder(sqlite: Database.Database, table: string): string {
  const key = sqlite
    .prepare(`select name from pragma_table_info(?) where pk > 0 order by pk`)
    .all(table)
    .map((r) => (r !== null && typeof r === 'object' && 'name' in r ? `"${String(r.name)}"` : ''))
  return key.length > 0 ? key.join(', ') : 'rowid'
}

/** Rows of one local table in id order, as arrays in the given column order. */
export function localRows(sqlite: Database.Database, table: TablePlan): unknown[][] {
  const list = table.columns.map((c) => `"${c}"`).join(', ')
  return sqlite
    .prepare(`select ${list} from "${table.name}" order by ${keyOrder(sqlite, table.name)}`)
    .raw(true)
    .all()
    .filter((row): row is unknown[] => Array.isArray(row))
}

export async function countOn(db: Executor, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)
  return Number(rows[0]?.n ?? -1)
}

/** The figures a move must leave as they were: this month's, this year's and the ledger's since its first record. */
export async function movedFigures(db: Executor, today: string): Promise<Record<string, string>> {
  const month = today.slice(0, 7)
  const year = today.slice(0, 4)
  const first = (await firstRecordDate(db)) ?? today
  // The audit head a report prints is where the chain stood, not a figure: a move adds its own row.
  const figures = (report: unknown) => JSON.stringify(report, (key, value: unknown) => (key === 'auditAnchor' ? undefined : value))
  return {
    [`${month} 月报`]: figures(await monthlyReport(db, month, today)),
    [`${year} 年`]: figures(await periodReport(db, `${year}-01-01`, `${year}-12-31`, today)),
    建账以来: figures(await periodReport(db, first, today, today)),
  }
}

/** Throws, naming what differs, when the copy's counts or figures are not the original's. */
export function assertSameLedger(
  what: string,
  counts: { table: string; from: number; to: number }[],
  from: Record<string, string>,
  to: Record<string, string>,
): void {
  const badCounts = counts.filter((c) => c.from !== c.to).map((c) => `${c.table}：${c.from} 条 → ${c.to} 条`)
  const badFigures = Object.keys(from).filter((k) => from[k] !== to[k])
  if (badCounts.length > 0 || badFigures.length > 0) {
    throw new LedgerError(
      'move_verify_failed',
      `${what}校验未通过（${[...badCounts, ...badFigures.map((k) => `${k}的数字不一致`)].join('；')}），已撤销，未作任何改动。`,
    )
  }
}
