import { beforeEach, describe, expect, it } from 'vitest'
import { updateIssueText } from '../../db/issues/text'
import { acceptIssue, openDay } from '../support/desk'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
let issueId: number

seededLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  const day = await openDay(t, f, '2026-11-10')
  issueId = (await acceptIssue(t, f, day.id, '化工园区夜间有刺鼻气味')).issueId
})

const historyRows = () => t.ctx.db.selectFrom('issue_history').select('action').where('issue_id', '=', issueId).execute()

describe('correcting what an issue says', () => {
  it('saves the new description and place, with an audit row of before and after and no history row', async () => {
    const history = await historyRows()
    const d = await updateIssueText(t.ctx, { issueId, content: '  化工园区东侧夜间有刺鼻气味 ', place: '城东工业园东区' })
    expect(d).toMatchObject({ content: '化工园区东侧夜间有刺鼻气味', place: '城东工业园东区', status: 'accepted' })
    expect(await historyRows()).toEqual(history)
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'edit_text').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ entity: 'issue', entity_id: issueId, actor_id: f.desk.id })
    expect(JSON.parse(audit.detail)).toEqual({
      before: { content: '化工园区夜间有刺鼻气味', place: '城东工业园' },
      after: { content: '化工园区东侧夜间有刺鼻气味', place: '城东工业园东区' },
    })
  })

  it('changes only the field given, and clears the place with an empty one', async () => {
    expect(await updateIssueText(t.ctx, { issueId, place: '' })).toMatchObject({ content: '化工园区夜间有刺鼻气味', place: null })
    expect(await updateIssueText(t.ctx, { issueId, content: '园区夜间异味' })).toMatchObject({ content: '园区夜间异味', place: null })
  })

  it('writes nothing when the text is what it already was', async () => {
    const before = await tableCounts(t)
    await updateIssueText(t.ctx, { issueId, content: '化工园区夜间有刺鼻气味', place: '城东工业园' })
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses an empty description, a call with nothing to change and an unknown issue, and saves nothing', async () => {
    const before = await tableCounts(t)
    expect((await refused(updateIssueText(t.ctx, { issueId, content: '  ' }))).message).toBe('请填写反映问题')
    expect((await refused(updateIssueText(t.ctx, { issueId }))).code).toBe('invalid_input')
    expect((await refused(updateIssueText(t.ctx, { issueId, place: '地'.repeat(201) }))).code).toBe('too_long')
    expect((await refused(updateIssueText(t.ctx, { issueId: 9999, content: '新描述' }))).code).toBe('not_found')
    expect(await tableCounts(t)).toEqual(before)
  })
})
