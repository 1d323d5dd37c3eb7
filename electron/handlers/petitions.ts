import { today, type LedgerContext } from '../../db/core/context'
import { decidePetition, deliverNotice, extendPetition, replyPetition, unflagRepeat } from '../../db/issues/petition'
import { answerReview, requestReview } from '../../db/issues/petition-reviews'
import { changeProcedure, replyToReferral } from '../../db/issues/procedure'
import { getIssueDetail } from '../../db/issues/detail'
import { listSources, saveSource } from '../../db/issues/source'
import { petitionNoticeSheet } from '../../db/print/notices'
import type { IssueDetail } from '../../shared/types'
import { ledgerContext } from './ledger-context'
import type { AppState, Handlers } from './types'

/** Runs one step on an issue and answers with the issue as it now stands, as every issue action does. */
async function step(state: AppState, issueId: number, work: (ctx: LedgerContext) => Promise<void>): Promise<IssueDetail> {
  const ctx = ledgerContext(state)
  await work(ctx)
  return getIssueDetail(ctx.db, issueId, today(ctx))
}

export const petitionsHandlers = {
  'source-list': (state) => listSources(state.ledger.db),
  'source-save': (state, input) => saveSource(ledgerContext(state), input),
  'procedure-change': (state, input) => step(state, input.issueId, (ctx) => changeProcedure(ctx, input)),
  'petition-decide': (state, input) => step(state, input.issueId, (ctx) => decidePetition(ctx, input)),
  'petition-deliver': (state, input) => step(state, input.issueId, (ctx) => deliverNotice(ctx, input)),
  'petition-extend': (state, input) => step(state, input.issueId, (ctx) => extendPetition(ctx, input)),
  'petition-reply': (state, input) => step(state, input.issueId, (ctx) => replyPetition(ctx, input)),
  'petition-review-request': (state, input) => step(state, input.issueId, (ctx) => requestReview(ctx, input)),
  'petition-review-answer': (state, input) => step(state, input.issueId, (ctx) => answerReview(ctx, input)),
  'petition-unflag': (state, input) => step(state, input.issueId, (ctx) => unflagRepeat(ctx, input)),
  'petition-notice': (state, input) => petitionNoticeSheet(state.ledger.db, input.noticeId),
  'referral-reply': (state, input) => step(state, input.issueId, (ctx) => replyToReferral(ctx, input)),
} satisfies Partial<Handlers>
