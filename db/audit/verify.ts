import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3-multiple-ciphers'
import { BACKUP_FOLDER_SETTING, defaultBackupFolder, listBackupFiles } from '../backup/files'
import { readManifest } from '../backup/manifest'
import { chainHash, type AuditFields } from '../core/audit'
import type { AuditRow } from '../core/schema'
import { ledgerIdOf } from '../core/identity'
import { compareRecordState, recordLabel, stateDigest, type StateComparison, type StateEntry } from '../core/record-state'
import type { AuditAnchor, AuditAnchorCheck, AuditChainStatus } from '../../shared/types'

// Everything `check` (and 设置 → 审计日志 → 校验) can say about the audit log and the records it
// vouches for. What it can and cannot catch is in the README (Reliability); in short: a row
// edited, removed or inserted anywhere is caught by the chain unless the whole chain after it is
// rehashed; a rehash, or rows cut from the end, by the anchors kept outside the file and by the
// autoincrement counter; dropped triggers by their absence; records changed by another program
// by their digests. Someone who also appends a correctly formed audit row is not caught.

const GENESIS = '0'.repeat(64)

/** The append-only triggers, exactly as the migrations created them (0001 and 0007). */
export const TRIGGERS: Readonly<Record<string, { since: string; sql: string }>> = {
  audit_log_no_update: {
    since: 'audit_log',
    sql: "CREATE TRIGGER audit_log_no_update before update on audit_log begin select raise(abort, '审计日志只能追加，不能修改'); end",
  },
  audit_log_no_delete: {
    since: 'audit_log',
    sql: "CREATE TRIGGER audit_log_no_delete before delete on audit_log begin select raise(abort, '审计日志只能追加，不能删除'); end",
  },
  audit_state_no_update: {
    since: 'audit_state',
    sql: "CREATE TRIGGER audit_state_no_update before update on audit_state begin select raise(abort, '审计日志只能追加，不能修改'); end",
  },
  audit_state_no_delete: {
    since: 'audit_state',
    sql: "CREATE TRIGGER audit_state_no_delete before delete on audit_state begin select raise(abort, '审计日志只能追加，不能删除'); end",
  },
  ledger_identity_no_update: {
    since: 'ledger_identity',
    sql: "CREATE TRIGGER ledger_identity_no_update before update on ledger_identity begin select raise(abort, '台账编号不能修改'); end",
  },
  ledger_identity_no_delete: {
    since: 'ledger_identity',
    sql: "CREATE TRIGGER ledger_identity_no_delete before delete on ledger_identity begin select raise(abort, '台账编号不能删除'); end",
  },
}

function tables(sqlite: Database.Database): Set<string> {
  return new Set(
    sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all()
      .map((n) => String(n)),
  )
}

type ChainRow = AuditFields & Pick<AuditRow, 'id' | 'prev_hash' | 'hash'>

function isChainRow(r: unknown): r is ChainRow {
  return r !== null && typeof r === 'object' && 'id' in r && 'hash' in r && 'prev_hash' in r && 'detail' in r
}

/** The chain, each row's link and hash, and each row's record digests against its entries. */
function walkChain(sqlite: Database.Database, hasState: boolean): { rows: number; brokenAt: number | null } {
  const entries = new Map<number, StateEntry[]>()
  if (hasState) {
    const stmt = sqlite.prepare('select audit_id, entity_table, row_key, column_count, row_hash from audit_state').raw(true)
    for (const r of stmt.iterate()) {
      if (!Array.isArray(r)) continue
      const [auditId, table, key, columnCount, hash] = r
      const list = entries.get(Number(auditId)) ?? []
      list.push({ table: String(table), key: String(key), columnCount: Number(columnCount), hash: String(hash) })
      entries.set(Number(auditId), list)
    }
  }
  let prev = GENESIS
  let rows = 0
  let brokenAt: number | null = null
  for (const r of sqlite.prepare('select * from audit_log order by id').iterate()) {
    if (!isChainRow(r)) continue
    rows++
    if (brokenAt !== null) continue
    const digestOk = !hasState || (r.state_digest ?? null) === stateDigest(entries.get(r.id) ?? [])
    if (r.prev_hash !== prev || chainHash(prev, r) !== r.hash || !digestOk) brokenAt = r.id
    prev = r.hash
  }
  return { rows, brokenAt }
}

function counterOf(sqlite: Database.Database): AuditChainStatus['counter'] {
  const row = sqlite.prepare('select count(*) as n, coalesce(max(id), 0) as max from audit_log').get()
  const count = row !== null && typeof row === 'object' && 'n' in row ? Number(row.n) : 0
  const maxId = row !== null && typeof row === 'object' && 'max' in row ? Number(row.max) : 0
  const seq = sqlite.prepare("select seq from sqlite_sequence where name = 'audit_log'").pluck().get()
  const sequence = seq === undefined ? 0 : Number(seq)
  return { kind: 'autoincrement', count, maxId, sequence, ok: count === maxId && maxId === sequence }
}

function missingTriggers(sqlite: Database.Database, present: Set<string>): string[] {
  const stored = new Map(
    sqlite
      .prepare("select name, sql from sqlite_master where type = 'trigger'")
      .raw(true)
      .all()
      .flatMap((r) => (Array.isArray(r) ? [[String(r[0]), String(r[1])] as const] : [])),
  )
  return Object.entries(TRIGGERS)
    .filter(([name, t]) => present.has(t.since) && stored.get(name) !== t.sql)
    .map(([name]) => name)
}

// ---- anchors ----

export interface FoundAnchor {
  source: string
  anchor: AuditAnchor
}

const CSV_ANCHOR_LABEL = '审计链头'

/** The audit CSV's last line: 审计链头,<at>,,,audit_log,<id>,台账 <ledger id>,<hash>. */
export function csvAnchorLine(anchor: AuditAnchor): string[] {
  return [CSV_ANCHOR_LABEL, anchor.at, '', '', 'audit_log', String(anchor.id), `台账 ${anchor.ledgerId ?? ''}`, anchor.hash]
}

/** The anchor written at the end of an audit CSV export, or null. */
export function anchorFromCsv(file: string): AuditAnchor | null {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return null
  }
  const line = text
    .split(/\r?\n/)
    .reverse()
    .find((l) => l.replace(/^\uFEFF/, '').startsWith(`${CSV_ANCHOR_LABEL},`))
  if (line === undefined) return null
  const cells = line.replace(/^\uFEFF/, '').split(',')
  const id = Number(cells[5])
  const hash = cells[7] ?? ''
  if (!Number.isInteger(id) || !/^[0-9a-f]{64}$/.test(hash)) return null
  const ledgerId = (cells[6] ?? '').replace(/^台账 /, '')
  return { ledgerId: ledgerId === '' ? null : ledgerId, id, hash, at: cells[1] ?? '' }
}

/**
 * An anchor as typed from paper (the monthly report's footer) or given on the command line:
 * `1234:3f5a9c01e2d4b6a8` (the id, then at least 8 hex digits of the hash), or an audit CSV's path.
 */
export function parseAnchor(text: string): FoundAnchor | null {
  const m = /^\s*(?:第\s*)?(\d+)\s*(?:条)?\s*[:：·]\s*([0-9a-fA-F]{8,64})\s*$/.exec(text)
  if (m)
    return {
      source: `命令行给出的链头 ${text.trim()}`,
      anchor: { ledgerId: null, id: Number(m[1]), hash: (m[2] ?? '').toLowerCase(), at: '' },
    }
  const fromCsv = anchorFromCsv(text)
  return fromCsv === null ? null : { source: `审计日志导出 ${text}`, anchor: fromCsv }
}

function configuredFolder(sqlite: Database.Database): string | null {
  try {
    const v = sqlite.prepare('select value from settings where key = ?').pluck().get(BACKUP_FOLDER_SETTING)
    return typeof v === 'string' && v !== '' ? v : null
  } catch {
    return null
  }
}

/** The chain heads the manifests of this ledger's backups in `folders` recorded. */
export function backupAnchors(folders: readonly string[], ledgerId: string | null): FoundAnchor[] {
  if (ledgerId === null) return []
  return folders.flatMap((f) =>
    listBackupFiles(f, ledgerId).flatMap((b) => {
      const head = readManifest(b.file)?.auditHead
      return head ? [{ source: `备份清单 ${path.basename(b.file)}.json`, anchor: head }] : []
    }),
  )
}

/** Anchors this ledger left outside itself: its backups' manifests and the audit CSVs its log says it wrote. */
export function findAnchors(sqlite: Database.Database, ledgerFile: string): FoundAnchor[] {
  const ledgerId = ledgerIdOf(sqlite)
  const found: FoundAnchor[] = []
  const folders = [...new Set([configuredFolder(sqlite), defaultBackupFolder(ledgerFile)].filter((f): f is string => f !== null))]
  found.push(...backupAnchors(folders, ledgerId))
  try {
    for (const detail of sqlite.prepare("select detail from audit_log where action = 'export_audit'").pluck().iterate()) {
      const file = exportedCsvOf(String(detail))
      const anchor = file === null ? null : anchorFromCsv(file)
      if (file !== null && anchor !== null) found.push({ source: `审计日志导出 ${file}`, anchor })
    }
  } catch {
    // A log too old to have exports: nothing to find there.
  }
  return found
}

export interface Restore {
  at: string
  /** The last row the restored backup held: rows after it belong to the history after the restore. */
  forkId: number
}

/** A restore row of the log as a fork: each one is where a history went back to a backup's. */
export function restoreOf(r: { id: number; at: string; detail: string }): Restore {
  let forkId = r.id - 1
  try {
    const d: unknown = JSON.parse(r.detail)
    const head = d !== null && typeof d === 'object' && 'restoredHead' in d ? d.restoredHead : null
    if (head !== null && typeof head === 'object' && 'id' in head) forkId = Number(head.id)
  } catch {
    // A restore recorded before it named its fork: the row before it.
  }
  return { at: r.at, forkId }
}

function restoresOf(sqlite: Database.Database): Restore[] {
  return sqlite
    .prepare("select id, at, detail from audit_log where action = 'restore' and entity = 'ledger'")
    .all()
    .flatMap((r) =>
      r !== null && typeof r === 'object' && 'id' in r && 'at' in r && 'detail' in r
        ? [restoreOf({ id: Number(r.id), at: String(r.at), detail: String(r.detail) })]
        : [],
    )
}

/** The audit CSV an `export_audit` row says it wrote, when its detail names one. */
export function exportedCsvOf(detail: string): string | null {
  try {
    const parsed: unknown = JSON.parse(detail)
    const file = parsed !== null && typeof parsed === 'object' && 'file' in parsed ? parsed.file : undefined
    return typeof file === 'string' ? file : null
  } catch {
    return null
  }
}

/**
 * An anchor of the history a restore replaced: beyond the restored backup's last row and taken
 * before the restore. That history is in the copy the restore kept, not in this log. Times are
 * to the second, so a head written in the restore's own second may be of either history: it is
 * the replaced one's unless this log has that row with that hash (`matches`).
 */
function replacedByRestore(anchor: AuditAnchor, restores: readonly Restore[], matches: boolean): boolean {
  return anchor.at !== '' && restores.some((r) => anchor.id > r.forkId && (anchor.at < r.at || (anchor.at === r.at && !matches)))
}

/** One anchor against the log's row of that id (`hashOf`), or null when it says nothing about this log. */
export function judgeAnchor(
  f: FoundAnchor,
  ledgerId: string | null,
  restores: readonly Restore[],
  hashOf: (id: number) => string | undefined,
): AuditAnchorCheck | null {
  // Another ledger's anchor (a copy in a shared folder, a CSV of another file) says nothing about this one.
  if (f.anchor.ledgerId !== null && ledgerId !== null && f.anchor.ledgerId !== ledgerId) return null
  const hash = hashOf(f.anchor.id)
  const result = hash === undefined ? 'missing' : hash.startsWith(f.anchor.hash.toLowerCase()) ? 'match' : 'differs'
  if (replacedByRestore(f.anchor, restores, result === 'match')) return null
  return { source: f.source, anchor: f.anchor, result }
}

const EXAMPLES = 20

/** What each engine's check found, before it is judged. */
export interface AuditFindingsParts {
  chain: { rows: number; brokenAt: number | null }
  counter: AuditChainStatus['counter']
  missingTriggers: string[]
  anchors: AuditAnchorCheck[]
  state: StateComparison
  baselinePending: boolean
}

/** The status both engines report, from what their checks found. */
export function judgeAudit(parts: AuditFindingsParts): AuditChainStatus {
  const { chain, counter, anchors, state, baselinePending } = parts
  const newestAnchor = anchors.reduce<AuditAnchorCheck | null>((a, c) => (a === null || c.anchor.id > a.anchor.id ? c : a), null)
  const anchorProblems = anchors.filter((c) => c.result !== 'match')
  const examples = [
    ...state.changed.slice(0, EXAMPLES).map((r) => `${recordLabel(r)}：改动未经审计`),
    ...state.deleted.slice(0, EXAMPLES).map((r) => `${recordLabel(r)}：删除未经审计`),
    ...(baselinePending ? [] : state.unaudited.slice(0, EXAMPLES).map((r) => `${recordLabel(r)}：不经本程序写入，没有审计记录`)),
  ]
  const recordsOk = state.changed.length === 0 && state.deleted.length === 0 && (baselinePending || state.unaudited.length === 0)
  return {
    rows: chain.rows,
    brokenAt: chain.brokenAt,
    counter,
    missingTriggers: parts.missingTriggers,
    anchorsChecked: anchors.length,
    newestAnchor,
    anchorProblems,
    records: {
      matching: state.matching,
      changed: state.changed.length,
      unaudited: state.unaudited.length,
      deleted: state.deleted.length,
      examples,
      baselinePending,
    },
    ok: chain.brokenAt === null && counter.ok && parts.missingTriggers.length === 0 && anchorProblems.length === 0 && recordsOk,
  }
}

/** Chain, counter, triggers, anchors and record digests, with plain SQL (works on a read-only connection). */
export function verifyAudit(sqlite: Database.Database, ledgerFile: string, extraAnchors: readonly FoundAnchor[] = []): AuditChainStatus {
  const present = tables(sqlite)
  const hasState = present.has('audit_state')
  const ledgerId = ledgerIdOf(sqlite)
  const restores = restoresOf(sqlite)
  const hashAt = sqlite.prepare('select hash from audit_log where id = ?').pluck()
  const hashOf = (id: number) => {
    const h: unknown = hashAt.get(id)
    return h === undefined ? undefined : String(h)
  }
  const from = present.has('ledger_identity')
    ? Number(sqlite.prepare('select state_from_audit_id from ledger_identity').pluck().get() ?? 0)
    : 0
  return judgeAudit({
    chain: walkChain(sqlite, hasState),
    counter: counterOf(sqlite),
    missingTriggers: missingTriggers(sqlite, present),
    anchors: [...findAnchors(sqlite, ledgerFile), ...extraAnchors]
      .map((f) => judgeAnchor(f, ledgerId, restores, hashOf))
      .filter((c): c is AuditAnchorCheck => c !== null),
    state: hasState ? compareRecordState(sqlite) : { matching: 0, changed: [], unaudited: [], deleted: [] },
    baselinePending: from > 0 && sqlite.prepare("select 1 from audit_log where action = 'state_baseline' limit 1").get() === undefined,
  })
}
