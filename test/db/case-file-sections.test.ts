import { describe, expect, it } from 'vitest'
import { addProgress, assignIssue, rejectIssue, transferIssue } from '../../db/issues/actions'
import { getIssueDetail } from '../../db/issues/detail'
import { returnSection, signSection } from '../../db/issues/sections'
import type { IssueDetail } from '../../shared/types'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { expectNothingChanged } from '../support/nothing-changed'
import { actAs, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

const dep = (name: string) => {
  const d = f.departments.find((x) => x.name === name)
  if (!d) throw new Error(`no section ${name}`)
  return d.id
}

/** An issue handed to 大气环境股 with 执法大队 assisting. */
async function handedOver(): Promise<IssueDetail> {
  const day = await openDay(t, f, '2026-11-10')
  const { issueId } = await acceptIssue(t, f, day.id)
  return assignIssue(t.ctx, {
    issueId,
    departmentId: dep('大气环境股'),
    assigneeId: f.handler.id,
    assistDepartmentIds: [dep('生态环境保护综合行政执法大队')],
  })
}

const section = (d: IssueDetail, role: 'lead' | 'assist') => {
  const s = d.caseFile.sections.find((x) => x.role === role && (x.status === 'pending' || x.status === 'signed'))
  if (!s) throw new Error(`no live ${role} section`)
  return s
}

describe('主办 and 协办', () => {
  it('hands the issue to a lead section and the sections assisting it, each waiting for its 签收', async () => {
    const d = await handedOver()
    expect(d.departmentName).toBe('大气环境股')
    expect(d.caseFile.sections.map((s) => [s.departmentName, s.role, s.status])).toEqual([
      ['大气环境股', 'lead', 'pending'],
      ['生态环境保护综合行政执法大队', 'assist', 'pending'],
    ])
    expect(d.allowedActions).toContain('sign')
  })

  it('refuses a 协办 section that is the 主办 section, and changes nothing', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await expectNothingChanged(
      t,
      () => assignIssue(t.ctx, { issueId, departmentId: dep('大气环境股'), assistDepartmentIds: [dep('大气环境股')] }),
      /协办股室不能与主办股室相同/,
      ['issues', 'issue_sections'],
    )
  })

  it('records a section’s 签收 with the day and who signed, and counts the time from 交办 all the same', async () => {
    const d = await handedOver()
    t.clock.set('2026-11-12 09:00:00')
    const after = await signSection(t.ctx, { issueId: d.id, sectionId: section(d, 'lead').id, signerId: f.handler.id, date: '2026-11-11' })
    expect(section(after, 'lead')).toMatchObject({ status: 'signed', signedDate: '2026-11-11', signerName: '赵刚' })
    expect(after.dueDate).toBe(d.dueDate)
    expect(after.status).toBe('assigned')
    expect(after.timeline.at(-1)?.title).toBe('签收：大气环境股（主办），签收人 赵刚，2026-11-11')
  })

  it('keeps a section’s 签收 when the issue is reassigned with the same lead section, and withdraws the dropped 协办', async () => {
    const d = await handedOver()
    await signSection(t.ctx, { issueId: d.id, sectionId: section(d, 'lead').id })
    const again = await assignIssue(t.ctx, { issueId: d.id, departmentId: dep('大气环境股'), leaderId: f.leader.id })
    expect(again.caseFile.sections.map((s) => [s.departmentName, s.status])).toEqual([
      ['大气环境股', 'signed'],
      ['生态环境保护综合行政执法大队', 'withdrawn'],
    ])
  })

  it('refuses a second answer from a section that has signed', async () => {
    const d = await handedOver()
    await signSection(t.ctx, { issueId: d.id, sectionId: section(d, 'lead').id })
    await expectNothingChanged(
      t,
      () => returnSection(t.ctx, { issueId: d.id, sectionId: section(d, 'lead').id, reason: '不属本股' }),
      /已是“已签收”，不能再签收或退回/,
      ['issues', 'issue_sections'],
    )
  })

  it('refuses a 签收 dated before the handover or after today', async () => {
    const d = await handedOver()
    const sectionId = section(d, 'lead').id
    await expectNothingChanged(
      t,
      () => signSection(t.ctx, { issueId: d.id, sectionId, date: '2026-11-09' }),
      /不能早于交办日期（2026-11-10）/,
      ['issues', 'issue_sections'],
    )
    await expectNothingChanged(t, () => signSection(t.ctx, { issueId: d.id, sectionId, date: '2026-11-30' }), /不能晚于今天/, [
      'issues',
      'issue_sections',
    ])
  })

  it('refuses a 签收 for another issue’s handover', async () => {
    const d = await handedOver()
    const day = await openDay(t, f, '2026-11-10')
    const other = await acceptIssue(t, f, day.id, '另一个问题')
    await assignIssue(t.ctx, { issueId: other.issueId, departmentId: dep('水生态环境股') })
    await expectNothingChanged(
      t,
      () => signSection(t.ctx, { issueId: other.issueId, sectionId: section(d, 'lead').id }),
      /没有这一交办记录/,
      ['issues', 'issue_sections'],
    )
  })

  it('puts the issue back to 已受理 when the lead section sends it back, with the reason in its history', async () => {
    const d = await handedOver()
    const back = await returnSection(t.ctx, { issueId: d.id, sectionId: section(d, 'lead').id, reason: '属水污染，应由水生态环境股办理' })
    expect(back).toMatchObject({ status: 'accepted', departmentId: null, assigneeId: null })
    expect(back.caseFile.sections.map((s) => [s.departmentName, s.status, s.returnReason])).toEqual([
      ['大气环境股', 'returned', '属水污染，应由水生态环境股办理'],
      ['生态环境保护综合行政执法大队', 'withdrawn', null],
    ])
    const history = await t.ledger.db.selectFrom('issue_history').selectAll().where('issue_id', '=', d.id).orderBy('id').execute()
    expect(history.at(-1)).toMatchObject({
      action: 'return',
      from_status: 'assigned',
      to_status: 'accepted',
      reason: '属水污染，应由水生态环境股办理',
    })
    // Reassigned to the right section, it starts a new handover.
    const right = await assignIssue(t.ctx, { issueId: d.id, departmentId: dep('水生态环境股') })
    expect(section(right, 'lead')).toMatchObject({ departmentName: '水生态环境股', status: 'pending' })
  })

  it('leaves the lead section’s work where it is when an assisting section sends its part back', async () => {
    const d = await handedOver()
    await addProgress(t.ctx, { issueId: d.id, note: '已现场核查' })
    const back = await returnSection(t.ctx, { issueId: d.id, sectionId: section(d, 'assist').id, reason: '无需执法' })
    expect(back.status).toBe('in_progress')
    expect(back.departmentName).toBe('大气环境股')
    expect(back.timeline.at(-1)).toMatchObject({ title: '协办股室退回：生态环境保护综合行政执法大队', text: '无需执法' })
  })

  it('refuses 签收 before any handover', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    const d = await getIssueDetail(t.ledger.db, issueId, '2026-11-10')
    expect(d.allowedActions).not.toContain('sign')
    await expectNothingChanged(t, () => signSection(t.ctx, { issueId, sectionId: 1 }), /当前为“已受理”，不能签收/, [
      'issues',
      'issue_sections',
    ])
  })

  it('offers no 签收 once every section has answered', async () => {
    const d = await handedOver()
    await signSection(t.ctx, { issueId: d.id, sectionId: section(d, 'lead').id })
    const after = await signSection(t.ctx, { issueId: d.id, sectionId: section(d, 'assist').id })
    expect(after.allowedActions).not.toContain('sign')
    expect(after.allowedActions).not.toContain('return')
  })
})

describe('转办 and 不予受理 after 交办', () => {
  it('lets a supervisor transfer an issue a section holds, withdrawing the handovers', async () => {
    const d = await handedOver()
    actAs(t, f.leader)
    const after = await transferIssue(t.ctx, { issueId: d.id, to: '县城市管理局', reason: '经核实属餐饮油烟' })
    expect(after.status).toBe('transferred')
    expect(after.caseFile.sections.every((s) => s.status === 'withdrawn')).toBe(true)
  })

  it('lets a supervisor refuse an issue in hand', async () => {
    const d = await handedOver()
    await addProgress(t.ctx, { issueId: d.id, note: '已了解' })
    actAs(t, f.leader)
    expect((await rejectIssue(t.ctx, { issueId: d.id, reason: '已进入诉讼程序' })).status).toBe('rejected')
  })

  it('refuses the desk clerk a 不予受理 after 交办, and changes nothing', async () => {
    const d = await handedOver()
    await expectNothingChanged(t, () => rejectIssue(t.ctx, { issueId: d.id, reason: '不属职责' }), /已交办，不予受理须由负责人/, [
      'issues',
      'issue_sections',
    ])
  })
})
