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
