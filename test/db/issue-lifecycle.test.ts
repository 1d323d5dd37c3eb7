import { describe, expect, it } from 'vitest'
import {
  addProgress,
  assignIssue,
  closeIssue,
  extendIssue,
  recordCallback,
  rejectIssue,
  resolveIssue,
  superviseIssue,
  transferIssue,
} from '../../db/issues/actions'
import { callbackQueue } from '../../db/issues/callback-queue'
import { getIssueDetail } from '../../db/issues/detail'
import { LedgerError } from '../../db/core/errors'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { FIXTURE_LEADER_PIN, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'
import { acceptIssue, openDay } from '../support/desk'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

async function history(issueId: number) {
  return t.ledger.db.selectFrom('issue_history').selectAll().where('issue_id', '=', issueId).orderBy('id').execute()
}

async function expectRefused(work: () => Promise<unknown>, issueId: number, message: RegExp): Promise<void> {
  const before = await tableCounts(t)
  const row = await t.ledger.db.selectFrom('issues').selectAll().where('id', '=', issueId).executeTakeFirst()
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LedgerError)
  expect(error instanceof LedgerError ? error.message : '').toMatch(message)
  expect(await tableCounts(t)).toEqual(before)
  expect(await t.ledger.db.selectFrom('issues').selectAll().where('id', '=', issueId).executeTakeFirst()).toEqual(row)
}

describe('issue life cycle', () => {
  it('walks an issue from 受理 through 不满意 and back to 销号, one history row per transition', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId, number } = await acceptIssue(t, f, day.id)
    expect(number).toBe('JD-2026-11-0001')

    await assignIssue(t.ctx, {
      issueId,
      departmentId: f.departments[2]!.id,
      assigneeId: f.handler.id,
      leaderId: f.leader.id,
      note: '请三日内现场核查',
    })
    await addProgress(t.ctx, { issueId, note: '已现场核查，确认为园区某企业废气处理设施故障' })
    await addProgress(t.ctx, { issueId, note: '企业已停产检修' })
    await extendIssue(t.ctx, {
      issueId,
      newDueDate: '2026-12-31',
      approverId: f.leader.id,
      approverPin: FIXTURE_LEADER_PIN,
      reason: '需等待第三方监测报告',
    })
    t.clock.set('2026-11-20 10:00:00')
    await resolveIssue(t.ctx, { issueId, result: '企业完成整改，监测达标' })
    await recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'unsatisfied', comment: '夜间仍有气味' })
    let d = await getIssueDetail(t.ledger.db, issueId, '2026-11-20')
    expect(d.status).toBe('reopened')
    expect(d.resolvedDate).toBeNull()
    // The reason for reopening is said once on the timeline, with the call.
    expect(d.timeline.filter((e) => e.text === '夜间仍有气味').map((e) => e.kind)).toEqual(['callback'])
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'history', text: null })
    await addProgress(t.ctx, { issueId, note: '夜间突击检查，发现另一家企业偷排' })
    t.clock.set('2026-11-25 10:00:00')
    await resolveIssue(t.ctx, { issueId, result: '对偷排企业立案查处，已停产整治' })
    await recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'satisfied' })
    d = await closeIssue(t.ctx, { issueId })

    expect(d.status).toBe('closed')
    expect(d.closedDate).toBe('2026-11-25')
    expect(d.dueDate).toBe('2026-12-31')
    const rows = await history(issueId)
    expect(rows.map((r) => [r.action, r.from_status, r.to_status])).toEqual([
      ['accept', null, 'accepted'],
      ['assign', 'accepted', 'assigned'],
      ['progress', 'assigned', 'in_progress'],
      ['resolve', 'in_progress', 'resolved'],
      ['reopen', 'resolved', 'reopened'],
      ['progress', 'reopened', 'in_progress'],
      ['resolve', 'in_progress', 'resolved'],
      ['close', 'resolved', 'closed'],
    ])
    expect(rows.every((r) => r.actor_id === f.desk.id)).toBe(true)
    expect(rows.find((r) => r.action === 'reopen')?.reason).toBe('夜间仍有气味')
    expect(d.timeline.filter((e) => e.kind === 'callback')).toHaveLength(2)
    expect(d.timeline.filter((e) => e.kind === 'extension')).toHaveLength(1)
    expect(d.timeline.filter((e) => e.kind === 'progress')).toHaveLength(3)
  })

  it('records who handles it when an issue is handed over', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    const d = await assignIssue(t.ctx, { issueId, departmentId: f.departments[2]!.id, assigneeId: f.handler.id, leaderId: f.leader.id })
    expect(d).toMatchObject({
      status: 'assigned',
      departmentName: f.departments[2]!.name,
      assigneeName: '赵刚',
      leaderName: '李建国',
      firstContactName: '王晓丽',
    })
    // 转办 and 不予受理 stay open to a supervisor once the issue is handed over; the section has yet to 签收 or 退回.
    expect(d.allowedActions).toEqual(['assign', 'progress', 'supervise', 'extend', 'resolve', 'transfer', 'reject', 'sign', 'return'])
  })

  it('transfers an accepted issue to another authority with where and why', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id, '楼上住户装修噪声')
    const d = await transferIssue(t.ctx, { issueId, to: '街道办事处', reason: '社会生活噪声不属本局职责' })
    expect(d).toMatchObject({ status: 'transferred', transferTo: '街道办事处', reason: '社会生活噪声不属本局职责', dueState: 'done' })
    expect((await history(issueId)).at(-1)).toMatchObject({ action: 'transfer', from_status: 'accepted', to_status: 'transferred' })
  })

  it('rejects an accepted issue with the reason recorded', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id, '要求赔偿邻里纠纷损失')
    const d = await rejectIssue(t.ctx, { issueId, reason: '属民事纠纷，建议通过诉讼解决' })
    expect(d.status).toBe('rejected')
    expect((await history(issueId)).at(-1)).toMatchObject({
      action: 'reject',
      to_status: 'rejected',
      reason: '属民事纠纷，建议通过诉讼解决',
    })
  })

  it('lists a resolved issue as waiting for a callback until a satisfied call is recorded', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await resolveIssue(t.ctx, { issueId, result: '已整改' })
    expect((await callbackQueue(t.ctx, 'due')).rows.map((r) => r.id)).toEqual([issueId])
    await recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'basically_satisfied' })
    expect((await callbackQueue(t.ctx, 'due')).rows).toEqual([])
  })

  it('keeps a supervision note on the timeline without changing the status', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    const d = await superviseIssue(t.ctx, { issueId, note: '已超期，请于本周内办结' })
    expect(d.status).toBe('assigned')
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'supervision', text: '已超期，请于本周内办结' })
  })
})

describe('refused transitions change nothing', () => {
  it('refuses to resolve an issue nobody has been handed', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId, number } = await acceptIssue(t, f, day.id)
    await expectRefused(() => resolveIssue(t.ctx, { issueId, result: '已处理' }), issueId, new RegExp(`${number}.*已受理.*不能办结`))
  })

  it('refuses to close an issue before a satisfied callback', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await resolveIssue(t.ctx, { issueId, result: '已处理' })
    await expectRefused(() => closeIssue(t.ctx, { issueId }), issueId, /尚未回访满意/)
  })

  it('refuses the desk clerk a transfer of an issue already handed to a section', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await expectRefused(() => transferIssue(t.ctx, { issueId, to: '市局', reason: '越级' }), issueId, /已交办，转办须由负责人/)
  })

  it('refuses any action on a closed issue', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await resolveIssue(t.ctx, { issueId, result: '已处理' })
    await recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'satisfied' })
    await closeIssue(t.ctx, { issueId })
    for (const act of [
      () => assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id }),
      () => addProgress(t.ctx, { issueId, note: 'x' }),
      () => resolveIssue(t.ctx, { issueId, result: 'x' }),
      () => recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'satisfied' }),
      () => closeIssue(t.ctx, { issueId }),
      () => rejectIssue(t.ctx, { issueId, reason: 'x' }),
      () =>
        extendIssue(t.ctx, { issueId, newDueDate: '2027-01-10', approverId: f.leader.id, approverPin: FIXTURE_LEADER_PIN, reason: 'x' }),
    ]) {
      await expectRefused(act, issueId, /已销号/)
    }
  })

  it('refuses an extension that does not move the deadline later', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await expectRefused(
      () =>
        extendIssue(t.ctx, {
          issueId,
          newDueDate: '2026-11-11',
          approverId: f.leader.id,
          approverPin: FIXTURE_LEADER_PIN,
          reason: '需要时间',
        }),
      issueId,
      /须晚于原时限/,
    )
  })

  it('refuses an unsatisfied callback without a reason', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await resolveIssue(t.ctx, { issueId, result: '已处理' })
    await expectRefused(() => recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'unsatisfied' }), issueId, /不满意的原因/)
  })

  it('refuses a resolution dated in the future', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await expectRefused(() => resolveIssue(t.ctx, { issueId, result: '已处理', date: '2026-12-01' }), issueId, /不能晚于今天/)
  })
})
