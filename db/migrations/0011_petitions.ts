import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
//
// Where a matter came from (来源) and how it is handled (办理程序): the office's list of sources,
// each issue's source with the transferring body's 工单号 / 文号 and name, and its procedure —
// 一般问题 (the category's limit), 信访事项 (the statute's clocks: petitions, their written notices
// and the 复查 / 复核 stages) or 转办件 (the transferring body's dates: referrals). A category's
// limit may now be counted in calendar days. Additive only: new tables, new columns with
// defaults; every existing issue gets the source its visit's channel names and stays 一般问题.

const SOURCES: readonly (readonly [string, string])[] = [
  ['现场接待', 'desk'],
  ['来电', 'phone'],
  ['来信', 'letter'],
  ['网上', 'online'],
  ['12345', 'hotline_12345'],
  ['12369', 'hotline_12369'],
  ['上级交办', 'superior'],
  ['信访局转办', 'petition_bureau'],
  ['人大建议·政协提案', 'deputies'],
  ['其他', 'other'],
]

const SOURCE_KINDS = sql.raw(
  "('desk', 'phone', 'letter', 'online', 'hotline_12345', 'hotline_12369', 'superior', 'petition_bureau', 'deputies', 'other')",
)
const DELIVERY_METHODS = sql.raw("('in_person', 'post', 'online', 'sms', 'other')")

// The 工单号 / 文号 and the transferring body, searchable from the ledger's text filter: a small
// trigram index of its own (most issues have neither), kept by triggers like the others.
const SEARCH_TRIGGERS = [
  sql`create trigger issues_source_search_insert after insert on issues
    when new.source_ref is not null or new.source_body is not null begin
    insert into issue_source_search(rowid, source_ref, source_body) values (new.id, new.source_ref, new.source_body);
  end`,
  sql`create trigger issues_source_search_update after update of source_ref, source_body on issues
    when old.source_ref is not new.source_ref or old.source_body is not new.source_body begin
    delete from issue_source_search where rowid = old.id;
    insert into issue_source_search(rowid, source_ref, source_body)
      select new.id, new.source_ref, new.source_body where new.source_ref is not null or new.source_body is not null;
  end`,
  sql`create trigger issues_source_search_delete after delete on issues begin
    delete from issue_source_search where rowid = old.id;
  end`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('issue_sources')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${SOURCE_KINDS}`))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  for (const [index, [name, kind]] of SOURCES.entries()) {
    await sql`insert into issue_sources(name, kind, sort_order, created_at) values (${name}, ${kind}, ${index}, datetime('now', 'localtime'))`.execute(
      db,
    )
  }

  await db.schema
    .alterTable('categories')
    .addColumn('time_limit_unit', 'text', (c) =>
      c
        .notNull()
        .defaultTo('workdays')
        .check(sql`time_limit_unit in ('workdays', 'calendar')`),
    )
    .execute()

  await db.schema
    .alterTable('issues')
    .addColumn('source_id', 'integer', (c) => c.references('issue_sources.id'))
    .execute()
  await db.schema.alterTable('issues').addColumn('source_ref', 'text').execute()
  await db.schema.alterTable('issues').addColumn('source_body', 'text').execute()
  await db.schema
    .alterTable('issues')
    .addColumn('procedure', 'text', (c) =>
      c
        .notNull()
        .defaultTo('general')
        .check(sql`procedure in ('general', 'petition', 'referral')`),
    )
    .execute()
  // The channel codes of visits are the kinds of the first five sources.
  await sql`update issues set source_id = (
      select s.id from matters m join visits v on v.id = m.visit_id join issue_sources s on s.kind = v.channel
      where m.id = issues.matter_id order by s.sort_order limit 1)`.execute(db)
  await sql`create index issues_procedure on issues(procedure, accepted_date)`.execute(db)
  await sql`create index issues_source on issues(source_id, accepted_date)`.execute(db)

  // One row per 信访事项: its registration, the decision, the one extension and the written reply.
  await db.schema
    .createTable('petitions')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id'))
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('accept', 'reject', 'forward')`))
    .addColumn('decided_on', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('forwarded_to', 'text')
    .addColumn('extended_days', 'integer', (c) => c.check(sql`extended_days between 1 and 30`))
    .addColumn('extension_reason', 'text')
    .addColumn('extension_approver_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('extended_on', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('reply', 'text')
    .addColumn('repeat_of_issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // Every written notice: what it is, the date it bears, and when and how it was delivered.
  await db.schema
    .createTable('petition_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('accept', 'reject', 'forward', 'extend', 'reply', 'review', 'rereview')`),
    )
    .addColumn('dated', 'text', (c) => c.notNull())
    .addColumn('delivered_on', 'text')
    .addColumn('delivery_method', 'text', (c) => c.check(sql`delivery_method in ${DELIVERY_METHODS}`))
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('petition_notices_issue').on('petition_notices').columns(['issue_id', 'kind']).execute()

  // 复查 and 复核: asked on a date, answered on a date; one of each per petition.
  await db.schema
    .createTable('petition_reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('review', 'rereview')`))
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('petition_reviews_issue_level', ['issue_id', 'level'])
    .execute()
  await db.schema.createIndex('petition_reviews_requested').on('petition_reviews').columns(['level', 'requested_on']).execute()

  // One row per 转办件: the transferring body's deadline, the reply-by date and the reply sent back.
  await db.schema
    .createTable('referrals')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text', (c) => c.notNull())
    .addColumn('replied_on', 'text')
    .addColumn('reply_method', 'text', (c) => c.check(sql`reply_method in ${DELIVERY_METHODS}`))
    .addColumn('reply', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await sql`create virtual table issue_source_search using fts5(source_ref, source_body, tokenize='trigram')`.execute(db)
  await sql`insert into issue_source_search(rowid, source_ref, source_body)
    select id, source_ref, source_body from issues where source_ref is not null or source_body is not null`.execute(db)
  for (const trigger of SEARCH_TRIGGERS) await trigger.execute(db)
}
