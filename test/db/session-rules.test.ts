import { describe, expect, it } from 'vitest'
import { generateRuleSessions, listSessionRules, saveSessionRule, type SessionRuleInput } from '../../db/sessions/rules'
import { listSessions, planSession, updateSession } from '../../db/sessions/sessions'
import { sessionAppointments } from '../../db/visits/appointments'
import { voidSession } from '../../db/visits/voids'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-12-02 09:00:00', (s) => ({ t, f } = s))

// 苏环办〔2018〕406号: 服务企业接待日 每月第四个星期四，遇节假日顺延至下一个工作日.
const fourthThursday: SessionRuleInput = {
  kind: 'enterprise',
  nth: 'fourth',
  weekday: 'thu',
  holidayShift: 'next_workday',
  location: '政务服务中心生态环境窗口',
  maxBookings: 8,
  maxPeoplePerBooking: 3,
}

async function plannedDates(): Promise<string[]> {
  return (await listSessions(t.ctx.db)).map((s) => s.date).sort()
}

describe('reception days on a rule', () => {
  it('plans the fourth Thursday of each of the next 12 months from 2026-12-02', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    const result = await generateRuleSessions(t.ctx)
    expect(result.sessions.map((s) => s.date)).toEqual([
      '2026-12-24',
      '2027-01-28',
      '2027-02-25',
      '2027-03-25',
      '2027-04-22',
      '2027-05-27',
      '2027-06-24',
      '2027-07-22',
      '2027-08-26',
      '2027-09-23',
      '2027-10-28',
      '2027-11-25',
    ])
    expect(result.added).toBe(12)
    expect(result.sessions[0]).toMatchObject({ kind: 'enterprise', status: 'planned', title: '2026年12月24日服务企业接待日' })
  })

  it('moves a rule day that falls in the 国庆 holiday to the first working day after it', async () => {
    t.clock.set('2026-09-01 09:00:00')
    actAs(t, f.leader)
    // The first Thursday of October 2026 is 10-01, inside 国庆 (10-01 to 10-07); 10-08 is a working day.
    await saveSessionRule(t.ctx, { ...fourthThursday, nth: 'first' })
    const { sessions } = await generateRuleSessions(t.ctx)
    expect(sessions.map((s) => s.date)).toContain('2026-10-08')
    expect(sessions.map((s) => s.date)).not.toContain('2026-10-01')
  })

  it('moves a rule day off 元旦 of a year whose arrangement is not yet entered, on the statutory holidays', async () => {
    actAs(t, f.leader)
    // 2027-01-01, the first Friday, is 元旦 by 《全国年节及纪念日放假办法》; the next working day is Monday 01-04.
    await saveSessionRule(t.ctx, { ...fourthThursday, nth: 'first', weekday: 'fri' })
    const dates = (await generateRuleSessions(t.ctx)).sessions.map((s) => s.date)
    expect(dates).toContain('2027-01-04')
    expect(dates).not.toContain('2027-01-01')
  })

  it('moves a holiday rule day to the working day before it when the rule says 提前', async () => {
    t.clock.set('2026-09-01 09:00:00')
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, { ...fourthThursday, nth: 'first', holidayShift: 'previous_workday' })
    const { sessions } = await generateRuleSessions(t.ctx)
    expect(sessions.map((s) => s.date)).toContain('2026-09-30')
  })

  it('adds nothing when run a second time', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    await generateRuleSessions(t.ctx)
    const before = await tableCounts(t)
    const again = await generateRuleSessions(t.ctx)
    expect(again.added).toBe(0)
    expect(await tableCounts(t)).toEqual(before)
  })

  it('keeps a day already planned on a rule date instead of planning a second one', async () => {
    const existing = await planSession(t.ctx, { date: '2027-01-28', kind: 'enterprise', location: '三楼会议室' })
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    const { added, sessions } = await generateRuleSessions(t.ctx)
    expect(added).toBe(11)
    expect(sessions.map((s) => s.date)).not.toContain('2027-01-28')
    const onThatDay = (await listSessions(t.ctx.db)).filter((s) => s.date === '2027-01-28')
    expect(onThatDay.map((s) => [s.id, s.location])).toEqual([[existing.id, '三楼会议室']])
  })

  it('does not plan again a rule day the desk moved or voided', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    const { sessions } = await generateRuleSessions(t.ctx)
    const [december, january] = sessions
    if (!december || !january) throw new Error('expected generated days')
    await updateSession(t.ctx, december.id, { date: '2026-12-23', kind: 'enterprise', location: december.location })
    await voidSession(t.ctx, { id: january.id, reason: '与全市会议冲突，本月取消' })
    expect((await generateRuleSessions(t.ctx)).added).toBe(0)
    const dates = await plannedDates()
    expect(dates).toContain('2026-12-23')
    expect(dates).not.toContain('2026-12-24')
    expect(dates).not.toContain('2027-01-28')
  })

  it("sets the rule's caps on every day it plans", async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    const { sessions } = await generateRuleSessions(t.ctx)
    for (const s of sessions) {
      expect(await sessionAppointments(t.ctx.db, s.id)).toMatchObject({ maxBookings: 8, maxPeoplePerBooking: 3 })
    }
  })

  it('leaves a generated day editable like any planned day', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    const [first] = (await generateRuleSessions(t.ctx)).sessions
    if (!first) throw new Error('expected a generated day')
    actAs(t, f.desk)
    const moved = await updateSession(t.ctx, first.id, { date: '2026-12-22', kind: 'enterprise', location: '二楼接待室' })
    expect(moved).toMatchObject({ date: '2026-12-22', location: '二楼接待室', status: 'planned' })
  })

  it('refuses a desk user saving a rule or generating days, and changes nothing', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    actAs(t, f.desk)
    const before = await tableCounts(t)
    expect((await refused(saveSessionRule(t.ctx, { ...fourthThursday, nth: 'last' }))).code).toBe('forbidden')
    expect((await refused(generateRuleSessions(t.ctx))).code).toBe('forbidden')
    expect(await tableCounts(t)).toEqual(before)
  })

  it('keeps one rule per kind: saving again replaces it, and lists it in words', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, fourthThursday)
    await saveSessionRule(t.ctx, { ...fourthThursday, nth: 'last', weekday: 'tue', holidayShift: 'none', maxBookings: null })
    expect(await listSessionRules(t.ctx.db)).toMatchObject([
      {
        kind: 'enterprise',
        nth: 'last',
        weekday: 'tue',
        maxBookings: null,
        maxPeoplePerBooking: 3,
        description: '每月最后一个星期二，遇节假日不调整',
      },
    ])
  })

  it('plans nothing for an inactive rule', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, { ...fourthThursday, active: false })
    expect((await generateRuleSessions(t.ctx)).added).toBe(0)
  })

  it('names each day from the title template when the rule has one', async () => {
    actAs(t, f.leader)
    await saveSessionRule(t.ctx, { ...fourthThursday, titleTemplate: '{日期}“企业服务日”' })
    const [first] = (await generateRuleSessions(t.ctx)).sessions
    expect(first?.title).toBe('2026年12月24日“企业服务日”')
  })

  it('refuses a cap outside 1 to 999 with the reason', async () => {
    actAs(t, f.leader)
    const e = await refused(saveSessionRule(t.ctx, { ...fourthThursday, maxBookings: 0 }))
    expect(e.message).toBe('每日预约上限须为 1 至 999 的整数，或留空表示不限')
  })
})
