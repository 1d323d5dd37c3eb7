import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely'
import { isSqliteBusy, LedgerError } from './errors'

// SQLite runs DDL inside transactions; Kysely's adapter says it cannot, which would let a
// crash mid-migration leave a half-built schema. Claiming support makes the Migrator wrap
// every pending migration in one transaction.
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

// A deferred BEGIN takes the write lock only at the first write, so two writers that both
// read the month's last issue number first could hand out the same number. IMMEDIATE takes
// the lock up front; busy_timeout makes the other writer wait instead of failing. A writer that
// waits past it is told so in Chinese, as a desk on a busy server is: nothing has been written.
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'))
    } catch (e) {
      if (!isSqliteBusy(e)) throw e
      throw new LedgerError(
        'ledger_busy',
        '台账正被另一个程序写入（另一窗口或命令行的保存长时间未完成），本次保存未完成，台账未作改动；已填写的内容仍保留，请稍后重试。',
      )
    }
  }
}

// Kysely prepares every query afresh; the desk repeats the same few statements all day.
function withStatementCache(sqlite: BetterSqlite3.Database, size = 400): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql)
      if (hit) {
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      const stmt = sqlite.prepare(sql)
      cache.set(sql, stmt)
      if (cache.size > size) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      return stmt
    },
  }
}

export class LedgerDialect extends SqliteDialect {
  readonly #database: SqliteDatabase

  constructor(sqlite: BetterSqlite3.Database) {
    const database = withStatementCache(sqlite)
    super({ database })
    this.#database = database
  }

  override createDriver(): Driver {
    return new ImmediateTransactionDriver({ database: this.#database })
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter()
  }
}
