import { afterEach, describe, expect, it } from 'vitest'
import { periodReport } from '../../db/figures/report'
import { resolveIssue } from '../../db/issues/actions'
import { generateDemoMonth } from '../../tools/demo'
import { openApp, settle, type AppUnderTest } from '../support/browser'
import { signInChoosingPin } from '../support/office-screens'
import { printToPdf } from '../support/pdf'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const TODAY = '2026-12-02'

/** October and November 2026 from the demo generator (its 李建国 is a supervisor without a PIN); today is 2 December. */
async function openTwoMonths(): Promise<AppUnderTest> {
  return openApp({
    now: `${TODAY} 10:00:00`,
    seed: async (ctx) => {
      await generateDemoMonth(ctx, '2026-10')
      await generateDemoMonth(ctx, '2026-11')
    },
  })
}

/** A choice of the period picker, clicked as a user would (antd hides the radio inputs themselves). */
async function pickPeriod(page: AppUnderTest['page'], label: string): Promise<void> {
  await page.getByRole('radiogroup', { name: '统计期间类型' }).getByText(label, { exact: true }).click()
}

const sentenceBox = (a: AppUnderTest, label: string) => a.page.getByLabel(label, { exact: true })

describe('统计: any period', () => {
  it('picks a quarter, shows its figures and sentence from the ledger, and prints the period report on A4', async () => {
    app = await openTwoMonths()
    const { page } = app
    await page.goto(`${app.bridge.url}#/summary`)
    await page.getByRole('heading', { name: '2026年12月统计' }).waitFor()
    await pickPeriod(page, '季度')
    await page.getByRole('heading', { name: '2026年第四季度统计' }).waitFor()
    const expected = await periodReport(app.ctx.db, '2026-10-01', '2026-12-31', TODAY)
    await expect.poll(() => sentenceBox(app!, '报告文字').inputValue()).toBe(expected.sentence)
    await page.getByRole('table', { name: '按承办股室统计' }).waitFor()
    await settle(app)
    await app.screenshot('summary-quarter')

    await page.getByRole('button', { name: '打印报告' }).click()
    await page.locator('.paper').waitFor()
    const pdf = await printToPdf(page, 'period-report')
    const text = pdf.text.replace(/\s+/g, '')
    const s = expected.summary
    for (const want of [
      '2026年第四季度接待日工作情况',
      '统计期间：2026-10-01至2026-12-31',
      `2026年第四季度共举办接待日${s.sessions}场`,
      `受理问题${s.issuesAccepted}个，已办结${s.issuesResolved}个，办结率${s.resolutionRate}%`,
      `本季度办结问题（个，含上季度结转）${s.issuesResolvedInPeriod}`,
      `回访问题（个）${s.issuesCalledBack}`,
      '三、承办股室',
      '五、上季度结转问题',
      '填报人',
    ]) {
      expect(text, want).toContain(want)
    }
    expect(pdf.text).not.toMatch(/1[3-9]\d{9}/)
  })

  it('counts the ledger’s whole life as 建账以来, a year, and any run of days typed into the range', async () => {
    app = await openTwoMonths()
    const { page } = app
    await page.goto(`${app.bridge.url}#/summary`)
    await pickPeriod(page, '建账以来')
    await page.getByRole('heading', { name: '自2026年10月起统计' }).waitFor()
    const first = (await app.ctx.db.selectFrom('sessions').select('date').orderBy('date').limit(1).executeTakeFirstOrThrow()).date
    const all = await periodReport(app.ctx.db, first, TODAY, TODAY)
    await expect.poll(() => sentenceBox(app!, '报告文字').inputValue()).toBe(all.sentence)
    expect(all.sentence.startsWith('自2026年10月起，共举办接待日')).toBe(true)

    await pickPeriod(page, '年')
    await page.getByRole('heading', { name: '2026年统计' }).waitFor()

    await pickPeriod(page, '自定义')
    await page.getByPlaceholder('开始日期').click()
    await page.getByPlaceholder('开始日期').fill('2026-10-01')
    await page.getByPlaceholder('开始日期').press('Enter')
    await page.getByPlaceholder('结束日期').fill('2026-11-15')
    await page.getByPlaceholder('结束日期').press('Enter')
    await page.getByRole('heading', { name: '2026年10月1日至11月15日统计' }).waitFor()
    const range = await periodReport(app.ctx.db, '2026-10-01', '2026-11-15', TODAY)
    await expect.poll(() => sentenceBox(app!, '报告文字').inputValue()).toBe(range.sentence)
  })
})

describe('统计: 月结', () => {
  it('lets a supervisor close November with the sentence as sent, then shows a later change as 调整, and reopens it with a reason', async () => {
    app = await openTwoMonths()
    const { page, ctx } = app
    await page.goto(`${app.bridge.url}#/summary?month=2026-11`)
    // The demo's supervisors have no PIN yet: the first to sign in chooses one.
    await signInChoosingPin(app, '李建国', '8642')
    await page.getByRole('heading', { name: '2026年11月统计' }).waitFor()
    const box = sentenceBox(app, '月报文字')
    await expect.poll(() => box.inputValue()).not.toBe('')
    const sent = `${await box.inputValue()}（经局务会审定）`
    await box.fill(sent)
    await page.getByRole('button', { name: /(^|\s)月结$/ }).click()
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /^月\s*结$/ })
      .click()
    await page.getByText('已月结', { exact: true }).waitFor()
    expect(await box.getAttribute('readonly')).not.toBeNull()
    const row = await ctx.db.selectFrom('month_closes').select(['snapshot', 'closed_by_name']).executeTakeFirstOrThrow()
    expect(row.closed_by_name).toBe('李建国')
    expect(JSON.parse(row.snapshot)).toMatchObject({ report: { sentence: sent } })

    // A November issue still open is resolved today: November's 办结 moves, the report does not.
    const open = await ctx.db
      .selectFrom('issues')
      .select(['id', 'status'])
      .where('accepted_date', '>=', '2026-11-01')
      .where('status', 'in', ['assigned', 'in_progress', 'reopened'])
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await resolveIssue(ctx, { issueId: open.id, result: '已整改' })
    await page.reload()
    await page.getByText('月结后数据调整').waitFor()
    await page.getByText(/办结：报送 \d+，现为 \d+（\+1）/).waitFor()
    expect(await box.inputValue()).toBe(sent)
    await settle(app)
    await app.screenshot('summary-month-closed')

    await page.getByRole('button', { name: '撤销月结' }).click()
    const dialog = page.getByRole('dialog', { name: '撤销 2026-11 的月结' })
    await dialog.getByLabel('撤销月结的原因').fill('补录办结后重新报送')
    await dialog.getByRole('button', { name: '撤销月结' }).click()
    await page.getByRole('button', { name: /(^|\s)月结$/ }).waitFor()
    expect(await page.getByText('已月结', { exact: true }).count()).toBe(0)
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(audit.action).toBe('reopen_month')
    expect(JSON.parse(audit.detail)).toMatchObject({ month: '2026-11', reason: '补录办结后重新报送' })
  })
})
