import { sql, type Kysely } from 'kysely'
import { BACKUP_FOLDER_SETTING } from '../backup/files'
import { chainHash } from '../core/audit'
import { readLedgerId } from '../core/identity'
import { stateDigest, type StateEntry } from '../core/record-state'
import { compareServerRecordState } from '../core/record-state-server'
import type { Database as Schema } from '../core/schema'
import type { AuditAnchorCheck, AuditChainStatus } from '../../shared/types'
import { anchorFromCsv, backupAnchors, exportedCsvOf, judgeAnchor, judgeAudit, restoreOf, TRIGGERS, type FoundAnchor } from './verify'

// verify.ts's check of the audit log, on a PostgreSQL server ledger: the same chain, digests,
// anchors and records, read through the pool; the triggers from pg_trigger (present, enabled, and
// still raising); the counter from the identity sequence, which a rolled-back transaction moves
// on, so gaps there are expected and rows cut out are found by the chain and the anchors instead.

/** Rows of the log read per round trip: a 10-year log is never held whole. */
const PAGE = 5_000

async function walkServerChain(db: Kysely<Schema>): Promise<{ rows: number; brokenAt: number | null }> {
  let prev = '0'.repeat(64)
  let rows = 0
  let brokenAt: number | null = null
  for (let after = 0; ;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute()
    if (page.length === 0) break
    const first = page[0]?.id ?? after
    const last = page[page.length - 1]?.id ?? after
    const entries = new Map<number, StateEntry[]>()
    const state = await db
      .selectFrom('audit_state')
      .select(['audit_id', 'entity_table', 'row_key', 'column_count', 'row_hash'])
      .where('audit_id', '>=', first)
      .where('audit_id', '<=', last)
      .execute()
    for (const s of state) {
      const list = entries.get(s.audit_id) ?? []
      list.push({ table: s.entity_table, key: s.row_key, columnCount: s.column_count, hash: s.row_hash })
      entries.set(s.audit_id, list)
    }
    for (const r of page) {
      rows++
      if (brokenAt !== null) continue
      const digestOk = (r.state_digest ?? null) === stateDigest(entries.get(r.id) ?? [])
      if (r.prev_hash !== prev || chainHash(prev, r) !== r.hash || !digestOk) brokenAt = r.id
      prev = r.hash
    }
    after = last
  }
  return { rows, brokenAt }
}

async function serverCounter(db: Kysely<Schema>): Promise<AuditChainStatus['counter']> {
  const { rows } = await sql<{ n: string; max: string; seq: string | null }>`select count(*) as n, coalesce(max(id), 0) as max,
      (select coalesce(s.last_value, 0) from pg_sequences s
        where s.schemaname = current_schema() and s.sequencename = 'audit_log_id_seq') as seq
    from audit_log`.execute(db)
  const row = rows[0]
  const count = Number(row?.n ?? 0)
  const maxId = Number(row?.max ?? 0)
  const sequence = Number(row?.seq ?? 0)
  return { kind: 'sequence', count, maxId, sequence, ok: count <= maxId && maxId <= sequence }
}

/** The append-only triggers (and TRUNCATE's) missing, disabled, or no longer raising. */
async function serverMissingTriggers(db: Kysely<Schema>): Promise<string[]> {
  const { rows } = await sql<{ name: string; table: string; enabled: string; body: string }>`select t.tgname as name,
      c.relname as table, t.tgenabled as enabled, p.prosrc as body
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
    where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace`.execute(db)
  const found = new Map(rows.map((r) => [r.name, r]))
  const expected: [string, string][] = [
    ...Object.entries(TRIGGERS).map(([name, t]): [string, string] => [name, t.since]),
    ['audit_log_no_truncate', 'audit_log'],
  ]
  // 'O' fires in every ordinary session; 'D' is disabled, 'R' fires only under replication.
  return expected
    .filter(([name, table]) => {
      const t = found.get(name)
      return t === undefined || t.table !== table || !['O', 'A'].includes(t.enabled) || !/raise\s+exception/i.test(t.body)
    })
    .map(([name]) => name)
}

/** Anchors the server ledger left outside itself: its backups' manifests in the folder 设置 names, the audit CSVs its log names. */
async function serverAnchors(db: Kysely<Schema>, ledgerId: string | null): Promise<FoundAnchor[]> {
  const folder = await db.selectFrom('settings').select('value').where('key', '=', BACKUP_FOLDER_SETTING).executeTakeFirst()
  const found = folder?.value ? backupAnchors([folder.value], ledgerId) : []
  const exports = await db.selectFrom('audit_log').select('detail').where('action', '=', 'export_audit').execute()
  for (const { detail } of exports) {
    const file = exportedCsvOf(detail)
    const anchor = file === null ? null : anchorFromCsv(file)
    if (file !== null && anchor !== null) found.push({ source: `审计日志导出 ${file}`, anchor })
  }
  return found
}

/** Everything `check` and 设置 → 审计日志 → 校验 say about a server ledger's audit log. */
export async function verifyServerAudit(db: Kysely<Schema>, extraAnchors: readonly FoundAnchor[] = []): Promise<AuditChainStatus> {
  const ledgerId = await readLedgerId(db)
  const restoreRows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'detail'])
    .where('action', '=', 'restore')
    .where('entity', '=', 'ledger')
    .execute()
  const restores = restoreRows.map(restoreOf)
  const found = [...(await serverAnchors(db, ledgerId)), ...extraAnchors]
  const ids = [...new Set(found.map((f) => f.anchor.id))]
  const hashes = new Map(
    ids.length === 0
      ? []
      : (await db.selectFrom('audit_log').select(['id', 'hash']).where('id', 'in', ids).execute()).map((r) => [r.id, r.hash]),
  )
  const identity = await db.selectFrom('ledger_identity').select('state_from_audit_id').executeTakeFirst()
  const from = Number(identity?.state_from_audit_id ?? 0)
  const baseline =
    from > 0 ? await db.selectFrom('audit_log').select('id').where('action', '=', 'state_baseline').limit(1).executeTakeFirst() : null
  return judgeAudit({
    chain: await walkServerChain(db),
    counter: await serverCounter(db),
    missingTriggers: await serverMissingTriggers(db),
    anchors: found.map((f) => judgeAnchor(f, ledgerId, restores, (id) => hashes.get(id))).filter((c): c is AuditAnchorCheck => c !== null),
    state: await compareServerRecordState(db),
    baselinePending: from > 0 && baseline === undefined,
  })
}
