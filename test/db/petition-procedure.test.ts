import { describe, expect, it } from 'vitest'
import { assignIssue, closeIssue, extendIssue, recordCallback, rejectIssue, resolveIssue, transferIssue } from '../../db/issues/actions'
import { decidePetition, deliverNotice, extendPetition, replyPetition, unflagRepeat } from '../../db/issues/petition'
import { answerReview, requestReview } from '../../db/issues/petition-reviews'
import { LedgerError } from '../../db/core/errors'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { asSupervisor, detailOf, registerPetition, type Registered } from '../support/petitions'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-09-25 08:00:00', (s) => ({ t, f } = s))

async function history(issueId: number) {
  return t.ledger.db
    .selectFrom('issue_history')
    .select(['action', 'from_status', 'to_status'])
    .where('issue_id', '=', issueId)
    .orderBy('id')
    .execute()
}

/** A refusal in Chinese with its code, and every table exactly as it was. */
async function expectRefused(work: () => Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const before = await tableCounts(t)
  const issues = await t.ledger.db.selectFrom('issues').selectAll().execute()
  const petitions = await t.ledger.db.selectFrom('petitions').selectAll().execute()
  const notices = await t.ledger.db.selectFrom('petition_notices').selectAll().execute()
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LedgerError)
  expect(error instanceof LedgerError ? [error.code, error.message] : []).toEqual([code, expect.stringMatching(message)])
  expect(await tableCounts(t)).toEqual(before)
  expect(await t.ledger.db.selectFrom('issues').selectAll().execute()).toEqual(issues)
  expect(await t.ledger.db.selectFrom('petitions').selectAll().execute()).toEqual(petitions)
  expect(await t.ledger.db.selectFrom('petition_notices').selectAll().execute()).toEqual(notices)
}

/** Registered 2026-09-25, accepted 2026-09-28 with the notice delivered, handed to a section. */
async function accepted(): Promise<Registered> {
  const p = await registerPetition(t, f, '2026-09-25')
  t.clock.set('2026-09-28 10:00:00')
  await decidePetition(t.ctx, {
    issueId: p.issueId,
    decision: 'accept',
    date: '2026-09-28',
    delivery: { date: '2026-09-28', method: 'in_person' },
  })
  await assignIssue(t.ctx, { issueId: p.issueId, departmentId: f.departments[2]!.id, assigneeId: f.handler.id })
  return p
}

/** Accepted, answered in writing on 2026-10-20 and the 处理意见书 delivered the same day. */
async function replied(): Promise<Registered> {
  const p = await accepted()
  t.clock.set('2026-10-20 10:00:00')
  await replyPetition(t.ctx, {
    issueId: p.issueId,
    text: '经现场核查，涉事企业已停产整改',
    delivery: { date: '2026-10-20', method: 'post' },
  })
  return p
}

describe('the 信访 procedure', () => {
  it('walks a petition from registration through 受理, the written reply, 复查 and 复核 to its end, a history row per step', async () => {
    const p = await accepted()
    t.clock.set('2026-10-20 10:00:00')
    await replyPetition(t.ctx, { issueId: p.issueId, text: '经现场核查，涉事企业已停产整改', date: '2026-10-20' })
    let d = await detailOf(t, p.issueId)
    expect(d.status).toBe('resolved')
    expect(d.resolvedDate).toBe('2026-10-20')
    expect(d.result).toBe('经现场核查，涉事企业已停产整改')
    const reply = d.intake.petition?.notices.find((n) => n.kind === 'reply')
    expect(reply).toMatchObject({ dated: '2026-10-20', deliveredOn: null })
    expect(d.intake.petition?.actions).toEqual(['deliver'])
    await deliverNotice(t.ctx, { issueId: p.issueId, noticeId: reply?.id ?? 0, date: '2026-10-20', method: 'post' })
    await recordCallback(t.ctx, { issueId: p.issueId, method: 'phone', satisfaction: 'basically_satisfied' })
    await closeIssue(t.ctx, { issueId: p.issueId })

    t.clock.set('2026-11-05 10:00:00')
    await requestReview(t.ctx, { issueId: p.issueId, level: 'review', date: '2026-11-05', body: '县人民政府' })
    t.clock.set('2026-11-25 10:00:00')
    await answerReview(t.ctx, {
      issueId: p.issueId,
      level: 'review',
      text: '维持原处理意见',
      delivery: { date: '2026-11-25', method: 'post' },
    })
    t.clock.set('2026-12-10 10:00:00')
    await requestReview(t.ctx, { issueId: p.issueId, level: 'rereview', date: '2026-12-10', body: '市人民政府' })
    t.clock.set('2026-12-30 10:00:00')
    await answerReview(t.ctx, {
      issueId: p.issueId,
      level: 'rereview',
      text: '维持复查意见',
      delivery: { date: '2026-12-30', method: 'post' },
    })

    d = await detailOf(t, p.issueId)
    expect(d.intake.petition?.stage).toBe('final')
    expect(d.intake.petition?.actions).toEqual([])
    expect(d.intake.petition?.notices.map((n) => [n.kind, n.deliveredOn])).toEqual([
      ['accept', '2026-09-28'],
      ['reply', '2026-10-20'],
      ['review', '2026-11-25'],
      ['rereview', '2026-12-30'],
    ])
    expect((await history(p.issueId)).map((h) => h.action)).toEqual([
      'accept',
      'petition_accept',
      'assign',
      'petition_reply',
      'notice_deliver',
      'close',
      'review_request',
      'review_answer',
      'rereview_request',
      'rereview_answer',
    ])
    // The timeline says each step in words, with its dates.
    expect(d.timeline.map((e) => e.title)).toContain(
      '信访受理：2026-09-28 受理，2026-11-27 前办结（受理后60日）；受理告知书当面送达（2026-09-28）',
    )
    expect(d.timeline.map((e) => e.title)).toContain('复核意见：2026-12-30 作出复核意见，信访程序终结；复核意见书邮寄送达（2026-12-30）')
  })

  it('refuses 不予受理 without a reason and records it with its notice, the issue 不予受理', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    t.clock.set('2026-09-30 10:00:00')
    await expectRefused(() => decidePetition(t.ctx, { issueId: p.issueId, decision: 'reject', reason: ' ' }), 'required', /不予受理的理由/)
    await decidePetition(t.ctx, { issueId: p.issueId, decision: 'reject', reason: '已经或者依法应当通过诉讼途径解决' })
    const d = await detailOf(t, p.issueId)
    expect(d.status).toBe('rejected')
    expect(d.reason).toBe('已经或者依法应当通过诉讼途径解决')
    expect(d.intake.petition).toMatchObject({ stage: 'rejected', decision: 'reject', decidedOn: '2026-09-30' })
    expect(d.intake.petition?.notices.map((n) => n.kind)).toEqual(['reject'])
  })

  it('forwards a petition outside the bureau’s remit to the body named, the issue 转办', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    t.clock.set('2026-09-30 10:00:00')
    await expectRefused(() => decidePetition(t.ctx, { issueId: p.issueId, decision: 'forward' }), 'required', /转送的机关或单位/)
    await decidePetition(t.ctx, { issueId: p.issueId, decision: 'forward', forwardTo: '县城市管理局', reason: '属餐饮油烟' })
    const d = await detailOf(t, p.issueId)
    expect(d).toMatchObject({ status: 'transferred', transferTo: '县城市管理局' })
    expect(d.intake.petition?.stage).toBe('forwarded')
  })

  it('hands a petition’s extension, 办结, 转办 and 不予受理 to the procedure’s own steps', async () => {
    const p = await accepted()
    await expectRefused(() => resolveIssue(t.ctx, { issueId: p.issueId, result: '已办结' }), 'invalid_transition', /信访事项.*书面答复/)
    await expectRefused(
      () => extendIssue(t.ctx, { issueId: p.issueId, newDueDate: '2026-12-31', approverId: f.leader.id, reason: '需时间' }),
      'invalid_transition',
      /信访程序/,
    )
    const fresh = await registerPetition(t, f, '2026-10-08', { content: '另一件信访' })
    await expectRefused(
      () => transferIssue(t.ctx, { issueId: fresh.issueId, to: '市局', reason: '不属本局' }),
      'invalid_transition',
      /信访程序/,
    )
    await expectRefused(() => rejectIssue(t.ctx, { issueId: fresh.issueId, reason: '不属本局' }), 'invalid_transition', /信访程序/)
    expect((await detailOf(t, fresh.issueId)).allowedActions).not.toContain('reject')
  })
})

describe('the procedure refuses, in Chinese, and changes nothing', () => {
  it('refuses a notice dated before the registration', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    await expectRefused(
      () => decidePetition(t.ctx, { issueId: p.issueId, decision: 'accept', date: '2026-09-24' }),
      'invalid_date',
      /决定日期不能早于登记日期（2026-09-25）/,
    )
  })

  it('refuses a notice dated in the future, and a delivery before the notice’s own date', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    t.clock.set('2026-09-28 10:00:00')
    await expectRefused(
      () => decidePetition(t.ctx, { issueId: p.issueId, decision: 'accept', date: '2026-09-29' }),
      'invalid_date',
      /决定日期不能晚于今天（2026-09-28）/,
    )
    await expectRefused(
      () =>
        decidePetition(t.ctx, {
          issueId: p.issueId,
          decision: 'accept',
          date: '2026-09-28',
          delivery: { date: '2026-09-27', method: 'post' },
        }),
      'invalid_date',
      /受理告知书的送达日期不能早于告知书的日期（2026-09-28）/,
    )
  })

  it('refuses a second decision on a decided petition', async () => {
    const p = await accepted()
    await expectRefused(
      () => decidePetition(t.ctx, { issueId: p.issueId, decision: 'reject', reason: '重复' }),
      'already_decided',
      /已于 2026-09-28 作出“受理”的决定/,
    )
  })

  it('refuses a written reply before the 受理 decision', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    await assignIssue(t.ctx, { issueId: p.issueId, departmentId: f.departments[2]!.id })
    await expectRefused(() => replyPetition(t.ctx, { issueId: p.issueId, text: '已处理' }), 'not_decided', /尚未作出受理决定，不能书面答复/)
  })

  it('refuses an extension over 30 days, and one recorded by anyone but a signed-in 负责人', async () => {
    const p = await accepted()
    t.clock.set('2026-11-01 10:00:00')
    await expectRefused(
      () => asSupervisor(t, f, () => extendPetition(t.ctx, { issueId: p.issueId, days: 31, reason: '情况复杂' })),
      'extension_too_long',
      /最多延长 30 日/,
    )
    await expectRefused(() => extendPetition(t.ctx, { issueId: p.issueId, days: 20, reason: '情况复杂' }), 'forbidden', /负责人/)
  })

  it('refuses a second extension', async () => {
    const p = await accepted()
    t.clock.set('2026-11-01 10:00:00')
    await asSupervisor(t, f, () => extendPetition(t.ctx, { issueId: p.issueId, days: 10, reason: '需补充监测' }))
    expect((await detailOf(t, p.issueId)).intake.petition).toMatchObject({ extendedDays: 10, extensionApproverName: '李建国' })
    await expectRefused(
      () => asSupervisor(t, f, () => extendPetition(t.ctx, { issueId: p.issueId, days: 10, reason: '再延' })),
      'already_extended',
      /只能延长一次/,
    )
  })

  it('refuses an extension decided after the sixty days have run out', async () => {
    const p = await accepted()
    t.clock.set('2026-11-28 10:00:00')
    await expectRefused(
      () => asSupervisor(t, f, () => extendPetition(t.ctx, { issueId: p.issueId, days: 30, reason: '迟了' })),
      'invalid_date',
      /届满前决定/,
    )
  })

  it('refuses a 复查 asked after its 30 days, and one before the reply was delivered', async () => {
    const p = await replied()
    await recordCallback(t.ctx, { issueId: p.issueId, method: 'phone', satisfaction: 'unsatisfied', comment: '不认可' })
    await resolveAgain(p)
    t.clock.set('2026-11-20 10:00:00')
    await expectRefused(
      () => requestReview(t.ctx, { issueId: p.issueId, level: 'review', date: '2026-11-20' }),
      'review_too_late',
      /30日内提出（2026-10-20 送达，至 2026-11-19）/,
    )
    const undelivered = await registerPetition(t, f, '2026-10-01', { content: '未送达的答复' })
    t.clock.set('2026-10-02 10:00:00')
    await decidePetition(t.ctx, { issueId: undelivered.issueId, decision: 'accept' })
    await assignIssue(t.ctx, { issueId: undelivered.issueId, departmentId: f.departments[2]!.id })
    await replyPetition(t.ctx, { issueId: undelivered.issueId, text: '已答复' })
    await expectRefused(() => requestReview(t.ctx, { issueId: undelivered.issueId, level: 'review' }), 'not_delivered', /尚未登记送达/)
  })

  it('refuses 复核 before the 复查 has been answered', async () => {
    const p = await replied()
    t.clock.set('2026-10-25 10:00:00')
    await requestReview(t.ctx, { issueId: p.issueId, level: 'review' })
    await expectRefused(() => requestReview(t.ctx, { issueId: p.issueId, level: 'rereview' }), 'invalid_transition', /复查中.*不能复核申请/)
  })

  it('flags a new petition on a matter 复核 concluded with the earlier number, and accepts it only once a 负责人 says it is new', async () => {
    const p = await replied()
    await recordCallback(t.ctx, { issueId: p.issueId, method: 'phone', satisfaction: 'satisfied' })
    t.clock.set('2026-10-25 10:00:00')
    await requestReview(t.ctx, { issueId: p.issueId, level: 'review' })
    await answerReview(t.ctx, { issueId: p.issueId, level: 'review', text: '维持', delivery: { date: '2026-10-25', method: 'post' } })
    await requestReview(t.ctx, { issueId: p.issueId, level: 'rereview' })
    await answerReview(t.ctx, { issueId: p.issueId, level: 'rereview', text: '维持', delivery: { date: '2026-10-25', method: 'post' } })

    const again = await registerPetition(t, f, '2026-11-02', { content: '仍是园区气味问题' })
    expect(again.detail.intake.petition?.repeatOf).toEqual({ issueId: p.issueId, number: p.number })
    await expectRefused(
      () => decidePetition(t.ctx, { issueId: again.issueId, decision: 'accept' }),
      'repeat_matter',
      new RegExp(`已复核终结的 ${p.number} 为同一事项.*不再受理`),
    )
    await expectRefused(() => unflagRepeat(t.ctx, { issueId: again.issueId, reason: '新问题' }), 'forbidden', /负责人/)
    await asSupervisor(t, f, () => unflagRepeat(t.ctx, { issueId: again.issueId, reason: '反映的是园区新建企业，不是同一事项' }))
    await decidePetition(t.ctx, { issueId: again.issueId, decision: 'accept' })
    expect((await detailOf(t, again.issueId)).intake.petition).toMatchObject({ repeatOf: null, decision: 'accept' })
  })

  it('refuses a delivery recorded twice for the same notice', async () => {
    const p = await accepted()
    const noticeId = (await detailOf(t, p.issueId)).intake.petition?.notices[0]?.id ?? 0
    await expectRefused(
      () => deliverNotice(t.ctx, { issueId: p.issueId, noticeId, date: '2026-09-28', method: 'post' }),
      'invalid_transition',
      /没有待登记送达的告知书/,
    )
  })
})

/** After an unsatisfied callback reopens it, the petition is answered again; the review window runs from the first delivery. */
async function resolveAgain(p: Registered): Promise<void> {
  await expect(detailOf(t, p.issueId).then((d) => d.intake.petition?.actions)).resolves.toContain('reply')
  await replyPetition(t.ctx, { issueId: p.issueId, text: '补充答复：已督促企业加装收集设施', date: '2026-10-20' })
  await recordCallback(t.ctx, { issueId: p.issueId, method: 'phone', satisfaction: 'basically_satisfied' })
}
