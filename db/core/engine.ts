import { PostgresAdapter } from 'kysely'
import type { Executor } from './context'

// The few statements that differ between the engines ask here which one a handle talks to.

/** Whether the handle reaches a PostgreSQL server ledger (db/core/open-server.ts) rather than a local file. */
export function onServer(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}
