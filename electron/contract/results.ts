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

/** Which ledger this PC opens at start, as 设置 → 台账 shows it: the password never, only whether one is saved. */
export type SavedLedgerChoice =
  | { kind: 'file' }
  | {
      kind: 'server'
      host: string
      port: number
      database: string
      user: string
      tls: 'verify' | 'require' | 'off'
      passwordSaved: boolean
    }

export interface LedgerChoiceView {
  saved: SavedLedgerChoice
  /** The ledger this run has open (it changes only at the next start). */
  running: { engine: 'sqlite' | 'pg'; place: string }
  /** The command line or the environment chose this run's ledger (--ledger, --pg, LEDGER_FILE, LEDGER_PG): the saved choice waits. */
  overridden: boolean
  /** Whether this PC can seal a password (Electron's safeStorage); without it a password cannot be saved. */
  canSealPassword: boolean
}

export interface ServerTestResult {
  message: string
}

/** A server ledger's local copy (立即备份 on a server): the file written, and what it holds. */
export interface ServerCopy {
  file: string
  rows: number
  auditRows: number
  /** Files on issues copied into the folder beside the copy (`<file>.files`). */
  files: number
  filesFolder: string
  /** Files the server lacks or holds altered, in words: not in the copy either. */
  fileProblems: string[]
}

/** What became of a print request: printed, saved to `file`, or cancelled by the user. */
export interface PrintOutcome {
  done: boolean
  file: string | null
}
