import type { Executor } from '../core/context'
import type { IssueRow } from '../core/schema'
import type { Deadline, PetitionCase } from '../../shared/types'
import { petitionDeadlines } from './petition-deadlines'
import { actionsOf, stageOf } from './petition-step'

/** The petition as the issue drawer shows it, with its clocks; null when the issue has none. */
export async function readPetition(
  db: Executor,
  issue: Pick<IssueRow, 'id' | 'status'>,
  voided: boolean,
  day: string,
): Promise<{ case: PetitionCase; deadlines: Deadline[] } | null> {
  const petition = await db
    .selectFrom('petitions as p')
    .leftJoin('staff as ap', 'ap.id', 'p.extension_approver_id')
    .leftJoin('issues as r', 'r.id', 'p.repeat_of_issue_id')
    .selectAll('p')
    .select(['ap.name as approver_name', 'r.number as repeat_number'])
    .where('p.issue_id', '=', issue.id)
    .executeTakeFirst()
  if (!petition) return null
  const { approver_name, repeat_number, ...row } = petition
  const notices = await db.selectFrom('petition_notices').selectAll().where('issue_id', '=', issue.id).orderBy('id').execute()
  const reviews = await db.selectFrom('petition_reviews').selectAll().where('issue_id', '=', issue.id).orderBy('id').execute()
  const stage = stageOf(row, reviews)
  const petitionCase: PetitionCase = {
    stage,
    registeredOn: row.registered_on,
    decision: row.decision,
    decidedOn: row.decided_on,
    decisionReason: row.decision_reason,
    forwardedTo: row.forwarded_to,
    extendedDays: row.extended_days,
    extensionReason: row.extension_reason,
    extensionApproverName: approver_name,
    repliedOn: row.replied_on,
    reply: row.reply,
    repeatOf: row.repeat_of_issue_id !== null ? { issueId: row.repeat_of_issue_id, number: repeat_number ?? '' } : null,
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      dated: n.dated,
      deliveredOn: n.delivered_on,
      deliveryMethod: n.delivery_method,
    })),
    reviews: reviews.map((r) => ({
      level: r.level,
      requestedOn: r.requested_on,
      body: r.body,
      answeredOn: r.answered_on,
      answer: r.answer,
    })),
    actions: voided ? [] : actionsOf({ issue, petition: row, notices, stage }),
  }
  return { case: petitionCase, deadlines: petitionDeadlines(row, notices, reviews, day) }
}
