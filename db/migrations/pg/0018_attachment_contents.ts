import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
// The bytes of the files on issues, on a server: one row per content, named by the SHA-256 of its
// bytes as the file's folder names them (so the same scan added twice is kept once, and the
// digests of issue_attachments go by it). Rows stay as written: updates and deletes are refused
// by triggers and, through grant-app-role, by the desk role's privileges; a content altered around
// the app no longer hashes to its name, and check says so. Every issue_attachments row written
// from now on must name a content there, checked at commit (deferred), so a move can copy the
// rows and their contents in either order; rows an earlier version moved without their files are
// not checked (NOT VALID) but named by check.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table attachment_contents (
    sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea not null,
    size integer not null check (size between 1 and 20971520 and size = octet_length(content)),
    created_at text not null)`.execute(db)
  for (const event of ['update', 'delete'] as const) {
    const name = `attachment_contents_no_${event}`
    const verb = event === 'update' ? '修改' : '删除'
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$
      begin raise exception using message = '附件文件内容只能追加，不能${verb}', errcode = 'P0001'; end $$`,
      )
      .execute(db)
    await sql.raw(`create trigger ${name} before ${event} on attachment_contents for each row execute function ${name}()`).execute(db)
  }
  await sql
    .raw(
      `create function attachment_contents_no_truncate() returns trigger language plpgsql as $$
    begin raise exception using message = '附件文件内容只能追加，不能删除', errcode = 'P0001'; end $$`,
    )
    .execute(db)
  await sql`create trigger attachment_contents_no_truncate before truncate on attachment_contents
    for each statement execute function attachment_contents_no_truncate()`.execute(db)
  await sql`alter table issue_attachments add constraint issue_attachments_content foreign key (sha256)
    references attachment_contents (sha256) deferrable initially deferred not valid`.execute(db)
}
