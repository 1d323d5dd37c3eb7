/** A refusal the user can act on: `message` is Chinese and shown as is. */
export class LedgerError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'LedgerError'
  }
}

export function notFound(what: string, id: number | string): LedgerError {
  return new LedgerError('not_found', `找不到${what}（编号 ${id}）`)
}

/** SQLite's "another connection holds the lock" (past busy_timeout), from the driver's error code. */
export function isSqliteBusy(e: unknown): boolean {
  const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : ''
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

/**
 * A server's refusal by the unique index `index` (PostgreSQL's 23505, which names it): on the file
 * the write lock taken at begin means a second writer never gets that far.
 */
export function isUniqueClash(e: unknown, index: string): boolean {
  if (e === null || typeof e !== 'object') return false
  return 'code' in e && e.code === '23505' && 'constraint' in e && e.constraint === index
}
