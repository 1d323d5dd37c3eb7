import { sql } from 'kysely'
import type { Executor } from '../core/context'
import type { Satisfaction } from '../../shared/types'

/**
 * An issue with what every view of the 问题台账 shows beside it — the ledger list and detail
 * (db/issue-queries.ts), the export's rows (db/export/ledger-rows.ts) and the 交办单
 * (db/print.ts) — under aliases they all share: i issue, m matter, v visit, p visitor,
 * c category, o enterprise, d department, a assignee. Each adds its own joins, columns and
 * filters. Every join finds at most one row for an issue (and the inner ones exactly one), so
 * the rows are the issues those filters select, each once.
 */
export function issueJoin(db: Executor) {
  return db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .leftJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('staff as a', 'a.id', 'i.assignee_id')
}

/** What the detail and the 交办单 add for one issue: s 接待日, l 包案领导, f 首接人. */
export function issueDetailJoin(db: Executor) {
  return issueJoin(db)
    .leftJoin('sessions as s', 's.id', 'v.session_id')
    .leftJoin('staff as l', 'l.id', 'i.leader_id')
    .leftJoin('staff as f', 'f.id', 'i.first_contact_id')
}

/**
 * The satisfaction of the issue `i`'s latest call, or null before any: a column for the queries
 * above, so the detail's actions and the export's 最近回访 read the same call.
 */
export function lastSatisfaction() {
  return sql<Satisfaction | null>`(select cb.satisfaction from callbacks cb where cb.issue_id = i.id order by cb.callback_date desc, cb.id desc limit 1)`
}
