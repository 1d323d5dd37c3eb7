import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { organizationHistory, visitorHistory } from '../../db/directory/history'
import { findReturning } from '../../db/directory/match'
import { closeSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { acceptIssue, openDay, residentVisit } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actorOf, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'
import { saveStaff } from '../../db/reference/reference'

const execFileAsync = promisify(execFile)

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

// 91350100M000100Y43 is a published valid code; the second is built from it with a fresh check digit.
const CODE_A = '91350100M000100Y43'

describe('registering a visit', () => {
  it('tells a clerk deactivated since signing in that they are, not that the day has ended', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const clerk = { ...t.ctx, actor: actorOf(f.desk) }
    await closeSession(t.ctx, day.id)
    await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { id: f.desk.id, name: f.desk.name, active: false })
    const before = await tableCounts(t)
    const e = await refused(registerVisit(clerk, residentVisit(day.id)))
    expect(e.message).toBe(`“${f.desk.name}”已停用，不能再以其名义修改台账，请重新选择值班人员`)
    expect(await tableCounts(t)).toEqual(before)
  })

  it('saves an enterprise visitor with a consultation and an accepted issue in one visit', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(t.ctx, {
      sessionId: day.id,
      visitor: { name: '陈志强', phone: '0591-87654321', kind: 'enterprise' },
      organization: { name: '福州闽江化工有限公司', creditCode: CODE_A },
      headcount: 3,
      matters: [
        {
          type: 'consultation',
          categoryId: f.category('排污许可').id,
          content: '排污许可证延续需要哪些材料',
          answer: '已发放材料清单，可网上办理',
        },
        { type: 'issue', categoryId: f.category('环评审批').id, content: '扩建项目环评审批进度', place: '马尾园区' },
      ],
    })
    expect(v.headcount).toBe(3)
    expect(v.organizationName).toBe('福州闽江化工有限公司')
    expect(v.visitorPhone).toBe('0591****4321')
    expect(v.matters.map((m) => [m.type, m.issueNumber])).toEqual([
      ['consultation', null],
      ['issue', 'JD-2026-11-0001'],
    ])
    const issue = await t.ledger.db.selectFrom('issues').selectAll().executeTakeFirstOrThrow()
    // 环评审批 has 20 working days; from Tue 2026-11-10 that is Tue 2026-12-08.
    expect(issue).toMatchObject({ status: 'accepted', accepted_date: '2026-11-10', due_date: '2026-12-08', first_contact_id: f.desk.id })
  })

  it('refuses a visit to a session that has not been opened and saves nothing', async () => {
    t.clock.set('2026-11-10 08:00:00')
    const planned = await planSession(t.ctx, { date: '2026-11-12', kind: 'public', location: '接待室' })
    const before = await tableCounts(t)
    const e = await refused(registerVisit(t.ctx, residentVisit(planned.id)))
    expect(e.code).toBe('session_not_open')
    expect(e.message).toMatch(/尚未开始/)
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses a visit to a closed session', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await closeSession(t.ctx, day.id)
    expect((await refused(registerVisit(t.ctx, residentVisit(day.id)))).message).toMatch(/已结束/)
  })

  it('refuses a wrong credit code check digit and saves nothing of the visit', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const before = await tableCounts(t)
    const e = await refused(
      registerVisit(t.ctx, residentVisit(day.id, { organization: { name: '某公司', creditCode: '91350100M000100Y44' } })),
    )
    expect(e.code).toBe('invalid_credit_code')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses an invalid phone, an invalid ID number and a consultation without an answer', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const before = await tableCounts(t)
    expect(
      (await refused(registerVisit(t.ctx, residentVisit(day.id, { visitor: { name: '张三', phone: '1381234567', kind: 'resident' } }))))
        .code,
    ).toBe('invalid_phone')
    expect(
      (
        await refused(
          registerVisit(t.ctx, residentVisit(day.id, { visitor: { name: '张三', idNumber: '110101199003071235', kind: 'resident' } })),
        )
      ).code,
    ).toBe('invalid_id_number')
    expect(
      (
        await refused(
          registerVisit(
            t.ctx,
            residentVisit(day.id, { matters: [{ type: 'consultation', categoryId: 1, content: '问题', answer: '  ' }] }),
          ),
        )
      ).message,
    ).toBe('请填写第1项咨询的答复')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('numbers the issues of one visit in the order they were entered, each on its own matter, after the month’s last', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const earlier = await acceptIssue(t, f, day.id)
    const issue = (content: string) => ({ type: 'issue' as const, categoryId: f.category('大气').id, content, place: '城东工业园' })
    const v = await registerVisit(
      t.ctx,
      residentVisit(day.id, {
        matters: [
          issue('化工园区夜间有刺鼻气味'),
          { type: 'consultation', categoryId: f.category('排污许可').id, content: '排污许可证延续需要哪些材料', answer: '已发放材料清单' },
          issue('河道有黑色污水排入'),
          issue('夜间施工噪声扰民'),
        ],
      }),
    )
    expect(earlier.number).toBe('JD-2026-11-0001')
    expect(v.matters.map((m) => [m.content, m.issueNumber])).toEqual([
      ['化工园区夜间有刺鼻气味', 'JD-2026-11-0002'],
      ['排污许可证延续需要哪些材料', null],
      ['河道有黑色污水排入', 'JD-2026-11-0003'],
      ['夜间施工噪声扰民', 'JD-2026-11-0004'],
    ])
    const stored = await t.ledger.db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .select(['i.number', 'm.content', 'm.type'])
      .where('m.visit_id', '=', v.id)
      .orderBy('i.seq')
      .execute()
    expect(stored).toEqual([
      { number: 'JD-2026-11-0002', content: '化工园区夜间有刺鼻气味', type: 'issue' },
      { number: 'JD-2026-11-0003', content: '河道有黑色污水排入', type: 'issue' },
      { number: 'JD-2026-11-0004', content: '夜间施工噪声扰民', type: 'issue' },
    ])
  })

  it('numbers issues per month without gaps and starts again at 0001 in a new month', async () => {
    const nov = await openDay(t, f, '2026-11-27')
    const a = await acceptIssue(t, f, nov.id)
    const b = await acceptIssue(t, f, nov.id)
    const dec = await openDay(t, f, '2026-12-02')
    const c = await acceptIssue(t, f, dec.id)
    expect([a.number, b.number, c.number]).toEqual(['JD-2026-11-0001', 'JD-2026-11-0002', 'JD-2026-12-0001'])
  })

  it('hands out distinct consecutive numbers when two processes register at the same time', async () => {
    // Today's date so the workers' real clocks agree with the session's.
    const date = dayjs().format('YYYY-MM-DD')
    const day = await openDay(t, f, date)
    const worker = path.join(import.meta.dirname, '../support/register-worker.ts')
    const run = () =>
      execFileAsync(process.execPath, ['--import', 'tsx', worker, t.file, String(day.id), '15', String(f.category('水').id)])
    const outputs = await Promise.all([run(), run(), run()])
    const acked = outputs.flatMap((o) =>
      o.stdout
        .split('\n')
        .filter((l) => l.startsWith('ack '))
        .map((l) => l.slice(4)),
    )
    const ym = date.slice(0, 7)
    expect(acked.sort()).toEqual(Array.from({ length: 45 }, (_, i) => `JD-${ym}-${String(i + 1).padStart(4, '0')}`))
    const stored = await t.ledger.db.selectFrom('issues').select('number').orderBy('number').execute()
    expect(stored.map((r) => r.number)).toEqual(acked)
  })
})

describe('recognising a returning visitor or enterprise', () => {
  it('reuses the same person when the phone and name match, and finds them by phone', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, residentVisit(day.id))
    await acceptIssue(t, f, day.id)
    const found = await findReturning(t.ctx, '138 1234')
    expect(found.visitors).toHaveLength(1)
    expect(found.visitors[0]).toMatchObject({
      name: '张桂芳',
      phone: '138****5678',
      visitCount: 2,
      openIssueCount: 1,
      lastVisitDate: '2026-11-10',
    })
    const history = await visitorHistory(t.ctx, found.visitors[0]!.id)
    expect(history.visits).toHaveLength(2)
    expect(history.openIssues.map((i) => i.number)).toEqual(['JD-2026-11-0001'])
  })

  it('finds an enterprise by credit code and by part of its name, with its history', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await registerVisit(
      t.ctx,
      residentVisit(day.id, {
        visitor: { name: '陈志强', kind: 'enterprise' },
        organization: { name: '福州闽江化工有限公司', creditCode: CODE_A },
      }),
    )
    // A second visit typed with only the code (lower case, full-width digits) is the same enterprise.
    await registerVisit(
      t.ctx,
      residentVisit(day.id, {
        visitor: { name: '林小红', kind: 'enterprise' },
        organization: { name: '闽江化工', creditCode: '９１３５０１００m０００１００y４３' },
      }),
    )
    expect(await t.ledger.db.selectFrom('organizations').select('id').execute()).toHaveLength(1)
    const byCode = await findReturning(t.ctx, CODE_A)
    const byName = await findReturning(t.ctx, '闽江')
    expect(byCode.organizations.map((o) => o.visitCount)).toEqual([2])
    expect(byName.organizations.map((o) => o.id)).toEqual(byCode.organizations.map((o) => o.id))
    const h = await organizationHistory(t.ctx, byCode.organizations[0]!.id)
    expect(h.visitors.map((p) => p.name).sort()).toEqual(['林小红', '陈志强'])
    expect(h.visits).toHaveLength(2)
  })

  it('counts every visit and person-time in a long history, though it lists only the newest 200', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const visit = residentVisit(day.id, {
      visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
      organization: { name: '福州闽江化工有限公司', creditCode: CODE_A },
      headcount: 2,
    })
    for (let n = 0; n < 203; n++) await registerVisit(t.ctx, visit)
    const visitorId = (await findReturning(t.ctx, '13912345678')).visitors[0]!.id
    const person = await visitorHistory(t.ctx, visitorId)
    expect([person.visits.length, person.visitCount, person.personTimes]).toEqual([200, 203, 406])
    const enterprise = await organizationHistory(t.ctx, (await findReturning(t.ctx, CODE_A)).organizations[0]!.id)
    expect([enterprise.visits.length, enterprise.visitCount, enterprise.personTimes]).toEqual([200, 203, 406])
  })

  it('does not merge two different people who share a name but not a phone', async () => {
    const day = await openDay(t, f, '2026-11-10')
    await registerVisit(t.ctx, residentVisit(day.id, { visitor: { name: '王伟', phone: '13900001111', kind: 'resident' } }))
    await registerVisit(t.ctx, residentVisit(day.id, { visitor: { name: '王伟', phone: '13900002222', kind: 'resident' } }))
    expect((await findReturning(t.ctx, '王伟')).visitors).toHaveLength(2)
  })
})
