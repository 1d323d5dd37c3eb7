import path from 'node:path'
import dayjs from 'dayjs'
import { sql } from 'kysely'
import { audit } from '../core/audit'
import type { LedgerContext, Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import { readLedgerId } from '../core/identity'
import type { LocalLedger } from '../core/open'
import { storeOfLedger } from '../attachments/attachments'
import { keepOnServer, namedContents, serverContentOf, serverContentProblems } from '../attachments/server-contents'
import { contentOf, putFile, type FileStore } from '../attachments/store'
import { problemWords, type ReadState } from '../attachments/sealed'

// The bytes of the files on issues in a move between the engines: a file keeps them in the
// folder beside it, sealed with its key; a server in attachment_contents. Each content goes over
// once, one at a time (a 20 MB scan is never held twice), checked against its name on the way.

function problem(sha256: string, state: Exclude<ReadState, 'ok'>): string {
  return `${sha256.slice(0, 12)}…${problemWords(state)}`
}

/**
 * Every content the file's attachments name, read from its folder with its key and written to
 * the server in the move's transaction. Refused, the move undone, when any is missing or altered:
 * the server keeps no attachment without its bytes.
 */
export async function filesToServer(trx: Tx, local: LocalLedger, at: string): Promise<number> {
  const store = storeOfLedger(local)
  // The move's read transaction is open on the file (to-server.ts): the same moment as its rows.
  const named = await namedContents(local.db)
  const problems: string[] = []
  for (const sha256 of named) {
    const { state, bytes } = contentOf(store, sha256)
    if (state === 'ok') await keepOnServer(trx, sha256, bytes, at)
    else problems.push(problem(sha256, state))
  }
  if (problems.length > 0) {
    throw new LedgerError(
      'move_files_missing',
      `本地台账有 ${problems.length} 个附件文件不能迁移（${problems.slice(0, 5).join('，')}），已撤销，未作任何改动。请先运行 npm run ledger -- check 查看，并从备份恢复附件文件后再迁移。`,
    )
  }
  return named.length
}

export interface FilesCopied {
  files: number
  /** Contents the server lacks or holds altered: the copy's rows name them, its folder has no file for them. */
  problems: string[]
}

/**
 * Every content the server's attachments name, written into the local copy's folder sealed with
 * its key, from the export's snapshot. A content the server lacks (a ledger moved there by an
 * earlier version kept no files) or holds altered is named, not copied: the copy's own check
 * then says the same as the server's.
 */
export async function filesToLocal(trx: Tx, store: FileStore): Promise<FilesCopied> {
  const problems: string[] = []
  let files = 0
  for (const sha256 of await namedContents(trx)) {
    const { state, bytes } = await serverContentOf(trx, sha256)
    if (state !== 'ok') {
      problems.push(problem(sha256, state))
      continue
    }
    putFile(store, sha256, bytes)
    files++
  }
  return { files, problems }
}

export interface FilesCarried {
  /** Contents written to the server from the file's folder. */
  carried: number
  /** What `check --pg` still names afterwards: an attachment whose bytes the server lacks or holds altered. */
  problems: string[]
}

/**
 * The bytes a ledger moved by an earlier version left behind (its migrate-to-pg carried the rows
 * only): every content the server's attachments name and the server lacks, read from the folder
 * beside the local file the ledger came from, checked against its name, and added in one
 * transaction with an audit row. Only the same ledger's file is taken; nothing on the server is
 * replaced (its contents are append-only), so a content the server holds altered stays named.
 */
export async function carryMissingFiles(ctx: LedgerContext, local: LocalLedger): Promise<FilesCarried> {
  const fileId = await readLedgerId(local.db)
  const serverId = await readLedgerId(ctx.db)
  if (fileId === null || fileId !== serverId) {
    throw new LedgerError(
      'move_other_ledger',
      `台账文件 ${path.basename(local.file)} 与台账服务器上的不是同一本台账（台账编号不同），未作任何改动。请给出当初迁入服务器的那个台账文件。`,
    )
  }
  const store = storeOfLedger(local)
  return ctx.db.transaction().execute(async (trx) => {
    const lacking = await sql<{ sha256: string }>`select distinct a.sha256 from issue_attachments a
      where not exists (select 1 from attachment_contents c where c.sha256 = a.sha256) order by a.sha256`.execute(trx)
    const at = dayjs(ctx.now()).format('YYYY-MM-DD HH:mm:ss')
    let carried = 0
    for (const { sha256 } of lacking.rows) {
      const { state, bytes } = contentOf(store, sha256)
      if (state !== 'ok') continue
      await keepOnServer(trx, sha256, bytes, at)
      carried++
    }
    const problems = await serverContentProblems(trx)
    if (carried > 0) {
      await audit(trx, ctx, 'carry_files_to_pg', 'ledger', null, { from: path.basename(local.file), files: carried, left: problems.length })
    }
    return { carried, problems }
  })
}
