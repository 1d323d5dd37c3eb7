import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the search index as it stood when this file landed.
//
// Search: one FTS5 index per kind of thing the desk looks for, all with the trigram tokenizer,
// which finds any substring of three or more characters. The indexes are "external content":
// they hold only the index and read the text from rows. Visitors and enterprises are indexed
// straight from their tables. An issue's text lives in two tables (number and result on the
// issue, description and place on its matter), so it is copied into issue_search_text, one
// compact row per issue, which the index reads.
//
// Each copied field ends in two U+E000 (private use) characters. Then every one- and
// two-character piece of the text starts some trigram of the index, even at the end of a field,
// and db/search.ts finds a two-character term through the index's vocabulary
// (issue_search_vocab) instead of reading every row. No one types U+E000; the search strips it.
//
// Triggers keep all of it in step with every write, in the writer's transaction; after a bulk
// load the copy is refilled and `insert into X(X) values('rebuild')` rebuilds each index
// (db/search.ts, bulkLoad).

const PAD = sql.raw('char(57344, 57344)')

const TRIGGERS = [
  // Visitors: name.
  sql`create trigger visitors_search_insert after insert on visitors begin
    insert into visitor_search(rowid, name) values (new.id, new.name);
  end`,
  sql`create trigger visitors_search_update after update of name on visitors when old.name is not new.name begin
    insert into visitor_search(visitor_search, rowid, name) values ('delete', old.id, old.name);
    insert into visitor_search(rowid, name) values (new.id, new.name);
  end`,
  sql`create trigger visitors_search_delete after delete on visitors begin
    insert into visitor_search(visitor_search, rowid, name) values ('delete', old.id, old.name);
  end`,

  // Enterprises: name and 统一社会信用代码.
  sql`create trigger organizations_search_insert after insert on organizations begin
    insert into organization_search(rowid, name, credit_code) values (new.id, new.name, new.credit_code);
  end`,
  sql`create trigger organizations_search_update after update of name, credit_code on organizations
    when old.name is not new.name or old.credit_code is not new.credit_code begin
    insert into organization_search(organization_search, rowid, name, credit_code) values ('delete', old.id, old.name, old.credit_code);
    insert into organization_search(rowid, name, credit_code) values (new.id, new.name, new.credit_code);
  end`,
  sql`create trigger organizations_search_delete after delete on organizations begin
    insert into organization_search(organization_search, rowid, name, credit_code) values ('delete', old.id, old.name, old.credit_code);
  end`,

  // Issues: the ledger number and result from the issue, the description and place from its
  // matter, copied into issue_search_text (one compact row per issue, which is also what a
  // one- or two-character term is matched against with LIKE) and indexed from there.
  sql`create trigger issues_search_insert after insert on issues begin
    insert into issue_search_text(id, number, content, place, result)
      select new.id, new.number || ${PAD}, m.content || ${PAD}, m.place || ${PAD}, new.result || ${PAD} from matters m where m.id = new.matter_id;
  end`,
  sql`create trigger issues_search_update after update of number, result, matter_id on issues
    when old.number is not new.number or old.result is not new.result or old.matter_id is not new.matter_id begin
    update issue_search_text
      set number = new.number || ${PAD}, result = new.result || ${PAD},
        content = (select m.content || ${PAD} from matters m where m.id = new.matter_id),
        place = (select m.place || ${PAD} from matters m where m.id = new.matter_id)
      where id = new.id;
  end`,
  sql`create trigger issues_search_delete after delete on issues begin
    delete from issue_search_text where id = old.id;
  end`,
  sql`create trigger matters_search_update after update of content, place on matters
    when old.content is not new.content or old.place is not new.place begin
    update issue_search_text set content = new.content || ${PAD}, place = new.place || ${PAD}
      where id in (select i.id from issues i where i.matter_id = new.id);
  end`,
  // The index follows its content table, as SQLite documents for external content.
  sql`create trigger issue_search_text_insert after insert on issue_search_text begin
    insert into issue_search(rowid, number, content, place, result) values (new.id, new.number, new.content, new.place, new.result);
  end`,
  sql`create trigger issue_search_text_update after update on issue_search_text begin
    insert into issue_search(issue_search, rowid, number, content, place, result) values ('delete', old.id, old.number, old.content, old.place, old.result);
    insert into issue_search(rowid, number, content, place, result) values (new.id, new.number, new.content, new.place, new.result);
  end`,
  sql`create trigger issue_search_text_delete after delete on issue_search_text begin
    insert into issue_search(issue_search, rowid, number, content, place, result) values ('delete', old.id, old.number, old.content, old.place, old.result);
  end`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  // Derived from issues and matters, never written by app code; no foreign key, so that the
  // triggers that keep it may run in either order.
  await sql`create table issue_search_text (
    id integer primary key,
    number text not null,
    content text not null,
    place text,
    result text
  )`.execute(db)

  await sql`create virtual table visitor_search using fts5(name, content='visitors', content_rowid='id', tokenize='trigram')`.execute(db)
  await sql`create virtual table organization_search using fts5(name, credit_code, content='organizations', content_rowid='id', tokenize='trigram')`.execute(
    db,
  )
  await sql`create virtual table issue_search using fts5(number, content, place, result, content='issue_search_text', content_rowid='id', tokenize='trigram')`.execute(
    db,
  )
  await sql`create virtual table issue_search_vocab using fts5vocab(issue_search, 'row')`.execute(db)

  // A ledger upgraded from 0001 already has rows: copy them, then index everything at once.
  await sql`insert into issue_search_text(id, number, content, place, result)
    select i.id, i.number || ${PAD}, m.content || ${PAD}, m.place || ${PAD}, i.result || ${PAD}
    from issues i join matters m on m.id = i.matter_id`.execute(db)
  for (const trigger of TRIGGERS) await trigger.execute(db)
  await sql`insert into visitor_search(visitor_search) values ('rebuild')`.execute(db)
  await sql`insert into organization_search(organization_search) values ('rebuild')`.execute(db)
  await sql`insert into issue_search(issue_search) values ('rebuild')`.execute(db)
  // Ranking: a hit in the ledger number or the place says more than one in a long description
  // or result. Stored with the index, so `order by rank` uses it.
  await sql`insert into issue_search(issue_search, rank) values ('rank', 'bm25(8.0, 1.0, 3.0, 1.0)')`.execute(db)
  await sql`insert into organization_search(organization_search, rank) values ('rank', 'bm25(2.0, 1.0)')`.execute(db)

  // Indexes the queries of a ten-year ledger showed they need (test/db/query-plans.test.ts).
  // The ledger sorted by deadline without a status filter:
  await sql`create index issues_due_date on issues(due_date)`.execute(db)
  // The month's carried-over issues (open when it began): registered before it, and open now
  // (issues_status) or changed since. "Changed since" reads updated_at, which the trigger below
  // makes never older than the last history row, whatever code wrote that row.
  await sql`create index issues_updated on issues(updated_at, accepted_date)`.execute(db)
  await sql`create trigger issue_history_touches_issue after insert on issue_history begin
    update issues set updated_at = new.at where id = new.issue_id and updated_at < new.at;
  end`.execute(db)
  await sql`update issues set updated_at = (select max(h.at) from issue_history h where h.issue_id = issues.id)
    where updated_at < (select max(h.at) from issue_history h where h.issue_id = issues.id)`.execute(db)
}
