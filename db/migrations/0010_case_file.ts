import { sql, type Kysely } from 'kysely'

// Migrations never import app code: the schema as it stood when this file landed.
//
// The case file of an issue. Additive only: new tables, new nullable columns (or with a default).
// - 被反映对象: the enterprise complained about (issues.subject_organization_id), apart from the
//   visitor's own organization (visits.organization_id). A complaint about a place with no
//   enterprise names it in the matter's 问题地点 as its 点位.
// - 属地: the 乡镇 / 街道 list (localities) and each issue's locality_id.
// - 重复件: issues.repeat_of_id, the earlier issue the desk chose when warned while typing.
// - 查实情况 (issues.finding) and 处理措施 (issue_measures), written at 办结; the measures belong to
//   the 办结 history row that recorded them, so a reopened and re-resolved issue keeps both.
// - 主办 / 协办: issue_sections, one row per section handed the issue, with its 签收 or 退回.
// - 超期后延期: extensions.late, set when an extension was granted after the deadline passed. Rows
//   from before this version are marked by the same rule, read from their own dates.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('localities')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .alterTable('issues')
    .addColumn('subject_organization_id', 'integer', (c) => c.references('organizations.id'))
    .execute()
  await db.schema
    .alterTable('issues')
    .addColumn('locality_id', 'integer', (c) => c.references('localities.id'))
    .execute()
  await db.schema
    .alterTable('issues')
    .addColumn('repeat_of_id', 'integer', (c) => c.references('issues.id'))
    .execute()
  await db.schema
    .alterTable('issues')
    .addColumn('finding', 'text', (c) => c.check(sql`finding in ('verified', 'partly_verified', 'unfounded', 'unverifiable')`))
    .execute()
  await db.schema.createIndex('issues_subject').on('issues').columns(['subject_organization_id', 'accepted_date']).execute()
  await db.schema.createIndex('issues_locality').on('issues').columns(['locality_id', 'accepted_date']).execute()
  await sql`create index issues_repeat_of on issues(repeat_of_id) where repeat_of_id is not null`.execute(db)

  await db.schema
    .createTable('issue_measures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('history_id', 'integer', (c) => c.notNull().references('issue_history.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('guidance', 'rectify', 'penalty', 'referral', 'other')`))
    .addColumn('rectify_deadline', 'text')
    // In 分 (0.01 元), so sums are exact.
    .addColumn('fine_fen', 'integer', (c) => c.check(sql`fine_fen >= 0`))
    .addColumn('referred_to', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('issue_measures_issue').on('issue_measures').columns(['issue_id', 'history_id']).execute()

  await db.schema
    .createTable('issue_sections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'assist')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'signed', 'returned', 'withdrawn')`),
    )
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('signed_date', 'text')
    .addColumn('signer_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('return_reason', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('staff.id'))
    .execute()
  await db.schema.createIndex('issue_sections_issue').on('issue_sections').columns(['issue_id', 'status']).execute()
  // One live handover per section and issue: a section is either 主办 or 协办, never both at once.
  await sql`create unique index issue_sections_live on issue_sections(issue_id, department_id) where status in ('pending', 'signed')`.execute(
    db,
  )

  await db.schema
    .alterTable('extensions')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`update extensions set late = 1 where old_due_date < substr(created_at, 1, 10)`.execute(db)
}
