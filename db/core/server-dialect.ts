import {
  CompiledQuery,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresCursor,
  type PostgresDialectConfig,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type TransactionSettings,
} from 'kysely'
import type pg from 'pg'
import { MALFORMED_TEXT_MESSAGE } from '../../shared/text'
import { LedgerError } from './errors'
import { isConnectionFault, serverFault } from './server-faults'
import { deferWriteLockAtBegin, LEDGER_WRITE_LOCK } from './write-lock'

// The ledger's write lock (write-lock.ts), taken here at begin unless the write takes it late.
// Readers outside a transaction never wait (MVCC). Under READ COMMITTED each statement after the
// lock sees every commit before it.
export { LEDGER_WRITE_LOCK }

const WRITE_COMMANDS = ['UPDATE', 'DELETE', 'INSERT', 'MERGE'] as const

/**
 * The statements a desk's connections keep prepared on the server, by their text. A statement the
 * server has parsed and planned before on this connection is only bound and run: on a registration
 * that halves the server's work, most of which was parsing and planning the same few dozen
 * statements again. Only statements with parameters (Kysely's; the simple protocol's multi-statement
 * begin stays as it is), not the bulk ones (a long list of values seldom repeats), and at most
 * `limit` texts a pool, so a connection's prepared statements stay a bounded few.
 */
export class PreparedStatements {
  readonly #names = new Map<string, string>()

  constructor(
    readonly limit = 1000,
    readonly maxParameters = 100,
  ) {}

  /** The name `text` is prepared under, or undefined to send it unprepared. */
  nameOf(text: string, parameterCount: number): string | undefined {
    if (parameterCount === 0 || parameterCount > this.maxParameters) return undefined
    const known = this.#names.get(text)
    if (known !== undefined || this.#names.size >= this.limit) return known
    const name = `ledger_${this.#names.size + 1}`
    this.#names.set(text, name)
    return name
  }
}

/**
 * Statements sent together without parameters (the simple protocol: the begin and the write lock,
 * the lock and the audit chain's head) are answered by pg with one result each, in order; the
 * caller reads the last.
 */
function lastResult(answer: pg.QueryResult | readonly pg.QueryResult[]): pg.QueryResult {
  if ('rows' in answer) return answer
  const last = answer[answer.length - 1]
  if (last === undefined) throw new Error('the server answered none of the statements sent')
  return last
}

/**
 * A pooled connection whose failures reach the ledger code as the desk's Chinese message
 * (server-faults.ts), and which, once its connection failed, goes back to the pool as broken:
 * pg then closes it instead of handing it to the next save, and the pool opens a new one.
 */
class FaultMappedClient implements PostgresPoolClient {
  #broken = false

  constructor(
    readonly client: pg.PoolClient,
    readonly where: string,
    readonly prepared: PreparedStatements | null,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>
  query<R>(text: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // The dialect is built without a cursor class, so Kysely never streams through here.
    if (typeof text !== 'string') throw new Error('streaming queries are not configured for the server ledger')
    // PostgreSQL text cannot hold NUL at all (the file's can): the ledger strips it from what it
    // stores, so only a search or filter pasted with one gets here, and is told so, not "internal".
    if (parameters.some((p) => typeof p === 'string' && p.includes('\u0000'))) {
      return Promise.reject(new LedgerError('invalid_text', `输入的文字${MALFORMED_TEXT_MESSAGE}`))
    }
    const name = this.prepared?.nameOf(text, parameters.length)
    const sent = name === undefined ? this.client.query(text, [...parameters]) : this.client.query({ name, text, values: [...parameters] })
    return sent.then(
      (answer): PostgresQueryResult<R> => {
        const result = lastResult(answer)
        return {
          command: WRITE_COMMANDS.find((c) => c === result.command) ?? 'SELECT',
          rowCount: result.rowCount ?? 0,
          rows: result.rows,
        }
      },
      (e: unknown) => {
        if (isConnectionFault(e)) this.#broken = true
        throw serverFault(e, this.where)
      },
    )
  }

  markBroken(): void {
    this.#broken = true
  }

  release(): void {
    const broken = this.#broken
    this.#broken = false
    this.client.release(broken)
  }
}

/** The app's pg Pool as Kysely's pool: each pg client wrapped once (Kysely keys its connections by client). */
class FaultMappedPool implements PostgresPool {
  readonly #wrapped = new WeakMap<pg.PoolClient, FaultMappedClient>()

  constructor(
    readonly pool: pg.Pool,
    readonly where: string,
    readonly prepared: PreparedStatements | null,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (e) {
      throw serverFault(e, this.where)
    }
    const known = this.#wrapped.get(client)
    if (known !== undefined) return known
    const made = new FaultMappedClient(client, this.where, this.prepared)
    // pg also emits the failure of a checked-out client as an 'error' event, which unheard would
    // end the process; the query that was running has already been told, and the client is broken.
    client.on('error', () => made.markBroken())
    this.#wrapped.set(client, made)
    return made
  }

  end(): Promise<void> {
    return this.pool.end()
  }
}

class WriteLockedDriver extends PostgresDriver {
  readonly #where: string

  constructor(config: PostgresDialectConfig, where: string) {
    super(config)
    this.#where = where
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const plain = settings.isolationLevel === undefined && settings.accessMode === undefined
    if (plain && deferWriteLockAtBegin()) return super.beginTransaction(connection, settings)
    const lock = `select pg_advisory_xact_lock(${LEDGER_WRITE_LOCK})`
    // The begin and the lock in one round trip (no parameters: PostgreSQL's simple protocol, which
    // takes two statements at once); every round trip under the lock is one every other desk waits.
    if (!plain) await super.beginTransaction(connection, settings)
    try {
      await connection.executeQuery(CompiledQuery.raw(plain ? `begin; ${lock}` : lock))
    } catch (e) {
      // Kysely rolls back only a transaction that began: one that failed waiting for the lock
      // (the lock timeout) would go back to the pool aborted and fail the desk's next query.
      await this.rollbackTransaction(connection)
      throw e
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection)
    } catch (e) {
      throw isConnectionFault(e) ? serverFault(new Error('Connection terminated'), this.#where, true) : e
    }
  }

  // A rollback on a connection that is gone cannot run, and need not: the server rolled the
  // transaction back when the session ended. The desk hears of the fault that stopped the save.
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection)
    } catch (e) {
      if (!isConnectionFault(e)) throw e
    }
  }
}

export interface ServerLedgerDialectConfig {
  pool: pg.Pool
  onCreateConnection?: PostgresDialectConfig['onCreateConnection']
  /**
   * Keep statements prepared on each connection (a desk's). Not for IT's maintenance, whose
   * migrations change the tables a prepared statement was planned for on the same connection.
   */
  prepareStatements?: boolean
}

export class ServerLedgerDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig
  readonly #where: string

  /** `where`: host:port/database, named in the desk's message when the server fails. */
  constructor(config: ServerLedgerDialectConfig, where = '台账服务器') {
    const { prepareStatements = false, ...rest } = config
    const prepared = prepareStatements ? new PreparedStatements() : null
    const kysely: PostgresDialectConfig = { ...rest, pool: new FaultMappedPool(config.pool, where, prepared) }
    super(kysely)
    this.#config = kysely
    this.#where = where
  }

  override createDriver(): Driver {
    return new WriteLockedDriver(this.#config, this.#where)
  }
}
