import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { monthlyReport } from '../../db/figures/report'
import { assignIssue } from '../../db/issues/actions'
import { listDepartments, saveStaff, seedDefaults, updateSettings } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { generateDemoMonth } from '../../tools/demo'
import { openApp, type AppUnderTest } from '../support/browser'
import { printToPdf } from '../support/pdf'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const PHONE = '13812345678'
const ID_NUMBER = '11010519491231002X'

/** A session with three accepted issues, handed to a section, from a visitor with phone and ID. */
async function seedSession(ctx: LedgerContext): Promise<{ sessionId: number; issueIds: number[] }> {
  await seedDefaults(ctx)
  await updateSettings(ctx, { bureauName: '青山县生态环境分局' })
  const handler = await saveStaff(ctx, { name: '赵刚', role: 'handler' })
  const leader = await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true })
  const s = await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼接待室' })
  await openSession(ctx, s.id)
  const v = await registerVisit(ctx, {
    sessionId: s.id,
    visitor: { name: '张桂芳', phone: PHONE, idNumber: ID_NUMBER, kind: 'resident' },
    headcount: 2,
    matters: [
      { type: 'consultation', categoryId: 11, content: '如何申请政府信息公开', answer: '已告知可通过局网站在线申请' },
      // Numbers typed into the text as people type them: on paper they must come out masked.
      {
        type: 'issue',
        categoryId: 1,
        content: '化工园区夜间有刺鼻气味，持续半年，知情人139 1234 5671',
        place: '城东工业园（联系０５７１－８８８８６６６６）',
      },
      { type: 'issue', categoryId: 2, content: '小河沟出现黑臭水体', place: '西岭村' },
      { type: 'issue', categoryId: 3, content: '搅拌站夜间作业噪声扰民', place: '河滨路' },
    ],
  })
  const issueIds = v.matters.flatMap((m) => (m.issueId ? [m.issueId] : []))
  const deps = await listDepartments(ctx.db)
  for (const issueId of issueIds)
    await assignIssue(ctx, {
      issueId,
      departmentId: deps[2]?.id ?? 1,
      assigneeId: handler.id,
      leaderId: leader.id,
      note: '请于三个工作日内现场核查，联系举报人139-1234-5670',
    })
  return { sessionId: s.id, issueIds }
}

describe('交办单', () => {
  it('prints one A4 handover sheet with the number, section, due date and masked phone, and no full phone or ID', async () => {
    let ids: number[] = []
    app = await openApp({ now: '2026-11-10 10:00:00', seed: async (ctx) => void (ids = (await seedSession(ctx)).issueIds) })
    await app.page.goto(`${app.bridge.url}#/print?kind=handover&issues=${ids[0]}`)
    await app.page.locator('.paper').first().waitFor()
    await app.screenshot('handover-screen')
    const pdf = await printToPdf(app.page, 'handover-sheet')
    expect(pdf.pages).toBe(1)
    const t = pdf.text.replace(/\s+/g, '')
    for (const expected of [
      '青山县生态环境分局',
      '接待日问题交办单',
      'JD-2026-11-0001',
      '大气环境股',
      '2026-12-01前办结',
      '138****5678',
      '张桂芳',
      '城东工业园',
      '李建国',
      '赵刚',
      '承办股室签收',
      '签收日期',
      '已告知可通过局网站在线申请',
      '知情人139****5671',
      '－****６６６６',
      '联系举报人139-****-5670',
    ]) {
      expect(t).toContain(expected)
    }
    expect(pdf.text).not.toMatch(/1[3-9]\d{9}/)
    expect(pdf.text.replace(/[^0-9０-９]/g, '')).not.toMatch(/13912345671|13912345670|０５７１８８８８６６６６/)
    expect(pdf.text).not.toMatch(/\d{17}[\dX]/)
  })

  it('prints a whole session as one sheet per page', async () => {
    let sessionId = 0
    app = await openApp({ now: '2026-11-10 10:00:00', seed: async (ctx) => void (sessionId = (await seedSession(ctx)).sessionId) })
    await app.page.goto(`${app.bridge.url}#/print?kind=handover&session=${sessionId}`)
    await expect.poll(() => app?.page.locator('.paper').count()).toBe(3)
    const pdf = await printToPdf(app.page, 'handover-batch')
    expect(pdf.pages).toBe(3)
    expect(pdf.pageTexts.map((p) => /JD-2026-11-000\d/.exec(p)?.[0])).toEqual(['JD-2026-11-0001', 'JD-2026-11-0002', 'JD-2026-11-0003'])
    for (const p of pdf.pageTexts) expect(p).toContain('承办股室签收')
  })

  it('leaves the visitor out when the office withholds identities on handover sheets', async () => {
    let ids: number[] = []
    app = await openApp({
      now: '2026-11-10 10:00:00',
      seed: async (ctx) => {
        ids = (await seedSession(ctx)).issueIds
        await updateSettings(ctx, { showVisitorOnHandover: false })
      },
    })
    await app.page.goto(`${app.bridge.url}#/print?kind=handover&issues=${ids[1]}`)
    await app.page.locator('.paper').first().waitFor()
    const pdf = await printToPdf(app.page, 'handover-withheld')
    expect(pdf.text).toContain('来访人信息按规定不予显示')
    expect(pdf.text).not.toContain('张桂芳')
    expect(pdf.text).not.toContain('138****5678')
  })
})

describe('月度统计和月报', () => {
  it('shows the month on the 统计 screen and prints the edited sentence with the ledger figures', async () => {
    app = await openApp({
      now: '2026-11-25 10:00:00',
      seed: async (ctx) => {
        await generateDemoMonth(ctx, '2026-10')
      },
    })
    const { page } = app
    await page.goto(`${app.bridge.url}#/summary?month=2026-10`)
    const expected = await monthlyReport(app.ctx.db, '2026-10', '2026-11-25')
    await page.getByLabel('月报文字').waitFor()
    expect(await page.getByLabel('月报文字').inputValue()).toBe(expected.sentence)
    await page.getByRole('img', { name: '各接待日接待人次柱状图' }).locator('canvas').waitFor()
    await app.screenshot('summary')
    await page.getByLabel('月报文字').fill(`${expected.sentence}（经局务会审定）`)
    await page.getByRole('button', { name: '打印月报' }).click()
    await page.locator('.paper').waitFor()
    const pdf = await printToPdf(page, 'monthly-report')
    const t = pdf.text.replace(/\s+/g, '')
    expect(t).toContain('经局务会审定')
    expect(t).toContain(
      `受理问题${expected.summary.issuesAccepted}个，已办结${expected.summary.issuesResolved}个，办结率${expected.summary.resolutionRate}%`,
    )
    expect(t).toContain('填报人')
    // The audit log's head on paper, for `check --anchor` if the file is ever doubted.
    const head = expected.auditAnchor
    expect(head).not.toBeNull()
    expect(t).toContain(`审计链头：第${head?.id}条·${head?.hash.slice(0, 16)}·台账${head?.ledgerId}`)
    expect(pdf.pages).toBeGreaterThanOrEqual(1)
    expect(pdf.text).not.toMatch(/1[3-9]\d{9}/)
  })
})
