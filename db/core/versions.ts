import { sql } from 'kysely'
import type { Tx } from './context'
import { LedgerError, notFound } from './errors'

// Optimistic versions (migration 0017): every record a clerk edits carries a version, raised by one
// in the same statement as every change the ledger makes to it. An edit names the version its
// screen read; the ledger claims it with one `update … where id = ? and version = ?` inside the
// edit's transaction. No row changed: someone saved first, and the edit is refused with nothing
// written — never a silent overwrite. One statement, so two desks cannot both pass (the file's
// single writer, the server's row lock and write lock alike).

/** The records that carry a version, and how a refusal names each. */
export const VERSIONED = {
  sessions: { what: '接待日', stale: '该接待日已被他人修改，请刷新后重试' },
  organizations: { what: '企业', stale: '该企业信息已被他人修改，请刷新后重试' },
  visitors: { what: '来访人', stale: '该来访人信息已被他人修改，请刷新后重试' },
  visits: { what: '来访记录', stale: '该来访记录已被他人修改，请刷新后重试' },
  matters: { what: '来访事项', stale: '该来访事项已被他人修改，请刷新后重试' },
  issues: { what: '问题', stale: '该问题已被他人修改，请刷新后重试' },
  appointments: { what: '预约', stale: '该预约已被他人修改，请刷新后重试' },
} as const

export type VersionedTable = keyof typeof VERSIONED

/** The next version, for the `set` of every update of a versioned record: `version + 1`, in that statement. */
export const nextVersion = sql<number>`version + 1`

export function staleRecord(table: VersionedTable): LedgerError {
  return new LedgerError('stale_record', VERSIONED[table].stale)
}

/**
 * Claims the version the screen read: raises it by one when the record still has it; otherwise
 * refuses with `stale_record` (or `not_found`), before anything of the edit is written.
 * `version` undefined: a write of the ledger's own (an import, the command line) — no claim.
 */
export async function claimVersion(trx: Tx, table: VersionedTable, id: number, version: number | undefined): Promise<void> {
  if (version === undefined) return
  const result = await sql`update ${sql.table(table)} set version = version + 1 where id = ${id} and version = ${version}`.execute(trx)
  if (Number(result.numAffectedRows ?? 0) === 1) return
  const found = await sql<{ id: number }>`select id from ${sql.table(table)} where id = ${id}`.execute(trx)
  if (found.rows.length === 0) throw notFound(VERSIONED[table].what, id)
  throw staleRecord(table)
}

/** What an edit of a versioned record adds to its input: the version its screen read. */
export interface Versioned {
  version?: number | undefined
}
