import fs from 'node:fs'
import path from 'node:path'
import dayjs from 'dayjs'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { verifyAuditChain } from '../core/audit'
import type { Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import { migrate } from '../core/open'
import type { ServerLedger } from '../core/open-server'
import { AUDITED_TABLES, rowHash } from '../core/record-state'
import type { Database as Schema } from '../core/schema'
import { LedgerDialect } from '../core/sqlite-dialect'
import { openDatabaseFile } from '../keys/cipher'
import { createKey, keyFileOf, withRecovery, writeKeyFile, type LedgerKeys } from '../keys/keys'
import { migrations as localMigrations } from '../migrations'
import { rebuildSearchIndex } from '../search/sqlite-index'
import { assertSameLedger, assertSameTables, countOn, localTables, movedFigures, serverTablePlan } from './tables'
import { filesFolderOf, ledgerStore } from '../attachments/store'
import { filesToLocal } from './files'

// `ledger export-local`: the server ledger as one local file, the backup a server ledger gets and
// the way back to one PC. Everything is read in one REPEATABLE READ, read-only transaction — one
// snapshot, without the desks' write lock, so they go on registering meanwhile. The file gets a
// new key of its own, reached through the recovery passphrase (and this PC's seal, where there is
// one), as every encrypted file the command line writes. The copy is verified against the same
// snapshot (counts, figures, the audit chain, every record's digest) before it is left in place;
// on any failure nothing is left behind.

export interface ExportLocalResult {
  file: string
  tables: number
  rows: number
  auditRows: number
  /** Contents of the files on issues written into the copy's folder (`<file>.files`). */
  files: number
  /** Contents the server lacks or holds altered, in words: not in the copy's folder either. */
  fileProblems: string[]
}

function isTrigger(r: unknown): r is { name: string; sql: string } {
  return r !== null && typeof r === 'object' && 'name' in r && typeof r.name === 'string' && 'sql' in r && typeof r.sql === 'string'
}

function filesOf(out: string): string[] {
  return [out, `${out}-wal`, `${out}-shm`, `${out}-journal`, keyFileOf(out), filesFolderOf(out)]
}

async function rowsOn(trx: Tx, table: string, columns: readonly string[]): Promise<unknown[][]> {
  const list = sql.join(columns.map((c) => sql.ref(c)))
  const { rows } = await sql<Record<string, unknown>>`select ${list} from ${sql.table(table)} order by 1`.execute(trx)
  return rows.map((row) => columns.map((c) => row[c] ?? null))
}

export async function exportToLocal(
  server: ServerLedger,
  out: string,
  keys: LedgerKeys,
  now: () => Date,
  /** Tests of a failure after the rows are copied, before the copy is verified. */
  fault?: () => void,
): Promise<ExportLocalResult> {
  const file = path.resolve(out)
  const taken = filesOf(file).find((f) => fs.existsSync(f))
  if (taken !== undefined)
    throw new LedgerError('export_local_exists', `文件已存在：${taken}。导出的本地副本不覆盖已有文件，请换一个文件名。`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // Not the desks' write-locked dialect: a snapshot needs no lock. Not destroyed here: the pool is the ledger's.
  const reader = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: server.pool }) })
  let made = false
  try {
    const passphrase = keys.passphrase()
    if (passphrase === null || passphrase === '') {
      throw new LedgerError('passphrase_needed', '导出的本地副本以恢复口令加密，请给出恢复口令。未写入任何文件。')
    }
    // Sealed for this PC where it can seal, and always wrapped by the recovery passphrase: the copy is carried to other PCs.
    const key = createKey(keys, now())
    made = true
    writeKeyFile(file, [key.envelope.recovery === null ? withRecovery(key.envelope, key.key, passphrase, keys, now()) : key.envelope])
    const sqlite = openDatabaseFile(file, { key: key.key })
    const local = new Kysely<Schema>({ dialect: new LedgerDialect(sqlite) })
    try {
      sqlite.pragma('journal_mode = WAL')
      sqlite.pragma('synchronous = FULL')
      await migrate(local, localMigrations)
      const today = dayjs(now()).format('YYYY-MM-DD')
      const result = await reader
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const plan = await serverTablePlan(trx)
          assertSameTables(localTables(sqlite), plan)
          const serverRows = new Map<string, unknown[][]>()
          for (const table of plan) serverRows.set(table.name, await rowsOn(trx, table.name, table.columns))
          // The file's own seeded rows make way for the server's, with no trigger (append-only, the
          // search copies, the last-visit dates) firing on rows copied as they are.
          sqlite.pragma('foreign_keys = OFF')
          sqlite
            .transaction(() => {
              const triggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger'").all().filter(isTrigger)
              for (const t of triggers) sqlite.exec(`drop trigger "${t.name}"`)
              for (const table of [...plan].reverse()) sqlite.exec(`delete from "${table.name}"`)
              for (const table of plan) {
                const insert = sqlite.prepare(
                  `insert into "${table.name}" (${table.columns.map((c) => `"${c}"`).join(', ')}) values (${table.columns.map(() => '?').join(', ')})`,
                )
                for (const row of serverRows.get(table.name) ?? []) insert.run(...row)
              }
              for (const t of triggers) sqlite.exec(t.sql)
            })
            .immediate()
          sqlite.pragma('foreign_keys = ON')
          const missing = sqlite.prepare('pragma foreign_key_check').all()
          if (missing.length > 0)
            throw new LedgerError('move_verify_failed', `导出校验未通过（${missing.length} 处引用缺失），未留下任何文件。`)
          rebuildSearchIndex(sqlite)
          const copied = await filesToLocal(trx, ledgerStore(file, key.key))
          fault?.()
          const counts: { table: string; from: number; to: number }[] = []
          for (const table of plan)
            counts.push({ table: table.name, from: serverRows.get(table.name)?.length ?? -1, to: await countOn(local, table.name) })
          assertSameLedger('导出', counts, await movedFigures(trx, today), await movedFigures(local, today))
          for (const [table, { key: rowKey }] of Object.entries(AUDITED_TABLES)) {
            const order = rowKey.map((c) => `"${c}"`).join(', ')
            const here = sqlite
              .prepare(`select * from "${table}" order by ${order}`)
              .raw(true)
              .all()
              .filter((row): row is unknown[] => Array.isArray(row))
            const there = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(trx))
              .rows
            if (here.length !== there.length || here.some((row, i) => rowHash(row) !== rowHash(Object.values(there[i] ?? {})))) {
              throw new LedgerError('move_verify_failed', `导出校验未通过（${table} 的记录与服务器上不同），未留下任何文件。`)
            }
          }
          const chain = await verifyAuditChain(local)
          if (chain.brokenAt !== null)
            throw new LedgerError('move_verify_failed', `导出校验未通过（审计链在第 ${chain.brokenAt} 条处断开），未留下任何文件。`)
          const integrity = sqlite.pragma('integrity_check', { simple: true })
          if (integrity !== 'ok')
            throw new LedgerError('move_verify_failed', `导出校验未通过（完整性检查：${String(integrity)}），未留下任何文件。`)
          return {
            file,
            tables: plan.length,
            rows: counts.reduce((n, c) => n + c.to, 0),
            auditRows: chain.rows,
            files: copied.files,
            fileProblems: copied.problems,
          }
        })
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
      return result
    } finally {
      await local.destroy()
    }
  } catch (e) {
    if (made) for (const f of filesOf(file)) fs.rmSync(f, { force: true, recursive: true })
    throw e
  }
}
