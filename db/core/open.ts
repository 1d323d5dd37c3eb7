import type Database from 'better-sqlite3-multiple-ciphers'
import { Kysely, Migrator, type MigrationProvider } from 'kysely'
import { claimBackup, writeBackupWithFallback } from '../backup/files'
import type { BackupInfo } from '../../shared/types'
import { ledgerIdOf } from './identity'
import { LedgerDialect } from './sqlite-dialect'
import { LedgerError } from './errors'
import { migrations as knownMigrations } from '../migrations'
import type { Database as Schema } from './schema'
import type { Migration } from 'kysely'
import { holdLedger, type LedgerHold } from './hold'
import type { ServerLedger } from './open-server'
import { refuseNetworkLedger } from './location'
import { installStateTracking } from './record-state'
import { ensureStateBaseline, outOfStepRecords, vouchForUpgrade } from './state-baseline'
import { isNotADatabase, isPlainSqliteFile, looksEncrypted, openDatabaseFile } from '../keys/cipher'
import { keepKey, ledgerKeys, type LedgerKeys, type UnlockedKey } from '../keys/keys'
import { encryptPlainLedger, type EncryptionStep } from '../keys/encrypt-ledger'
import { sealPlainAttachments, type AttachmentSealFault } from '../attachments/upgrade'

/** The ledger in one SQLite file on this PC (the default). */
export interface LocalLedger {
  readonly engine: 'sqlite'
  readonly db: Kysely<Schema>
  readonly sqlite: Database.Database
  readonly file: string
  /** How this ledger's key is reached on this PC; null for an unencrypted file (tests of old files only). */
  readonly keys: LedgerKeys | null
  close(): Promise<void>
}

/**
 * The ledger the app works on: a local file, or a PostgreSQL server several desks share
 * (db/core/open-server.ts). Ledger code works on `db` alone; what reaches the SQLite file itself
 * (backups, keys, `check`) narrows on `engine` first, so the compiler names every such place.
 */
export type Ledger = LocalLedger | ServerLedger

export interface OpenOptions {
  /** Stop at this migration (tests of a migration start from the version before it). */
  migrateTo?: string
  /** The migrations this build knows; tests pass a longer list to fake a newer app. */
  migrations?: Record<string, Migration>
  readonly?: boolean
  /**
   * Copy the file before upgrading a ledger that already holds data (default true). The copy
   * goes to the backup folder; if no copy can be made the upgrade does not run.
   */
  backupBeforeMigration?: boolean
  /** Clock for the backup's name; tests pass their own. */
  now?: () => Date
  /**
   * The id a ledger from before ids gets when it is upgraded, instead of a new one: a restore of
   * such a copy keeps the identity of the ledger it restores (its backups stay its own).
   */
  ledgerIdHint?: string | null
  /**
   * The key provider: the ledger is encrypted with a key reached through it (this PC's sealer,
   * or the recovery passphrase), and an unencrypted ledger is encrypted on opening. Every
   * program that opens the desk's ledger passes one; without it only an unencrypted file opens.
   */
  keys?: LedgerKeys
  /** Tests of a failed encryption: called before each step of encrypting an unencrypted ledger. */
  encryptionFault?: (step: EncryptionStep) => void
  /** Tests of a failed sealing of files on issues kept plain by an earlier version. */
  attachmentSealFault?: AttachmentSealFault
}

const MIGRATION_TABLE = 'ledger_migration'
const MIGRATION_LOCK_TABLE = 'ledger_migration_lock'

function provider(list: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => list }
}

export const NEEDS_KEY = '该台账文件已加密（或不是台账文件），需要它的密钥才能打开。'

function openSqlite(file: string, readonly: boolean, known: Record<string, Migration>, key: Buffer | null): Database.Database {
  let sqlite: Database.Database
  try {
    sqlite = openDatabaseFile(file, { readonly, fileMustExist: readonly, key })
  } catch (e) {
    if (e instanceof LedgerError) throw e
    if (key === null && isNotADatabase(e)) throw new LedgerError('key_needed', `${NEEDS_KEY}（${file}）`)
    throw new LedgerError('ledger_open_failed', `无法打开台账文件 ${file}：${e instanceof Error ? e.message : String(e)}`)
  }
  // busy_timeout first: a second process holding the lock must not fail the other pragmas.
  sqlite.pragma('busy_timeout = 5000')
  try {
    // Before any pragma that writes: a newer app's file must stay byte-for-byte as it was.
    assertNotNewer(sqlite, known, file)
  } catch (e) {
    sqlite.close()
    throw e
  }
  if (!readonly) sqlite.pragma('journal_mode = WAL')
  // FULL: a commit the desk was told about survives a power cut, not just an app crash.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

function appliedMigrations(sqlite: Database.Database): string[] {
  const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(MIGRATION_TABLE)
  if (!exists) return []
  return sqlite
    .prepare(`select name from ${MIGRATION_TABLE} order by name`)
    .all()
    .map((r) => (r !== null && typeof r === 'object' && 'name' in r ? String(r.name) : ''))
}

/** Refuses a file written by a newer version of the app, before anything touches it. */
export function assertNotNewer(sqlite: Database.Database, known: Record<string, Migration>, file: string): void {
  const unknown = appliedMigrations(sqlite).filter((name) => !(name in known))
  if (unknown.length > 0) {
    throw new LedgerError(
      'ledger_too_new',
      `台账文件 ${file} 由更新版本的接待日台账写入（数据版本 ${unknown.at(-1)}），当前版本无法安全打开。请先升级软件，台账文件未作任何改动。`,
    )
  }
}

export async function migrate(db: Kysely<Schema>, list: Record<string, Migration>, target?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: provider(list),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  })
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知'
    throw new LedgerError(
      'migration_failed',
      `台账升级失败（${failed}）：${(error instanceof Error ? error.message : String(error)).replace(/。$/, '')}。台账保持原版本未改动。`,
    )
  }
}

/** Migrations the Migrator is about to run, in the order it runs them. */
export function pendingMigrations(sqlite: Database.Database, list: Record<string, Migration>, target?: string): string[] {
  const applied = new Set(appliedMigrations(sqlite))
  return Object.keys(list)
    .sort()
    .filter((name) => !applied.has(name) && (target === undefined || name <= target))
}

/** Before an upgrade of a file that already has data, a verified copy of it as it was. */
async function backupBeforeMigration(
  sqlite: Database.Database,
  file: string,
  list: Record<string, Migration>,
  options: OpenOptions,
): Promise<BackupInfo | null> {
  if (appliedMigrations(sqlite).length === 0) return null
  if (pendingMigrations(sqlite, list, options.migrateTo).length === 0) return null
  try {
    return (await writeBackupWithFallback(sqlite, file, 'pre-migration', (options.now ?? (() => new Date()))())).backup
  } catch (e) {
    throw new LedgerError(
      'migration_failed',
      `台账升级前的备份未能完成，为安全起见没有升级：${e instanceof Error ? e.message : String(e)}。台账保持原版本未改动。`,
    )
  }
}

export async function openLedger(file: string, options: OpenOptions = {}): Promise<LocalLedger> {
  const list = options.migrations ?? knownMigrations
  const readonly = options.readonly ?? false
  // Refused here, as the migrator would refuse it: with nothing pending the migrator is not asked.
  if (options.migrateTo !== undefined && !(options.migrateTo in list)) {
    throw new LedgerError('migration_failed', `台账升级失败：没有名为 ${options.migrateTo} 的数据版本。台账保持原版本未改动。`)
  }
  // Before anything touches the path: a share's name alone is enough to refuse it.
  refuseNetworkLedger(file)
  // A writer holds the file shared, so a restore (or the app, when another process writes) is refused, not raced.
  const hold: LedgerHold | null = readonly ? null : holdLedger(file, 'shared')
  let sqlite: Database.Database
  try {
    sqlite = await openKeyed(file, readonly, list, options)
  } catch (e) {
    hold?.release()
    throw e
  }
  const db = new Kysely<Schema>({ dialect: new LedgerDialect(sqlite) })
  const close = async () => {
    try {
      await db.destroy()
    } finally {
      hold?.release()
    }
  }
  if (!readonly) {
    try {
      const now = options.now ?? (() => new Date())
      const copy = options.backupBeforeMigration !== false ? await backupBeforeMigration(sqlite, file, list, options) : null
      const pending = pendingMigrations(sqlite, list, options.migrateTo)
      const outOfStep = pending.length > 0 ? outOfStepRecords(sqlite) : null
      if (options.ledgerIdHint) {
        sqlite.exec('create temp table if not exists ledger_identity_hint (id text)')
        sqlite.prepare('insert into temp.ledger_identity_hint (id) values (?)').run(options.ledgerIdHint)
      }
      // Only when there is something to run: the migrator takes the write lock even for nothing, so a
      // desk opening an up-to-date file would wait on (and fail behind) another desk's long save.
      if (pending.length > 0) await migrate(db, list, options.migrateTo)
      // The copy taken just before the upgrade that gave this ledger its id is its own copy too.
      const id = ledgerIdOf(sqlite)
      if (copy !== null && copy.ledgerId === null && id !== null) claimBackup(copy, id)
      installStateTracking(sqlite)
      await ensureStateBaseline(db, sqlite, now)
      // Records the migrations wrote (a list they seed, a column they fill in), vouched for as the
      // upgrade left them; on a file that had no digests before, the baseline already covers its own.
      if (pending.length > 0) await vouchForUpgrade(db, sqlite, outOfStep ?? new Set(), pending, now)
      // Files on issues an earlier version kept plain are sealed with the ledger's key (one that fails stays plain and readable).
      sealPlainAttachments(sqlite, file, options.attachmentSealFault)
    } catch (e) {
      await close()
      throw e
    }
  }
  return { engine: 'sqlite', db, sqlite, file, keys: options.keys ?? null, close }
}

/**
 * The connection, keyed. An unencrypted ledger opened for writing with a key provider is first
 * encrypted (encrypt-ledger.ts: a copy first, checked, then swapped in); opened read-only it is
 * only read, as it is. Each key the key file holds is tried; the one that opens the file stays.
 */
async function openKeyed(
  file: string,
  readonly: boolean,
  list: Record<string, Migration>,
  options: OpenOptions,
): Promise<Database.Database> {
  const keys = options.keys
  if (keys === undefined || (readonly && isPlainSqliteFile(file))) return openSqlite(file, readonly, list, null)
  const now = options.now ?? (() => new Date())
  if (!readonly && isPlainSqliteFile(file)) await encryptPlainLedger(file, { keys, now, known: list, fault: options.encryptionFault })
  const exists = looksEncrypted(file)
  const candidates: UnlockedKey[] = ledgerKeys(file, keys, !readonly && !exists, now())
  let lastError: unknown = null
  for (const candidate of candidates) {
    try {
      const sqlite = openSqlite(file, readonly, list, candidate.key)
      if (!readonly) keepKey(file, candidate, keys)
      return sqlite
    } catch (e) {
      lastError = e
    }
  }
  throw lastError
}

export function ledgerVersion(sqlite: Database.Database): string {
  return appliedMigrations(sqlite).at(-1) ?? ''
}
