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
