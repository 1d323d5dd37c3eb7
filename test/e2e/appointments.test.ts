import { afterEach, describe, expect, it } from 'vitest'
import { bookAppointment, setBookingLimits } from '../../db/visits/appointments'
import { seedDefaults } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { openApp, type AppUnderTest } from '../support/browser'
import { printToPdf } from '../support/pdf'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

async function openWithBookings(): Promise<AppUnderTest> {
  return openApp({
    now: '2026-11-10 09:00:00',
    seed: async (ctx) => {
      await seedDefaults(ctx)
      const s = await planSession(ctx, { date: '2026-11-10', kind: 'enterprise', location: '政务服务中心生态环境窗口' })
      await setBookingLimits(ctx, { sessionId: s.id, maxBookings: 10, maxPeoplePerBooking: 3 })
      await bookAppointment(ctx, {
        sessionId: s.id,
        visitorName: '陈志强',
        phone: '13912345678',
        kind: 'enterprise',
        organizationName: '青山化工有限公司',
        creditCode: '91350100M000100Y43',
        headcount: 2,
        questions: [{ categoryId: 8, content: '排污许可证变更需要多久' }],
      })
      await bookAppointment(ctx, {
        sessionId: s.id,
        visitorName: '林小红',
        kind: 'enterprise',
        organizationName: '江南印染有限公司',
        headcount: 1,
        questions: [{ content: '印染废水预处理标准' }],
      })
      await openSession(ctx, s.id)
    },
  })
}

describe('预约到访', () => {
  it('turns a booked enterprise into a visit with its question as a matter, from the desk', async () => {
    app = await openWithBookings()
    const { page } = app
    await page.getByText('今日预约（已到 0 / 2）').waitFor()
    await app.screenshot('desk-appointments')
    await page.getByRole('button', { name: '到访登记' }).first().click()
    await page.getByText(/预约到访：陈志强（青山化工有限公司） 139\*\*\*\*5678/).waitFor()
    expect(await page.getByLabel('来访人姓名').inputValue()).toBe('陈志强')
    expect(await page.getByLabel('企业（单位）名称').inputValue()).toBe('青山化工有限公司')
    expect(await page.getByLabel('咨询内容').inputValue()).toBe('排污许可证变更需要多久')
    await page.getByLabel('答复内容').fill('材料齐全的 10 个工作日内办结')
    await page.getByLabel('答复内容').press('Enter')
    await page.getByText('今日预约（已到 1 / 2）').waitFor()
    const rows = await app.ctx.db
      .selectFrom('appointments')
      .leftJoin('visits', 'visits.id', 'appointments.visit_id')
      .leftJoin('visitors', 'visitors.id', 'visits.visitor_id')
      .leftJoin('organizations', 'organizations.id', 'visits.organization_id')
      .select(['appointments.visitor_name', 'appointments.status', 'visitors.phone', 'organizations.credit_code', 'visits.headcount'])
      .orderBy('appointments.id')
      .execute()
    // The booking's full phone and credit code reach the visit although the desk only saw them masked.
    expect(rows).toEqual([
      { visitor_name: '陈志强', status: 'arrived', phone: '13912345678', credit_code: '91350100M000100Y43', headcount: 2 },
      { visitor_name: '林小红', status: 'booked', phone: null, credit_code: null, headcount: null },
    ])
  })

  it("prints the day's appointment list for the host leader", async () => {
    app = await openWithBookings()
    const { page } = app
    await page.getByRole('button', { name: '打印预约名单' }).click()
    await page.locator('.paper').waitFor()
    const pdf = await printToPdf(page, 'appointment-list')
    const t = pdf.text.replace(/\s+/g, '')
    for (const s of [
      '预约来访名单',
      '陈志强',
      '青山化工有限公司',
      '[排污许可]排污许可证变更需',
      '林小红',
      '印染废水预处理标准',
      '139****5678',
      '共预约2批3人（上限10批）',
    ])
      expect(t).toContain(s)
    expect(pdf.text).not.toMatch(/1[3-9]\d{9}/)
  })
})

describe('预约服务 on the 接待日 screen', () => {
  it('books an enterprise with its questions and refuses once the day is full', async () => {
    let sessionId = 0
    app = await openApp({
      now: '2026-11-05 09:00:00',
      seed: async (ctx) => {
        await seedDefaults(ctx)
        const s = await planSession(ctx, { date: '2026-11-12', kind: 'enterprise', location: '政务服务中心生态环境窗口' })
        await setBookingLimits(ctx, { sessionId: s.id, maxBookings: 1, maxPeoplePerBooking: 3 })
        sessionId = s.id
      },
    })
    const { page } = app
    await page.goto(`${app.bridge.url}#/sessions?id=${sessionId}`)
    await page.getByRole('button', { name: '预约服务' }).click()
    await page.getByLabel('预约人').fill('陈志强')
    await page.getByLabel('企业（单位）名称').fill('青山化工有限公司')
    await page.getByLabel('会前提交的问题').fill('排污许可证变更需要多久')
    await page.getByRole('button', { name: '登记预约' }).click()
    await page.getByText('已预约 1 批 1 人，上限 1 批。').waitFor()
    await app.screenshot('appointments-drawer')
    await page.getByLabel('预约人').fill('林小红')
    await page.getByLabel('企业（单位）名称').fill('江南印染有限公司')
    await page.getByRole('button', { name: '登记预约' }).click()
    await page.getByText('预约已满（上限 1 个），请预约其他接待日').waitFor()
    expect(await page.getByLabel('预约人').inputValue()).toBe('林小红')
    const rows = await app.ctx.db.selectFrom('appointments').select(['visitor_name', 'organization_name']).execute()
    expect(rows).toEqual([{ visitor_name: '陈志强', organization_name: '青山化工有限公司' }])
    const q = await app.ctx.db.selectFrom('appointment_questions').select('content').execute()
    expect(q).toEqual([{ content: '排污许可证变更需要多久' }])
  })
})
