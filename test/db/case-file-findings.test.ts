import { describe, expect, it } from 'vitest'
import { addProgress, assignIssue, recordCallback, resolveIssue } from '../../db/issues/actions'
import type { MeasureInput } from '../../db/issues/findings'
import { registerComplaint } from '../support/case-file'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { expectNothingChanged } from '../support/nothing-changed'
import { type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

/** A complaint about an enterprise, handed to a section. */
async function complaintInHand(): Promise<number> {
  const day = await openDay(t, f, '2026-11-10')
  const { issueId } = await registerComplaint(t, f, day.id)
  await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
  return issueId
}

describe('查实情况 and 处理措施 at 办结', () => {
  it('records what was found and every measure taken, with the fine in 元', async () => {
    const issueId = await complaintInHand()
    const d = await resolveIssue(t.ctx, {
      issueId,
      result: '现场检查发现废气收集设施破损',
      finding: 'verified',
      measures: [
        { kind: 'rectify', rectifyDeadline: '2026-11-30' },
        { kind: 'penalty', fineYuan: 52000.5, note: '环罚〔2026〕18号' },
        { kind: 'referral', referredTo: '县公安局' },
      ],
    })
    expect(d.caseFile.finding).toBe('verified')
    expect(d.caseFile.measures).toEqual([
      { kind: 'rectify', rectifyDeadline: '2026-11-30', fineYuan: null, referredTo: null, note: null },
      { kind: 'penalty', rectifyDeadline: null, fineYuan: 52000.5, referredTo: null, note: '环罚〔2026〕18号' },
      { kind: 'referral', rectifyDeadline: null, fineYuan: null, referredTo: '县公安局', note: null },
    ])
    expect(await t.ledger.db.selectFrom('issue_measures').select('fine_fen').where('kind', '=', 'penalty').executeTakeFirst()).toEqual({
      fine_fen: 5200050,
    })
    expect(d.timeline.at(-1)?.title).toBe('办结（已交办 → 已办结）：查实情况 属实，处理措施 责令整改、立案处罚、移送')
  })

  it('asks what checking found when the issue names an enterprise complained about', async () => {
    const issueId = await complaintInHand()
    await expectNothingChanged(t, () => resolveIssue(t.ctx, { issueId, result: '已处理' }), /有被反映对象，办结时请选择查实情况/)
  })

  it('resolves an issue about no one without a finding, as before', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    const d = await resolveIssue(t.ctx, { issueId, result: '已书面答复' })
    expect(d.caseFile).toMatchObject({ finding: null, measures: [] })
  })

  it('asks for at least one measure when the complaint was found true', async () => {
    const issueId = await complaintInHand()
    await expectNothingChanged(
      t,
      () => resolveIssue(t.ctx, { issueId, result: '属实', finding: 'partly_verified' }),
      /“部分属实”时请至少选择一项处理措施/,
    )
  })

  it('takes no measure at all for a complaint found unfounded', async () => {
    const issueId = await complaintInHand()
    const d = await resolveIssue(t.ctx, { issueId, result: '监测达标', finding: 'unfounded' })
    expect(d.caseFile).toMatchObject({ finding: 'unfounded', measures: [] })
  })

  it.each<[string, MeasureInput, RegExp]>([
    ['a negative fine', { kind: 'penalty', fineYuan: -1 }, /罚款金额不能为负数/],
    ['a fine of a third decimal', { kind: 'penalty', fineYuan: 10.005 }, /最多保留两位小数/],
    ['a fine that is not a number', { kind: 'penalty', fineYuan: Number.NaN }, /罚款金额须为数字/],
    ['a fine of extra zeros', { kind: 'penalty', fineYuan: 2_000_000_000 }, /不能超过/],
    ['a rectification due before the issue was accepted', { kind: 'rectify', rectifyDeadline: '2026-11-01' }, /整改期限不能早于受理日期/],
    ['a rectification due on no real day', { kind: 'rectify', rectifyDeadline: '2026-02-30' }, /整改期限不是有效日期/],
    ['a referral to nobody', { kind: 'referral', referredTo: '  ' }, /请填写移送单位/],
    ['another measure left unsaid', { kind: 'other', note: '' }, /请填写其他处理措施的内容/],
  ])('refuses %s, and changes nothing', async (_name, measure, message) => {
    const issueId = await complaintInHand()
    await expectNothingChanged(
      t,
      () => resolveIssue(t.ctx, { issueId, result: '已处理', finding: 'verified', measures: [measure] }),
      message,
    )
  })

  it('refuses the same measure twice', async () => {
    const issueId = await complaintInHand()
    await expectNothingChanged(
      t,
      () =>
        resolveIssue(t.ctx, {
          issueId,
          result: '已处理',
          finding: 'verified',
          measures: [{ kind: 'guidance' }, { kind: 'guidance', note: '再次指导' }],
        }),
      /“现场指导”只需填写一次/,
    )
  })

  it('refuses measures without a finding', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await expectNothingChanged(
      t,
      () => resolveIssue(t.ctx, { issueId, result: '已指导', measures: [{ kind: 'guidance' }] }),
      /填写处理措施时请同时选择查实情况/,
    )
  })

  it('keeps what the last 办结 found and did after a reopened issue is resolved again', async () => {
    const issueId = await complaintInHand()
    await resolveIssue(t.ctx, { issueId, result: '已指导', finding: 'verified', measures: [{ kind: 'guidance' }] })
    await recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'unsatisfied', comment: '仍有气味' })
    await addProgress(t.ctx, { issueId, note: '再次检查' })
    const d = await resolveIssue(t.ctx, {
      issueId,
      result: '立案查处',
      finding: 'verified',
      measures: [{ kind: 'penalty', fineYuan: 30000 }],
    })
    expect(d.caseFile.measures.map((m) => m.kind)).toEqual(['penalty'])
    // The first 办结's measure is kept with its own history row.
    expect(await t.ledger.db.selectFrom('issue_measures').select('kind').orderBy('id').execute()).toEqual([
      { kind: 'guidance' },
      { kind: 'penalty' },
    ])
  })
})
