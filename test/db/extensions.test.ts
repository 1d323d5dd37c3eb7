import { describe, expect, it } from 'vitest'
import { assignIssue, extendIssue, resolveIssue } from '../../db/issues/actions'
import { monthlySummary } from '../../db/figures/month'
import { updateCaseRules } from '../../db/reference/case-rules'
import { saveStaff } from '../../db/reference/reference'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { expectNothingChanged } from '../support/nothing-changed'
import { actAs, actorOf, FIXTURE_LEADER_PIN, type Fixture, type TestLedger } from '../support/temp-ledger'
import { setStaffPin } from '../../db/staff/operators'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

/** An 大气 issue accepted 2026-11-10 (Tuesday): 15 working days → due 2026-12-01. */
async function handedOver(): Promise<number> {
  const day = await openDay(t, f, '2026-11-10')
  const { issueId } = await acceptIssue(t, f, day.id)
  const d = await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
  expect(d.dueDate).toBe('2026-12-01')
  return issueId
}

const reason = '需等待第三方监测报告'

/** The desk clerk records it; the leader approves by typing their own PIN at the desk. */
const byLeader = () => ({ approverId: f.leader.id, approverPin: FIXTURE_LEADER_PIN })

describe('延期', () => {
  it('is approved by a supervisor or a leader', async () => {
    const issueId = await handedOver()
    const d = await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-08', ...byLeader(), reason })
    expect(d.dueDate).toBe('2026-12-08')
    expect(d.timeline.at(-1)?.title).toBe('延期：2026-12-01 → 2026-12-08（批准人：李建国）')
  })

  it('refuses the desk clerk as approver, and changes nothing', async () => {
    const issueId = await handedOver()
    await expectNothingChanged(
      t,
      () => extendIssue(t.ctx, { issueId, newDueDate: '2026-12-08', approverId: f.desk.id, reason }),
      /延期须由负责人或局领导批准，“王晓丽”不是负责人或局领导/,
    )
  })

  it('refuses a new deadline on a Sunday', async () => {
    const issueId = await handedOver()
    await expectNothingChanged(
      t,
      () => extendIssue(t.ctx, { issueId, newDueDate: '2026-12-06', ...byLeader(), reason }),
      /2026-12-06 不是工作日/,
    )
  })

  it('refuses more extensions than 设置 allows', async () => {
    const issueId = await handedOver()
    await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-02', ...byLeader(), reason })
    await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-03', ...byLeader(), reason })
    await expectNothingChanged(
      t,
      () => extendIssue(t.ctx, { issueId, newDueDate: '2026-12-04', ...byLeader(), reason }),
      /已延期 2 次，按本局设置最多延期 2 次/,
    )
  })

  it('refuses a deadline past the ceiling counted in working days from the first deadline', async () => {
    const issueId = await handedOver()
    actAs(t, f.leader)
    await updateCaseRules(t.ctx, { extensionCeilingWorkdays: 5 })
    // 2026-12-01 (Tuesday) + 5 working days = 2026-12-08 (Tuesday).
    await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-03', ...byLeader(), reason })
    await expectNothingChanged(
      t,
      () => extendIssue(t.ctx, { issueId, newDueDate: '2026-12-09', ...byLeader(), reason }),
      /不能晚于 2026-12-08（最初时限 2026-12-01 后 5 个工作日）/,
    )
    expect((await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-08', ...byLeader(), reason })).dueDate).toBe('2026-12-08')
  })

  it('takes a leader who is not a supervisor as approver', async () => {
    const issueId = await handedOver()
    actAs(t, f.leader)
    const deputy = await saveStaff(t.ctx, { name: '孙副局长', role: 'desk', isLeader: true })
    await setStaffPin({ ...t.ctx, actor: actorOf(deputy) }, { staffId: deputy.id, pin: '7531' })
    actAs(t, f.desk)
    const d = await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-08', approverId: deputy.id, approverPin: '7531', reason })
    expect(d.dueDate).toBe('2026-12-08')
  })

  it('records an extension granted after the deadline as 超期后延期, and still counts the issue overdue', async () => {
    const issueId = await handedOver()
    t.clock.set('2026-12-03 09:00:00')
    const d = await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-10', ...byLeader(), reason })
    expect(d.caseFile.lateExtensionCount).toBe(1)
    expect(d.timeline.at(-1)?.title).toBe('超期后延期：2026-12-01 → 2026-12-10（批准人：李建国）')
    t.clock.set('2026-12-04 09:00:00')
    const resolved = await resolveIssue(t.ctx, { issueId, result: '已整改', date: '2026-12-04' })
    // Resolved before the extended date, and yet not 按期: the first deadline had passed.
    expect(resolved).toMatchObject({ resolvedDate: '2026-12-04', dueDate: '2026-12-10' })
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-12-04')
    expect(s).toMatchObject({ issuesResolved: 1, issuesResolvedOnTime: 0, onTimeRate: 0 })
    expect(s.caseFile?.lateExtensions).toBe(0)
    expect((await monthlySummary(t.ledger.db, '2026-12', '2026-12-04')).caseFile?.lateExtensions).toBe(1)
  })

  it('counts an issue extended before its deadline and resolved by the new date as on time', async () => {
    const issueId = await handedOver()
    t.clock.set('2026-12-01 09:00:00')
    await extendIssue(t.ctx, { issueId, newDueDate: '2026-12-10', ...byLeader(), reason })
    await resolveIssue(t.ctx, { issueId, result: '已整改', date: '2026-12-01' })
    expect(await monthlySummary(t.ledger.db, '2026-11', '2026-12-01')).toMatchObject({ issuesResolvedOnTime: 1, onTimeRate: 100 })
  })
})
