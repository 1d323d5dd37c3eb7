import type { Operator } from '../../shared/types'

// Result types that belong to the shell rather than to the ledger's domain (those are in db/types.ts).

export interface AppInfo {
  version: string
  /** Where the ledger is: the local file ('sqlite', the default) or a PostgreSQL server several desks share ('pg'). */
  engine: 'sqlite' | 'pg'
  /** The local file's path, or the server's host:port/database (never its password). */
  ledgerFile: string
  /** Name of the last applied migration, e.g. '0001_initial'. */
  schemaVersion: string
  /** Null until someone on duty has been chosen. */
  operator: Operator | null
}

/** A server ledger's local copy (立即备份 on a server): the file written, and what it holds. */
export interface ServerCopy {
  file: string
  rows: number
  auditRows: number
}

/** What became of a print request: printed, saved to `file`, or cancelled by the user. */
export interface PrintOutcome {
  done: boolean
  file: string | null
}
