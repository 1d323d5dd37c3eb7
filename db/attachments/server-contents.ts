import { sql } from 'kysely'
import type { Executor, Tx } from '../core/context'
import { maskFreeText } from '../privacy/mask'
import type { AttachmentMediaType } from '../../shared/codes/attachments'
import { problemWords, type ReadState } from './sealed'
import { plainCopyFrom, sha256Of } from './store'

// The bytes of the files on issues on a server ledger (migration 0018): a row of
// attachment_contents per content, named by its SHA-256 as the file's folder names its files.
// Desks share no folder, so the bytes travel with the ledger; the server keeps them as it keeps
// every record (pg_dump takes them), in the same transaction as the issue_attachments row, so a
// refused or dropped write leaves neither. Plain on the server, as its other records are; the
// hash is checked on every read.

/** Keeps `bytes` under their hash in the write's transaction, once per content. */
export async function keepOnServer(trx: Tx, sha256: string, bytes: Uint8Array, at: string): Promise<void> {
  await sql`insert into attachment_contents (sha256, content, size, created_at)
    values (${sha256}, ${Buffer.from(bytes)}, ${bytes.length}, ${at}) on conflict (sha256) do nothing`.execute(trx)
}

/** The server's content for `sha256`, and whether it is there and still hashes to its name. */
export async function serverContentOf(db: Executor, sha256: string): Promise<{ state: ReadState; bytes: Buffer }> {
  const row = (await sql<{ content: Buffer }>`select content from attachment_contents where sha256 = ${sha256}`.execute(db)).rows[0]
  if (row === undefined) return { state: 'missing', bytes: Buffer.alloc(0) }
  if (sha256Of(row.content) !== sha256) return { state: 'altered', bytes: Buffer.alloc(0) }
  return { state: 'ok', bytes: row.content }
}

/** The plain copy for the viewer, from the server's row. */
export function plainCopyFromServer(
  db: Executor,
  sha256: string,
  mediaType: AttachmentMediaType,
  folder: string,
  id: number,
): Promise<{ file: string; state: ReadState }> {
  return plainCopyFrom(
    async (write) => {
      const { state, bytes } = await serverContentOf(db, sha256)
      if (state === 'ok') write(bytes)
      return state
    },
    mediaType,
    folder,
    id,
  )
}

/** The distinct contents a ledger's issue_attachments name, in order, on either engine (for a move, one at a time). */
export async function namedContents(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('issue_attachments').select('sha256').distinct().orderBy('sha256').execute()
  return rows.map((r) => r.sha256)
}

/**
 * Every attachment whose content is missing from the server or no longer hashes to its name, in
 * words, for check: hashed by the server itself (`sha256()`), so no content crosses the network.
 */
export async function serverContentProblems(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ id: number; sha256: string; original_name: string; missing: boolean }>`
    select a.id, a.sha256, a.original_name, c.sha256 is null as missing
    from issue_attachments a left join attachment_contents c on c.sha256 = a.sha256
    where c.sha256 is null or encode(sha256(c.content), 'hex') <> c.sha256
    order by a.id`.execute(db)
  return rows.map(
    (r) =>
      `附件 #${r.id}（${maskFreeText(r.original_name)}）的文件${problemWords(r.missing ? 'missing' : 'altered')}：${r.sha256.slice(0, 12)}…`,
  )
}
