import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3-multiple-ciphers'
import { write, stamp, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { recordHistory } from '../issues/history'
import { requireText } from '../validation/text'
import { maskFreeText } from '../privacy/mask'
import { attachmentKind } from '../../shared/codes/attachments'
import { ATTACHMENT_MAX_BYTES } from '../../shared/limits'
import type { AttachmentKind, IssueAttachment } from '../../shared/types'
import { mediaTypeOf } from './content-type'
import { connectionKey } from '../keys/cipher'
import { fileHolds, ledgerStore, plainCopyOf, putFile, sha256Of, type FileStore } from './store'
import { problemWords, type ReadState } from './sealed'
import { keepOnServer, plainCopyFromServer } from './server-contents'
import type { Ledger } from '../core/open'

// Files on an issue: the signed 交办单, site photos, the reply letter. Every refusal comes before
// anything is written, so a refused file leaves neither a row nor a file behind.

export interface NewAttachment {
  issueId: number
  kind: AttachmentKind
  /** The name the file had on the desk's computer; shown, never used as a path. */
  fileName: string
  bytes: Uint8Array
}

const MB = 1024 * 1024

function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Refuses what the ledger does not keep: empty, over 20 MB, or not a JPEG, PNG or PDF by its content. */
export function assertKeepable(fileName: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new LedgerError('attachment_refused', `附件“${fileName}”是空文件，未添加`)
  if (bytes.length > ATTACHMENT_MAX_BYTES)
    throw new LedgerError(
      'attachment_refused',
      `附件“${fileName}”有 ${sizeText(bytes.length)}，超过每个文件 ${ATTACHMENT_MAX_BYTES / MB} MB 的上限，未添加。请压缩图片或分页扫描后再添加。`,
    )
  if (mediaTypeOf(bytes) === null)
    throw new LedgerError(
      'attachment_refused',
      `附件“${fileName}”不是 JPG、PNG 图片或 PDF 文件（按文件内容判断，与扩展名无关），未添加。只能添加这三类文件。`,
    )
}

/** Where a ledger keeps its files, sealed with its key (the open connection's). */
export function storeOfLedger(ledger: { file: string; sqlite: Database.Database }): FileStore {
  return ledgerStore(ledger.file, connectionKey(ledger.sqlite))
}

/** A server ledger keeps the bytes in its own table (server-contents.ts), not in a folder. */
export const ON_SERVER = { onServer: true } as const

/** Where the bytes of a ledger's files are: the folder beside the file, or the server. */
export type AttachmentPlace = FileStore | typeof ON_SERVER

export function placeOfLedger(ledger: Ledger): AttachmentPlace {
  return ledger.engine === 'sqlite' ? storeOfLedger(ledger) : ON_SERVER
}

/**
 * Adds a file to an issue: the bytes by hash (once per content) beside the ledger, sealed, or in
 * the server's table in the same transaction; the row with its history and audit rows.
 */
export async function addAttachment(ctx: LedgerContext, place: AttachmentPlace, input: NewAttachment): Promise<IssueAttachment> {
  // Only shown, never a path: cleaned like any text typed into the ledger.
  const fileName = requireText(input.fileName, '附件文件名', 200).replace(/\n/g, ' ')
  assertKeepable(fileName, input.bytes)
  const mediaType = mediaTypeOf(input.bytes) ?? 'application/pdf'
  const sha256 = sha256Of(input.bytes)
  let placed = false
  try {
    const id = await write(ctx, async (trx) => {
      const issue = await trx.selectFrom('issues').select(['id', 'status', 'number']).where('id', '=', input.issueId).executeTakeFirst()
      if (!issue) throw notFound('问题', input.issueId)
      if ('onServer' in place) await keepOnServer(trx, sha256, input.bytes, stamp(ctx))
      else placed = putFile(place, sha256, input.bytes)
      let attachmentId = 0
      await recordHistory(
        trx,
        ctx,
        issue.id,
        'attach',
        issue.status,
        issue.status,
        null,
        { kind: attachmentKind.label(input.kind), name: fileName, size: input.bytes.length, sha256 },
        async () => {
          const row = await trx
            .insertInto('issue_attachments')
            .values({
              issue_id: issue.id,
              kind: input.kind,
              original_name: fileName,
              media_type: mediaType,
              size: input.bytes.length,
              sha256,
              actor_id: ctx.actor.id,
              created_at: stamp(ctx),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          attachmentId = row.id
        },
      )
      return attachmentId
    })
    return await getAttachment(ctx.db, id)
  } catch (e) {
    // The write did not happen: a file this call put there belongs to nothing.
    if (placed && !('onServer' in place) && !(await sha256Referenced(ctx.db, sha256)))
      fs.rmSync(path.join(place.folder, sha256), { force: true })
    throw e
  }
}

async function sha256Referenced(db: Executor, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('issue_attachments').select('id').where('sha256', '=', sha256).executeTakeFirst()
  return row !== undefined
}

function attachmentQuery(db: Executor) {
  return db
    .selectFrom('issue_attachments as a')
    .leftJoin('staff as s', 's.id', 'a.actor_id')
    .select([
      'a.id',
      'a.issue_id',
      'a.kind',
      'a.original_name',
      'a.media_type',
      'a.size',
      'a.sha256',
      'a.created_at',
      's.name as actor_name',
    ])
}

type AttachmentRecord = Awaited<ReturnType<ReturnType<typeof attachmentQuery>['executeTakeFirstOrThrow']>>

function toAttachment(r: AttachmentRecord): IssueAttachment {
  return {
    id: r.id,
    issueId: r.issue_id,
    kind: r.kind,
    // Typed by whoever named the file: it may hold a phone number.
    originalName: maskFreeText(r.original_name),
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    actorName: r.actor_name,
    createdAt: r.created_at,
  }
}

export async function getAttachment(db: Executor, id: number): Promise<IssueAttachment> {
  const r = await attachmentQuery(db).where('a.id', '=', id).executeTakeFirst()
  if (!r) throw notFound('附件', id)
  return toAttachment(r)
}

/** An issue's files, oldest first. */
export async function listAttachments(db: Executor, issueId: number): Promise<IssueAttachment[]> {
  const rows = await attachmentQuery(db).where('a.issue_id', '=', issueId).orderBy('a.id').execute()
  return rows.map(toAttachment)
}

function problemText(state: Exclude<ReadState, 'ok'>): string {
  return state === 'missing' ? '不见了' : state === 'other_key' ? '无法用本台账的密钥解密（可能来自另一本台账）' : '已被改动'
}

/**
 * The plain content of an attachment the ledger has, for the system viewer or a download:
 * decrypted (or read from the server) into `viewFolder` (the app's temporary folder), checked
 * against its hash on the way.
 * Refused in Chinese when its file is gone, altered or sealed with another key.
 */
export async function attachmentFile(
  db: Executor,
  place: AttachmentPlace,
  id: number,
  viewFolder: string,
): Promise<{ file: string; attachment: IssueAttachment }> {
  const attachment = await getAttachment(db, id)
  const { file, state } = await ('onServer' in place
    ? plainCopyFromServer(db, attachment.sha256, attachment.mediaType, viewFolder, attachment.id)
    : plainCopyOf(place, attachment.sha256, attachment.mediaType, viewFolder, attachment.id))
  if (state !== 'ok')
    throw new LedgerError(
      'attachment_file_problem',
      `附件“${attachment.originalName}”的文件${problemText(state)}，不能打开。请从备份恢复，或联系技术人员（npm run ledger -- check）。`,
    )
  return { file, attachment }
}

/**
 * Every attachment whose file is missing or no longer holds its bytes (decrypted and hashed
 * again), in words, for check. Plain SQL: check opens the ledger read-only, and a ledger from
 * before attachments has none.
 */
export function attachmentFileProblems(sqlite: Database.Database, ledgerFile: string): string[] {
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'issue_attachments'").get()
  if (!hasTable) return []
  const store = ledgerStore(ledgerFile, connectionKey(sqlite))
  const rows = sqlite.prepare('select id, sha256, original_name from issue_attachments order by id').all()
  const problems: string[] = []
  const seen = new Map<string, ReadState>()
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue
    const id = Number(Reflect.get(row, 'id'))
    const sha256 = String(Reflect.get(row, 'sha256'))
    const name = maskFreeText(String(Reflect.get(row, 'original_name')))
    const state = seen.get(sha256) ?? fileHolds(store, sha256)
    seen.set(sha256, state)
    if (state !== 'ok') problems.push(`附件 #${id}（${name}）的文件${problemWords(state)}：${sha256.slice(0, 12)}…`)
  }
  return problems
}
