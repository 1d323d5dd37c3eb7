import type { IssueStatus } from './codes/issues'
import type { PetitionAction, PetitionDecision, PetitionStage } from './codes/petitions'
import { petitionAction } from './codes/petitions'
import { ACTION_FROM, isOpenStatus } from './lifecycle'

// A 信访事项's procedure as data, beside the issue life cycle (shared/lifecycle.ts): the stage is
// read from the petition's records, and each step may start only from the stages listed here.
// The ledger refuses anything else (db/issues/petition.ts); the issue drawer offers only these.

/** What the stage is read from: the decision, the written reply and the two reviews. */
export interface PetitionProgress {
  decision: PetitionDecision | null
  replied: boolean
  review: { requested: boolean; answered: boolean }
  rereview: { requested: boolean; answered: boolean }
}

export function petitionStageOf(p: PetitionProgress): PetitionStage {
  if (p.decision === null) return 'registered'
  if (p.decision === 'reject') return 'rejected'
  if (p.decision === 'forward') return 'forwarded'
  if (p.rereview.answered) return 'final'
  if (p.rereview.requested) return 'rereview'
  if (p.review.answered) return 'reviewed'
  if (p.review.requested) return 'review'
  return p.replied ? 'replied' : 'handling'
}

type StageStep = Exclude<PetitionAction, 'deliver' | 'unflag'>

/** The stages each step may start from. */
export const PETITION_STEP_FROM: Readonly<Record<StageStep, readonly PetitionStage[]>> = {
  decide: ['registered'],
  extend: ['handling'],
  // A second reply only after an unsatisfied callback has reopened the issue (below).
  reply: ['handling', 'replied'],
  review_request: ['replied'],
  review_answer: ['review'],
  rereview_request: ['reviewed'],
  rereview_answer: ['rereview'],
}

/** What else the steps depend on besides the stage. */
export interface PetitionCircumstances {
  status: IssueStatus
  /** The one extension the statute allows has been used. */
  extended: boolean
  /** A notice printed but not yet recorded as delivered. */
  undelivered: boolean
  /** Flagged at registration as the same matter as one already concluded by 复核. */
  repeatFlagged: boolean
  /** The answer a review would be asked against (the reply, then the 复查's opinion) has reached the visitor. */
  answerDelivered: boolean
}

export function allowedPetitionActions(stage: PetitionStage, c: PetitionCircumstances): PetitionAction[] {
  return petitionAction.codes.filter((action) => {
    if (action === 'deliver') return c.undelivered
    if (action === 'unflag') return c.repeatFlagged && stage === 'registered'
    if (!PETITION_STEP_FROM[action].includes(stage)) return false
    switch (action) {
      case 'decide':
        return isOpenStatus(c.status)
      case 'extend':
        return isOpenStatus(c.status) && !c.extended
      case 'reply':
        // The written reply ends handling as 办结 does, from the same states.
        return stage === 'handling' ? ACTION_FROM.resolve.includes(c.status) : c.status === 'reopened'
      case 'review_request':
        return c.answerDelivered && (c.status === 'resolved' || c.status === 'closed')
      case 'rereview_request':
        return c.answerDelivered
      default:
        return true
    }
  })
}
