import { describe, expect, it } from 'vitest'
import { LedgerError } from '../../db/core/errors'
import type { Ledger } from '../../db/core/open'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { changeProcedure, replyToReferral } from '../../db/issues/procedure'
import { listIssues } from '../../db/issues/queries'
import { listSources, saveSource } from '../../db/issues/source'
import { registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from '../support/desk'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { asSupervisor, detailOf, registerMatter } from '../support/petitions'
import { refused } from '../support/refusals'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

async function sourceId(name: string): Promise<number> {
  const s = (await listSources(t.ctx.db)).find((x) => x.name === name)
  if (!s) throw new Error(`no source ${name}`)
  return s.id
}

async function unchanged(work: () => Promise<unknown>): Promise<LedgerError> {
  const before = await tableCounts(t)
  const e = await refused(work())
  expect(await tableCounts(t)).toEqual(before)
  return e
}

describe('来源', () => {
  it('starts with the ten sources of the office, each of its own kind', async () => {
    expect((await listSources(t.ctx.db)).map((s) => [s.name, s.kind])).toEqual([
      ['现场接待', 'desk'],
      ['来电', 'phone'],
      ['来信', 'letter'],
      ['网上', 'online'],
      ['12345', 'hotline_12345'],
      ['12369', 'hotline_12369'],
      ['上级交办', 'superior'],
      ['信访局转办', 'petition_bureau'],
      ['人大建议·政协提案', 'deputies'],
      ['其他', 'other'],
    ])
  })

  it('takes the source from the channel when the desk chooses none: 现场接待 at the desk, 来信 for a letter', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(
      t.ctx,
      residentVisit(day.id, { matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '烟囱冒黑烟' }] }),
    )
    const desk = await detailOf(t, v.matters[0]?.issueId ?? 0)
    expect(desk.intake).toMatchObject({ sourceName: '现场接待', sourceKind: 'desk', procedure: 'general', sourceRef: null })
    const letter = await registerMatter(t, f, { date: '2026-11-10', channel: 'letter' })
    expect(letter.detail.intake).toMatchObject({ sourceName: '来信', procedure: 'general' })
  })

  it('suggests the procedure from the source: 信访局转办 is a 信访事项, 12345 a 转办件 with the hotline’s dates', async () => {
    const petition = await registerMatter(t, f, {
      date: '2026-11-10',
      intake: { sourceId: await sourceId('信访局转办'), sourceRef: '县信转〔2026〕112号', sourceBody: '县信访局' },
    })
    expect(petition.detail.intake).toMatchObject({ procedure: 'petition', sourceRef: '县信转〔2026〕112号', sourceBody: '县信访局' })
    expect(petition.detail.dueDate).toBe('2026-11-25')

    const hotline = await registerMatter(t, f, {
      date: '2026-11-10',
      channel: 'phone',
      intake: {
        sourceId: await sourceId('12345'),
        sourceRef: 'GD20261110-0457',
        sourceBody: '县12345政务服务便民热线',
        referralDueDate: '2026-11-17',
        referralReplyBy: '2026-11-18',
      },
    })
    expect(hotline.detail.procedure).toBe('referral')
    expect(hotline.detail.dueDate).toBe('2026-11-17')
    expect(hotline.detail.intake.referral).toMatchObject({ dueOn: '2026-11-17', replyBy: '2026-11-18', repliedOn: null, canReply: false })
    expect(hotline.detail.intake.deadlines.map((d) => d.rule)).toEqual([
      '转办时限：县12345政务服务便民热线要求2026-11-17前办结',
      '转办回复：2026-11-18前回复县12345政务服务便民热线',
    ])
  })

  it('refuses a 工单号 on a 现场接待 matter and saves nothing', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const e = await unchanged(() =>
      registerVisit(
        t.ctx,
        residentVisit(day.id, {
          matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '烟囱冒黑烟', intake: { sourceRef: 'GD-001' } }],
        }),
      ),
    )
    expect(e.message).toMatch(/第1项问题：现场接待的事项没有工单号或文号/)
  })

  it('refuses a 转办件 without the transferring body’s deadline, or with one before the registration', async () => {
    const hotline = await sourceId('12345')
    const e = await unchanged(() => registerMatter(t, f, { date: '2026-11-10', channel: 'phone', intake: { sourceId: hotline } }))
    expect([e.code, e.message]).toEqual(['required', '第1项问题：转办件请填写转办单位要求的办结时限'])
    const early = await unchanged(() =>
      registerMatter(t, f, { date: '2026-11-10', channel: 'phone', intake: { sourceId: hotline, referralDueDate: '2026-11-09' } }),
    )
    expect(early.message).toMatch(/转办时限不能早于登记日期/)
  })

  it('finds an issue by its 工单号 or its transferring body from the ledger’s text filter', async () => {
    const a = await registerMatter(t, f, {
      date: '2026-11-10',
      channel: 'phone',
      intake: {
        sourceId: await sourceId('12369'),
        sourceRef: 'HB2026110045',
        sourceBody: '市生态环境局12369',
        referralDueDate: '2026-11-20',
      },
    })
    await registerMatter(t, f, { date: '2026-11-10', content: '另一件来信，没有工单号' })
    const byRef = await listIssues(t.ctx.db, { text: 'HB2026110045' }, '2026-11-10')
    expect(byRef.rows.map((r) => r.number)).toEqual([a.number])
    const byBody = await listIssues(t.ctx.db, { text: '市生态环境局' }, '2026-11-10')
    expect(byBody.rows.map((r) => r.number)).toEqual([a.number])
    // Two characters go by LIKE over the sources' own small index.
    const short = await listIssues(t.ctx.db, { text: '45' }, '2026-11-10')
    expect(short.rows.map((r) => r.number)).toEqual([a.number])
    expect((await listIssues(t.ctx.db, { procedure: 'referral' }, '2026-11-10')).total).toBe(1)
  })

  it('lets the office add, rename and stop a source; a stopped one is refused at registration', async () => {
    const added = await saveSource(t.ctx, { name: '市长信箱', kind: 'online', sortOrder: 4 })
    expect(added).toMatchObject({ name: '市长信箱', kind: 'online', active: true })
    await expect(refused(saveSource(t.ctx, { name: '来信', kind: 'letter' }))).resolves.toMatchObject({ code: 'duplicate' })
    await saveSource(t.ctx, { id: added.id, name: '市长信箱', kind: 'online', active: false })
    const e = await unchanged(() => registerMatter(t, f, { date: '2026-11-10', channel: 'online', intake: { sourceId: added.id } }))
    expect(e.message).toMatch(/来源“市长信箱”已停用/)
  })
})

describe('办理程序 after registration', () => {
  it('lets a 负责人 change it with a reason, kept in the history, the deadline following the new procedure', async () => {
    const p = await registerMatter(t, f, { date: '2026-11-10' })
    expect(p.detail.dueDate).toBe('2026-12-01')
    const e = await unchanged(() => changeProcedure(t.ctx, { issueId: p.issueId, procedure: 'petition', reason: '来信人要求按信访办理' }))
    expect(e.code).toBe('forbidden')
    await asSupervisor(t, f, () => changeProcedure(t.ctx, { issueId: p.issueId, procedure: 'petition', reason: '来信人要求按信访办理' }))
    const d = await detailOf(t, p.issueId)
    expect(d.procedure).toBe('petition')
    expect(d.dueDate).toBe('2026-11-25')
    expect(d.intake.petition?.stage).toBe('registered')
    const change = d.timeline.find((x) => x.title.startsWith('变更办理程序'))
    expect(change).toMatchObject({ text: '来信人要求按信访办理', title: '变更办理程序：一般问题 → 信访事项，时限 2026-12-01 → 2026-11-25' })
  })

  it('refuses a change to a closed matter, and a change to what it already is', async () => {
    const p = await registerMatter(t, f, { date: '2026-11-10' })
    const same = await unchanged(() =>
      asSupervisor(t, f, () => changeProcedure(t.ctx, { issueId: p.issueId, procedure: 'general', reason: '无' })),
    )
    expect(same.message).toMatch(/已是“一般问题”/)
    await assignIssue(t.ctx, { issueId: p.issueId, departmentId: f.departments[2]!.id })
    await resolveIssue(t.ctx, { issueId: p.issueId, result: '已答复' })
    const done = await unchanged(() =>
      asSupervisor(t, f, () => changeProcedure(t.ctx, { issueId: p.issueId, procedure: 'petition', reason: '补' })),
    )
    expect(done.message).toMatch(/当前为“已办结”，不能变更办理程序/)
  })
})

describe('转办件', () => {
  it('records the reply sent back once the matter is done, on time against the reply-by date', async () => {
    const p = await registerMatter(t, f, {
      date: '2026-11-10',
      channel: 'phone',
      intake: { sourceId: await sourceId('12345'), sourceRef: 'GD20261110-0457', referralDueDate: '2026-11-17' },
    })
    const early = await unchanged(() => replyToReferral(t.ctx, { issueId: p.issueId, method: 'online', text: '正在处理' }))
    expect(early.message).toMatch(/办结后再回复转办单位/)
    await assignIssue(t.ctx, { issueId: p.issueId, departmentId: f.departments[5]!.id })
    t.clock.set('2026-11-16 10:00:00')
    await resolveIssue(t.ctx, { issueId: p.issueId, result: '已责令企业整改' })
    await replyToReferral(t.ctx, { issueId: p.issueId, method: 'online', text: '已核实并责令整改，已电话告知来电人' })
    const d = await detailOf(t, p.issueId)
    expect(d.intake.referral).toMatchObject({ repliedOn: '2026-11-16', replyMethod: 'online', canReply: false })
    expect(d.intake.deadlines.map((x) => x.state)).toEqual(['met', 'met'])
    const again = await unchanged(() => replyToReferral(t.ctx, { issueId: p.issueId, method: 'online', text: '再次回复' }))
    expect(again.code).toBe('already_replied')
  })
})
