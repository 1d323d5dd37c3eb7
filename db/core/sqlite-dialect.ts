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
// the lock up front; busy_timeout makes the other writer wait instead of failing.
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
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
