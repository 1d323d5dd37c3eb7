import type { Generated } from 'kysely'
import type { DeliveryMethod, NoticeKind, PetitionDecision, ReviewLevel } from '../../../shared/types'

// 信访事项 and 转办件: their notices, reviews and referrals. Row shapes as described in db/core/schema.ts, which joins
// them into the Database.

/** One row per 信访事项 (db/issues/petition.ts). */
export interface PetitionsTable {
  issue_id: number
  registered_on: string
  decision: PetitionDecision | null
  decided_on: string | null
  decision_reason: string | null
  forwarded_to: string | null
  extended_days: number | null
  extension_reason: string | null
  extension_approver_id: number | null
  extended_on: string | null
  replied_on: string | null
  reply: string | null
  repeat_of_issue_id: number | null
  created_at: string
  updated_at: string
}

export interface PetitionNoticesTable {
  id: Generated<number>
  issue_id: number
  kind: NoticeKind
  dated: string
  delivered_on: string | null
  delivery_method: DeliveryMethod | null
  actor_id: number | null
  created_at: string
}

export interface PetitionReviewsTable {
  id: Generated<number>
  issue_id: number
  level: ReviewLevel
  requested_on: string
  body: string | null
  answered_on: string | null
  answer: string | null
  created_at: string
}

/** One row per 转办件 (db/issues/procedure.ts). */
export interface ReferralsTable {
  issue_id: number
  due_on: string
  reply_by: string
  replied_on: string | null
  reply_method: DeliveryMethod | null
  reply: string | null
  created_at: string
  updated_at: string
}
