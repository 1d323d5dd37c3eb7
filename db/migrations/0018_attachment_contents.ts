import type { Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// The file's side of 0018_attachment_contents changes nothing: a local ledger keeps the bytes of
// its files on issues in the folder beside it (`<ledger>.files`, sealed with its key), as since
// 0014. Its twin on a server adds the table that holds them there, where a desk has no folder
// shared with the others. It is here so that a file and a server of one app version name the same
// migrations (test/server/server-migrations.test.ts holds the two lists in step).
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Nothing to change in the file.
}
