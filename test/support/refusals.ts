import { LedgerError } from '../../db/core/errors'

// A refusal is a LedgerError with a code and a Chinese message the desk can act on; anything
// else thrown is a bug, so both helpers let it fail the test as it is.

/** The LedgerError a synchronous check throws. */
export function errorOf(run: () => unknown): LedgerError {
  try {
    run()
  } catch (e) {
    if (e instanceof LedgerError) return e
    throw e
  }
  throw new Error('expected a LedgerError')
}

/** The LedgerError a call is refused with. */
export async function refused(p: Promise<unknown>): Promise<LedgerError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  if (!(e instanceof LedgerError)) throw new Error(`expected a LedgerError, got ${String(e)}`)
  return e
}
