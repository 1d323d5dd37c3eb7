import { describe, expect, it } from 'vitest'
import { addCalendarDays, daysBetween } from '../../db/calendar/calendar-days'
import { loadCalendar } from '../../db/issues/deadlines'
import { clockState } from '../../db/issues/petition-deadlines'
import { decidePetition, deliverNotice, extendPetition, replyPetition } from '../../db/issues/petition'
import { answerReview, requestReview } from '../../db/issues/petition-reviews'
import { assignIssue, recordCallback } from '../../db/issues/actions'
import { saveCategory, setHolidayOverride } from '../../db/reference/reference'
import { confirmArrangement } from '../../db/calendar/arrangement'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { asSupervisor, detailOf, registerMatter, registerPetition } from '../support/petitions'
import { bySupervisor, type Fixture, type TestLedger } from '../support/temp-ledger'

// The statute's arithmetic, spelled out: calendar days, the start day not counted, holidays not
// skipped. 《信访条例》 art. 22 / 《信访工作条例》: 15 days to decide and tell; 60 days to handle;
// one extension of at most 30; 30 days to ask for 复查 and 30 to answer it, then 复核 alike.

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-09-25 08:00:00', (s) => ({ t, f } = s))

const dueOf = (d: Awaited<ReturnType<typeof detailOf>>, kind: string) => d.intake.deadlines.find((x) => x.kind === kind)

describe('the 信访 clocks', () => {
  it('gives a petition registered on 2026-09-25 until 2026-10-10 to decide and deliver the notice, fifteen calendar days', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    expect(daysBetween('2026-09-25', '2026-10-10')).toBe(15)
    expect(p.detail.dueDate).toBe('2026-10-10')
    expect(dueOf(p.detail, 'notice')).toMatchObject({
      rule: '信访受理告知：登记后15日',
      from: '2026-09-25',
      due: '2026-10-10',
      doneOn: null,
    })
    expect(p.detail.intake.petition?.stage).toBe('registered')
  })

  it('runs the fifteen days straight through the National Day holiday, where a fifteen-working-day limit stops for it', async () => {
    const calendar = await loadCalendar(t.ctx.db)
    // 1–7 October 2026 are the National Day holiday; calendar days count every one of them.
    for (const day of ['2026-10-01', '2026-10-04', '2026-10-07']) expect(calendar.isWorkday(day)).toBe(false)
    const petition = await registerPetition(t, f, '2026-09-25')
    const general = await registerMatter(t, f, { date: '2026-09-25', content: '同一天登记的一般问题' })
    expect(petition.detail.dueDate).toBe('2026-10-10')
    expect(general.detail.dueDate).toBe(calendar.addWorkdays('2026-09-25', 15))
    expect(general.detail.dueDate > '2026-10-10').toBe(true)
  })

  it('gives an accepted petition sixty days from acceptance: accepted 2026-09-28, due 2026-11-27; extended by thirty, 2026-12-27', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    t.clock.set('2026-09-28 10:00:00')
    await decidePetition(t.ctx, {
      issueId: p.issueId,
      decision: 'accept',
      date: '2026-09-28',
      delivery: { date: '2026-09-28', method: 'in_person' },
    })
    let d = await detailOf(t, p.issueId)
    expect(daysBetween('2026-09-28', '2026-11-27')).toBe(60)
    expect(d.dueDate).toBe('2026-11-27')
    expect(dueOf(d, 'handling')).toMatchObject({ rule: '信访办结：受理后60日', from: '2026-09-28', due: '2026-11-27' })
    expect(dueOf(d, 'notice')).toMatchObject({ doneOn: '2026-09-28', state: 'met' })

    t.clock.set('2026-11-20 10:00:00')
    await asSupervisor(t, f, () => extendPetition(t.ctx, { issueId: p.issueId, days: 30, reason: '需第三方检测报告', date: '2026-11-20' }))
    d = await detailOf(t, p.issueId)
    expect(daysBetween('2026-11-27', '2026-12-27')).toBe(30)
    expect(d.dueDate).toBe('2026-12-27')
    expect(dueOf(d, 'handling')).toMatchObject({ rule: '信访办结：受理后60日，延期30日', due: '2026-12-27' })
  })

  it('counts 复查 and 复核 as thirty days to ask from delivery and thirty to answer from the request', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    t.clock.set('2026-09-28 10:00:00')
    await decidePetition(t.ctx, { issueId: p.issueId, decision: 'accept', date: '2026-09-28' })
    await assignIssue(t.ctx, { issueId: p.issueId, departmentId: f.departments[2]!.id })
    t.clock.set('2026-10-20 10:00:00')
    await replyPetition(t.ctx, { issueId: p.issueId, text: '经查，涉事企业已停产整改', delivery: { date: '2026-10-20', method: 'post' } })
    await recordCallback(t.ctx, { issueId: p.issueId, method: 'phone', satisfaction: 'basically_satisfied' })
    let d = await detailOf(t, p.issueId)
    expect(dueOf(d, 'review_request')).toMatchObject({ rule: '复查申请：收到处理意见书后30日内', from: '2026-10-20', due: '2026-11-19' })

    // The thirtieth day is still in time.
    t.clock.set('2026-11-19 10:00:00')
    await requestReview(t.ctx, { issueId: p.issueId, level: 'review', date: '2026-11-19', body: '县人民政府' })
    d = await detailOf(t, p.issueId)
    expect(dueOf(d, 'review_answer')).toMatchObject({
      rule: '复查答复：收到复查请求后30日',
      from: '2026-11-19',
      due: addCalendarDays('2026-11-19', 30),
    })
    expect(d.intake.petition?.stage).toBe('review')

    t.clock.set('2026-12-10 10:00:00')
    await answerReview(t.ctx, {
      issueId: p.issueId,
      level: 'review',
      text: '维持原处理意见',
      date: '2026-12-10',
      delivery: { date: '2026-12-10', method: 'post' },
    })
    t.clock.set('2026-12-15 10:00:00')
    d = await detailOf(t, p.issueId)
    expect(dueOf(d, 'review_answer')).toMatchObject({ doneOn: '2026-12-10', state: 'met' })
    expect(dueOf(d, 'rereview_request')).toMatchObject({
      rule: '复核申请：收到复查意见书后30日内',
      from: '2026-12-10',
      due: '2027-01-09',
      state: 'on_time',
    })
  })

  it('turns a clock 临期 once three quarters of its days are used and 超期 the day after it falls due', () => {
    // Fifteen days from 2026-09-25: 11 used is under 75 %, 12 is over; the 10th of October is the last day.
    expect(clockState('2026-09-25', '2026-10-10', null, '2026-10-06')).toBe('on_time')
    expect(clockState('2026-09-25', '2026-10-10', null, '2026-10-07')).toBe('due_soon')
    expect(clockState('2026-09-25', '2026-10-10', null, '2026-10-10')).toBe('due_soon')
    expect(clockState('2026-09-25', '2026-10-10', null, '2026-10-11')).toBe('overdue')
    expect(clockState('2026-09-25', '2026-10-10', '2026-10-10', '2026-12-01')).toBe('met')
    expect(clockState('2026-09-25', '2026-10-10', '2026-10-11', '2026-12-01')).toBe('met_late')
  })

  it('shows a decision notice not delivered in its fifteen days as 超期, and as met late once it is', async () => {
    const p = await registerPetition(t, f, '2026-09-25')
    t.clock.set('2026-10-11 10:00:00')
    const late = await detailOf(t, p.issueId)
    expect(dueOf(late, 'notice')?.state).toBe('overdue')
    expect(late.dueState).toBe('overdue')
    await decidePetition(t.ctx, { issueId: p.issueId, decision: 'accept', date: '2026-10-11' })
    const noticeId = (await detailOf(t, p.issueId)).intake.petition?.notices[0]?.id ?? 0
    await deliverNotice(t.ctx, { issueId: p.issueId, noticeId, date: '2026-10-11', method: 'post' })
    expect(dueOf(await detailOf(t, p.issueId), 'notice')).toMatchObject({ doneOn: '2026-10-11', state: 'met_late' })
  })

  it('counts a category set to calendar days in calendar days, holidays included', async () => {
    await saveCategory(bySupervisor(t, f), { id: f.category('噪声').id, name: '噪声', timeLimitDays: 10, timeLimitUnit: 'calendar' })
    const p = await registerMatter(t, f, { date: '2026-09-25', categoryName: '噪声', content: '搅拌站夜间施工噪声' })
    expect(p.detail.dueDate).toBe('2026-10-05')
    expect(p.detail.procedure).toBe('general')
  })

  it('leaves a 信访事项’s calendar days where they are when next year’s holiday arrangement recounts working-day deadlines', async () => {
    t.clock.set('2026-12-21 09:00:00')
    const petition = await registerPetition(t, f, '2026-12-21')
    await decidePetition(t.ctx, { issueId: petition.issueId, decision: 'accept', date: '2026-12-21' })
    expect((await detailOf(t, petition.issueId)).dueDate).toBe('2027-02-19')
    await saveCategory(bySupervisor(t, f), { id: f.category('土壤').id, name: '土壤', timeLimitDays: 40 })
    const long = await registerMatter(t, f, { date: '2026-12-21', categoryName: '土壤', content: '四十个工作日的一般问题' })
    // 春节 2027 as published: 5–13 February off, Saturday 20 February a working day.
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-02-05', to: '2027-02-13', kind: 'holiday', name: '春节' })
    await setHolidayOverride(bySupervisor(t, f), { date: '2027-02-20', kind: 'workday', name: '春节调休' })
    const moved = await confirmArrangement(bySupervisor(t, f), 2027)
    expect(moved.recounted.map((r) => r.issueId)).toContain(long.issueId)
    expect(moved.recounted.map((r) => r.issueId)).not.toContain(petition.issueId)
    const d = await detailOf(t, petition.issueId)
    expect([d.dueDate, d.dueProvisional]).toEqual(['2027-02-19', false])
  })
})
