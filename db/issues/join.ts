import { sql } from 'kysely'
import type { Executor } from '../core/context'
import type { Satisfaction } from '../../shared/types'

/** Issues with the matter (m) and the visit (v) they were raised in. */
export function issueVisitJoin(db: Executor) {
  return db.selectFrom('issues as i').innerJoin('matters as m', 'm.id', 'i.matter_id').innerJoin('visits as v', 'v.id', 'm.visit_id')
}

/** The same without the issues of a voided visit: what every figure and count is made of. */
export function liveIssueJoin(db: Executor) {
  return issueVisitJoin(db).where('v.voided_at', 'is', null)
}

/**
 * An issue with what every view of the 问题台账 shows beside it — the ledger list and detail
 * (issues/queries.ts), the export's rows (export/ledger-rows.ts) and the 交办单
 * (print/sheets.ts) — under aliases they all share: i issue, m matter, v visit, p visitor,
 * c category, o enterprise, d department, a assignee, so 被反映企业, loc 属地. Each adds its own joins, columns and
 * filters. Every join finds at most one row for an issue (and the inner ones exactly one), so
 * the rows are the issues those filters select, each once.
 */
export function issueJoin(db: Executor) {
  return issueVisitJoin(db)
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .leftJoin('organizations as o', 'o.id', 'v.organization_id')
    .leftJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('staff as a', 'a.id', 'i.assignee_id')
    .leftJoin('organizations as so', 'so.id', 'i.subject_organization_id')
    .leftJoin('localities as loc', 'loc.id', 'i.locality_id')
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
