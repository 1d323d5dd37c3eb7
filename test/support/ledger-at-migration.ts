import fs from 'node:fs'
import path from 'node:path'
import { onTestFinished } from 'vitest'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { migrations } from '../../db/migrations'
import { tempDir } from './temp-ledger'

// The migration tests' starting point: a ledger file as the version that stopped at a given
// migration left it, with the rows that version wrote, ready to be closed and opened by today's code.

/** The migration just before `name` in the order they run: the version a ledger has before it upgrades. */
export function migrationBefore(name: string): string {
  const names = Object.keys(migrations).sort()
  return names[names.indexOf(name) - 1] ?? ''
}

export interface LedgerAtMigration {
  ledger: LocalLedger
  file: string
  dir: string
}

/**
 * A new ledger file migrated up to `version` and no further, with `rows` (plain SQL, so that the
 * rows are what that version wrote, not what today's code would) inserted. Its folder goes when
 * the test ends; the test closes the ledger before it opens the file again.
 */
export async function ledgerAtMigration(version: string, options: { rows?: string; now?: () => Date } = {}): Promise<LedgerAtMigration> {
  const dir = tempDir()
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'ledger.sqlite')
  const ledger = await openLedger(file, { migrateTo: version, ...(options.now ? { now: options.now } : {}) })
  if (options.rows !== undefined) ledger.sqlite.exec(options.rows)
  return { ledger, file, dir }
}
