import {
  CompiledQuery,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
  type TransactionSettings,
} from 'kysely'

// One writer at a time, as on SQLite: every transaction first takes the ledger's write lock (a
// transaction-level advisory lock, released by commit or rollback, also when the connection
// drops). What SQLite's BEGIN IMMEDIATE guarantees holds the same way: the month's next issue
// number read as max(seq) + 1 and the audit chain's last hash are read by one desk at a time, so
// two desks can neither take the same number nor fork the chain. Readers outside a transaction
// never wait (MVCC). Under READ COMMITTED each statement after the lock sees every commit before it.
export const LEDGER_WRITE_LOCK = 0x4c454447 // 'LEDG'

class WriteLockedDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings)
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${LEDGER_WRITE_LOCK})`))
  }
}

export class ServerLedgerDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig

  constructor(config: PostgresDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new WriteLockedDriver(this.#config)
  }
}
