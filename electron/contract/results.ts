import type { Operator } from '../../shared/types'

// Result types that belong to the shell rather than to the ledger's domain (those are in db/types.ts).

export interface AppInfo {
  version: string
  ledgerFile: string
  /** Name of the last applied migration, e.g. '0001_initial'. */
  schemaVersion: string
  /** Null until someone on duty has been chosen. */
  operator: Operator | null
}

/** What became of a print request: printed, saved to `file`, or cancelled by the user. */
export interface PrintOutcome {
  done: boolean
  file: string | null
}
