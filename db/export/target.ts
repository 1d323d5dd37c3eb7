import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { BACKUP_FOLDER_SETTING, defaultBackupFolder } from '../backup/files'
import { onServer } from '../core/engine'
import type { Executor } from '../core/context'
import { LedgerError } from '../core/errors'
import { holderFileOf, lockFileOf } from '../core/hold'
import { keyFileOf } from '../keys/keys'

// An export is written beside its destination and renamed over it. Pointed at the live ledger
// (a save dialog happily returns ledger.sqlite), that rename replaced the ledger: later writes
// "succeeded" into a file no longer there, and the next start failed. So no export may land on
// the ledger, on any file SQLite or the app keeps beside it, or in the backup folder.

const SIDE_FILES = ['-wal', '-shm', '-journal', '.restoring']

const caseless = process.platform === 'win32' || process.platform === 'darwin'

/** The path as the file system knows it: symlinks and short names of the existing part resolved. */
function canonical(p: string): string {
  let head = path.resolve(p)
  const tail: string[] = []
  for (;;) {
    try {
      head = fs.realpathSync.native(head)
      break
    } catch {
      const up = path.dirname(head)
      if (up === head) break
      tail.unshift(path.basename(head))
      head = up
    }
  }
  const full = path.join(head, ...tail)
  return caseless ? full.toLowerCase() : full
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a)
    const y = fs.statSync(b)
    // A hard link is the same file under another name.
    return x.ino !== 0 && x.dev === y.dev && x.ino === y.ino
  } catch {
    return false
  }
}

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

async function ledgerFileOf(db: Executor): Promise<string | null> {
  // A server ledger has no file on this PC that an export could overwrite.
  if (onServer(db)) return null
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db)
  const file = rows[0]?.file
  return file ? file : null
}

async function configuredFolder(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', BACKUP_FOLDER_SETTING).executeTakeFirst()
  return row?.value ? row.value : null
}

/** Refuses an export destination that is the ledger, a file beside it the ledger needs, or inside a backup folder. */
export async function refuseLedgerTarget(db: Executor, target: string): Promise<void> {
  const ledger = await ledgerFileOf(db)
  if (ledger === null) return
  const wanted = canonical(target)
  // The key file too: overwritten, the ledger could be opened again only from a backup with the recovery passphrase.
  const guarded = [ledger, ...SIDE_FILES.map((s) => ledger + s), lockFileOf(ledger), holderFileOf(ledger), keyFileOf(ledger)]
  if (guarded.some((f) => canonical(f) === wanted || sameFile(f, target))) {
    throw new LedgerError(
      'export_target_is_ledger',
      `不能保存到 ${target}：这是台账文件本身（或它旁边的工作文件），保存过去会把台账替换掉。请另选文件名或文件夹。`,
    )
  }
  const folders = [defaultBackupFolder(ledger), await configuredFolder(db)].filter((f): f is string => f !== null)
  if (folders.some((f) => inside(canonical(f), wanted))) {
    throw new LedgerError('export_target_is_backup', `不能保存到备份文件夹中：${target}。备份文件夹只存放台账的备份，请另选文件夹。`)
  }
}
