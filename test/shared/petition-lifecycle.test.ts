import { describe, expect, it } from 'vitest'
import { DEFAULT_PROCEDURE, sourceKind, sourceKindOf } from '../../shared/codes/petitions'
import { channel } from '../../shared/codes/visits'
import { allowedActions } from '../../shared/lifecycle'
import { allowedPetitionActions, petitionStageOf, type PetitionCircumstances } from '../../shared/petition-lifecycle'

const none = { requested: false, answered: false }
const asked = { requested: true, answered: false }
const answered = { requested: true, answered: true }
const open: PetitionCircumstances = {
  status: 'assigned',
  extended: false,
  undelivered: false,
  repeatFlagged: false,
  answerDelivered: false,
}

describe('the 信访 stage table', () => {
  it('reads the stage from the decision, the reply and the two reviews', () => {
    expect(petitionStageOf({ decision: null, replied: false, review: none, rereview: none })).toBe('registered')
    expect(petitionStageOf({ decision: 'reject', replied: false, review: none, rereview: none })).toBe('rejected')
    expect(petitionStageOf({ decision: 'forward', replied: false, review: none, rereview: none })).toBe('forwarded')
    expect(petitionStageOf({ decision: 'accept', replied: false, review: none, rereview: none })).toBe('handling')
    expect(petitionStageOf({ decision: 'accept', replied: true, review: none, rereview: none })).toBe('replied')
    expect(petitionStageOf({ decision: 'accept', replied: true, review: asked, rereview: none })).toBe('review')
    expect(petitionStageOf({ decision: 'accept', replied: true, review: answered, rereview: none })).toBe('reviewed')
    expect(petitionStageOf({ decision: 'accept', replied: true, review: answered, rereview: asked })).toBe('rereview')
    expect(petitionStageOf({ decision: 'accept', replied: true, review: answered, rereview: answered })).toBe('final')
  })

  it('offers each step only from its stage: decide first, one extension, the reply from handling, then the reviews in turn', () => {
    expect(allowedPetitionActions('registered', { ...open, status: 'accepted' })).toEqual(['decide'])
    expect(allowedPetitionActions('handling', open)).toEqual(['extend', 'reply'])
    expect(allowedPetitionActions('handling', { ...open, extended: true })).toEqual(['reply'])
    // The reply ends handling as 办结 does: not before the issue has been handed to a section.
    expect(allowedPetitionActions('handling', { ...open, status: 'accepted' })).toEqual(['extend'])
    expect(allowedPetitionActions('replied', { ...open, status: 'resolved' })).toEqual([])
    expect(allowedPetitionActions('replied', { ...open, status: 'resolved', answerDelivered: true })).toEqual(['review_request'])
    expect(allowedPetitionActions('replied', { ...open, status: 'reopened' })).toEqual(['reply'])
    expect(allowedPetitionActions('review', { ...open, status: 'closed' })).toEqual(['review_answer'])
    expect(allowedPetitionActions('reviewed', { ...open, status: 'closed', answerDelivered: true })).toEqual(['rereview_request'])
    expect(allowedPetitionActions('rereview', { ...open, status: 'closed' })).toEqual(['rereview_answer'])
    expect(allowedPetitionActions('final', { ...open, status: 'closed', undelivered: true })).toEqual(['deliver'])
    expect(allowedPetitionActions('registered', { ...open, repeatFlagged: true })).toEqual(['decide', 'unflag'])
  })

  it('takes 延期, 办结, 转办 and 不予受理 away from a 信访事项, which has its own steps for them', () => {
    expect(allowedActions('accepted', null, 'general')).toEqual(['assign', 'extend', 'transfer', 'reject'])
    expect(allowedActions('accepted', null, 'petition')).toEqual(['assign'])
    // With no section waiting to sign for it (签收 and 退回 are a section's answer to its handover, in any procedure).
    expect(allowedActions('in_progress', null, 'petition', { pendingSection: false })).toEqual(['assign', 'progress', 'supervise'])
    expect(allowedActions('in_progress', null, 'referral')).toEqual(allowedActions('in_progress', null, 'general'))
  })

  it('has a source kind for every channel, so each channel has its default source', () => {
    for (const code of channel.codes) expect(sourceKind.has(sourceKindOf(code)), code).toBe(true)
    expect(sourceKindOf('walk_in')).toBe('desk')
    expect(DEFAULT_PROCEDURE.petition_bureau).toBe('petition')
    expect(DEFAULT_PROCEDURE.hotline_12345).toBe('referral')
  })
})
