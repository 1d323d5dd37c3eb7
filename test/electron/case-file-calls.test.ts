import { describe, expect, it } from 'vitest'
import { assignIssue } from '../../db/issues/actions'
import { getIssueDetail } from '../../db/issues/detail'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { GREEN_RIVER, registerComplaint, seedLocalities } from '../support/case-file'
import { openDay } from '../support/desk'
import { atVersion, withVersion, appState, data } from '../support/dispatch'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
let desk: AppState
seededLedgerPerTest('2026-11-10 08:00:00', (s) => {
  ;({ t, f } = s)
  desk = appState(t, actorOf(s.f.desk))
})

/** A refusal through dispatch: its code and Chinese message, with every table as it was. */
async function refusedCall(state: AppState, key: string, input: unknown): Promise<{ code: string; message: string }> {
  const before = await tableCounts(t)
  const r = await dispatch(state, key, await withVersion(state, key, input))
  expect(await tableCounts(t)).toEqual(before)
  if (r.ok) throw new Error(`${key} was not refused`)
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
  return r.error
}

describe('the case file through dispatch', () => {
  it('registers an issue with its 被反映对象 and 属地, and warns of the earlier one while typing', async () => {
    const [town] = await seedLocalities(t)
    const day = await openDay(t, f, '2026-11-10')
    const earlier = await registerComplaint(t, f, day.id, { localityId: town!.id })
    const orgId = (await getIssueDetail(t.ledger.db, earlier.issueId, '2026-11-10')).caseFile.subject?.organizationId
    const shown = data(
      await dispatch(desk, 'issue-repeat-candidates', { categoryId: f.category('大气').id, subjectName: GREEN_RIVER.name }),
    )
    expect(shown).toMatchObject({ windowDays: 90, rows: [{ id: earlier.issueId, number: earlier.number, matchedBy: ['subject'] }] })
    const visit = data(
      await dispatch(desk, 'visit-register', {
        sessionId: day.id,
        visitor: { name: '李四', kind: 'resident' },
        headcount: 1,
        matters: [
          {
            type: 'issue',
            categoryId: f.category('大气').id,
            content: '仍在夜间排放',
            subject: { id: orgId, name: GREEN_RIVER.name },
            localityId: town!.id,
            repeatOfId: earlier.issueId,
          },
        ],
      }),
    )
    expect(visit).toMatchObject({ matters: [{ issueNumber: 'JD-2026-11-0002' }] })
    const list = data(await dispatch(desk, 'issue-list', { localityId: town!.id, subjectOrganizationId: orgId }))
    expect(list).toMatchObject({ total: 2, rows: [{ localityName: '城关镇', subjectName: GREEN_RIVER.name }, { localityName: '城关镇' }] })
  })

  it('refuses a new issue without a 属地 once the list exists', async () => {
    await seedLocalities(t)
    const day = await openDay(t, f, '2026-11-10')
    const e = await refusedCall(desk, 'visit-register', {
      sessionId: day.id,
      visitor: { name: '李四', kind: 'resident' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '异味' }],
    })
    expect(e).toEqual({ code: 'required', message: '请选择第1项问题的属地（乡镇、街道）' })
  })

  it('hands over to a lead and an assisting section, records a 签收 and a 退回', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    const [lead, assist] = [f.departments[2]!, f.departments[5]!]
    const d = data(
      await dispatch(desk, 'issue-assign', await atVersion(desk, { issueId, departmentId: lead.id, assistDepartmentIds: [assist.id] })),
    )
    const sections = (await getIssueDetail(t.ledger.db, issueId, '2026-11-10')).caseFile.sections
    expect(d).toMatchObject({ status: 'assigned', caseFile: { sections: [{ role: 'lead' }, { role: 'assist' }] } })
    const signed = data(
      await dispatch(desk, 'issue-section-sign', await atVersion(desk, { issueId, sectionId: sections[1]!.id, signerId: f.handler.id })),
    )
    expect(signed).toMatchObject({ caseFile: { sections: [{ status: 'pending' }, { status: 'signed', signerName: '赵刚' }] } })
    const back = data(
      await dispatch(desk, 'issue-section-return', await atVersion(desk, { issueId, sectionId: sections[0]!.id, reason: '不属本股职责' })),
    )
    expect(back).toMatchObject({ status: 'accepted', departmentId: null })
  })

  it('refuses a 协办 equal to the 主办 in Chinese', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    const lead = f.departments[2]!.id
    expect(await refusedCall(desk, 'issue-assign', { issueId, departmentId: lead, assistDepartmentIds: [lead] })).toEqual({
      code: 'invalid_input',
      message: '协办股室不能与主办股室相同',
    })
  })

  it('resolves with 查实情况 and 处理措施, and refuses a fine of -1 or written as text', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[2]!.id })
    const base = { issueId, result: '立案查处', finding: 'verified' }
    expect(await refusedCall(desk, 'issue-resolve', { ...base, measures: [{ kind: 'penalty', fineYuan: -1 }] })).toEqual({
      code: 'invalid_amount',
      message: '罚款金额不能为负数',
    })
    const text = await refusedCall(desk, 'issue-resolve', { ...base, measures: [{ kind: 'penalty', fineYuan: '五万' }] })
    expect(text.code).toBe('invalid_input')
    expect(text.message).toMatch(/^输入有误：/)
    const d = data(
      await dispatch(desk, 'issue-resolve', await atVersion(desk, { ...base, measures: [{ kind: 'penalty', fineYuan: 50000 }] })),
    )
    expect(d).toMatchObject({ status: 'resolved', caseFile: { finding: 'verified', measures: [{ kind: 'penalty', fineYuan: 50000 }] } })
  })

  it('refuses an extension onto a Sunday, and one the desk clerk approves', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[2]!.id })
    const input = { issueId, newDueDate: '2026-12-06', approverId: f.leader.id, reason: '需监测' }
    expect((await refusedCall(desk, 'issue-extend', input)).message).toBe('新的办结时限 2026-12-06 不是工作日，请选择工作日')
    expect((await refusedCall(desk, 'issue-extend', { ...input, newDueDate: '2026-12-07', approverId: f.desk.id })).code).toBe('forbidden')
  })

  it('keeps 属地 and the case-file rules in 设置, the rules a supervisor’s', async () => {
    const saved = data(await dispatch(desk, 'locality-save', { name: '城关镇' }))
    expect(saved).toMatchObject({ name: '城关镇', active: true })
    expect(data(await dispatch(desk, 'locality-list', {}))).toMatchObject([{ name: '城关镇' }])
    expect(data(await dispatch(desk, 'settings-case-rules', {}))).toEqual({
      repeatWindowDays: 90,
      collectiveHeadcount: 5,
      maxExtensions: 2,
      extensionCeilingWorkdays: 30,
    })
    expect((await refusedCall(desk, 'settings-update-case-rules', { collectiveHeadcount: 10 })).code).toBe('forbidden')
    const leader = appState(t, actorOf(f.leader))
    expect(data(await dispatch(leader, 'settings-update-case-rules', { collectiveHeadcount: 10 }))).toMatchObject({
      collectiveHeadcount: 10,
    })
    expect((await refusedCall(leader, 'settings-update-case-rules', { repeatWindowDays: 0 })).message).toBe(
      '重复件判定天数须为 1 至 3650 的整数',
    )
  })

  it('corrects the 被反映对象 and the category of an issue in hand', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    const d = data(
      await dispatch(desk, 'issue-update-case-file', await atVersion(desk, { issueId, subject: { name: '江南印染有限公司' } })),
    )
    expect(d).toMatchObject({ subjectName: '江南印染有限公司' })
    const c = data(
      await dispatch(
        desk,
        'issue-correct-category',
        await atVersion(desk, { issueId, categoryId: f.category('水').id, reason: '实为废水' }),
      ),
    )
    expect(c).toMatchObject({ categoryName: '水' })
  })
})
