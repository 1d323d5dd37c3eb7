import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { assignIssue } from '../../db/issues/actions'
import { decidePetition, replyPetition } from '../../db/issues/petition'
import { listSources } from '../../db/issues/source'
import { listCategories, listDepartments } from '../../db/reference/reference'
import { registerContact } from '../../db/visits/register'
import type { AppUnderTest } from '../support/browser'
import { actorOf, as, openSeeded, seedOffice, settle, signIn, SUPERVISOR_PIN, type Office } from '../support/office-screens'
import { printToPdf } from '../support/pdf'

// The 信访 procedure on the screens, against the real handlers: registering a letter with its 来源
// and 文号, deciding 受理 and printing the 受理告知书, the one extension by the signed-in 负责人,
// the written reply, and a 复查 request. Every notice is printed to PDF and read back.

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const PHONE = '13812345678'
const UNMASKED_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/
const UNMASKED_ID = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/

async function pick(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option).first().click()
}

/** The open step form inside the drawer's procedure card. */
const stepCard = (drawer: Locator, title: string) =>
  drawer.locator('.ant-card').filter({ has: drawer.page().locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }) })

/** A 信访事项 by letter from a visitor whose phone and ID number are on file, registered on `date`. */
async function seedPetition(ctx: LedgerContext, office: Office, date: string): Promise<number> {
  const categoryId = (await listCategories(ctx.db)).find((c) => c.name === '大气')?.id ?? 1
  const sourceId = (await listSources(ctx.db)).find((s) => s.name === '信访局转办')?.id
  const v = await registerContact(as(ctx, office.desk), {
    channel: 'letter',
    date,
    visitor: { name: '张桂芳', phone: PHONE, idNumber: '11010519491231002X', kind: 'resident' },
    headcount: 1,
    matters: [
      {
        type: 'issue',
        categoryId,
        content: `化工园区夜间排放刺鼻气体，来信留电话${PHONE}`,
        place: '城东工业园',
        intake: { sourceId, sourceRef: '县信转〔2026〕88号', sourceBody: '县信访局' },
      },
    ],
  })
  return v.matters[0]?.issueId ?? 0
}

async function openIssue(app: AppUnderTest, id: number): Promise<Locator> {
  await app.page.goto(`${app.bridge.url}#/issues?id=${id}`)
  const drawer = app.page.getByRole('dialog')
  await drawer.getByTestId('procedure-section').waitFor()
  return drawer
}

/** The drawer's 打印 link of a notice, then the notice printed to PDF and read back. */
async function printNotice(app: AppUnderTest, drawer: Locator, notice: string, name: string) {
  await drawer.getByRole('button', { name: `打印${notice}` }).click()
  await app.page.locator('.paper.notice').waitFor()
  await app.screenshot(`${name}-screen`)
  const pdf = await printToPdf(app.page, name)
  expect(pdf.pages).toBe(1)
  expect(pdf.text).not.toMatch(UNMASKED_PHONE)
  expect(pdf.text).not.toMatch(UNMASKED_ID)
  return { ...pdf, flat: pdf.text.replace(/\s+/g, '') }
}

describe('信访 on the screens', () => {
  it('registers a letter from 信访局转办 with its 文号 as a 信访事项, due for its notice in fifteen days', async () => {
    const opened = await openSeeded(async (ctx) => seedOffice(ctx, { openDay: false }), '2026-09-25 10:00:00')
    app = opened.app
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByRole('menuitem', { name: '来电来信' }).click()
    await page.locator('label.ant-radio-button-wrapper', { hasText: /^来信$/ }).click()
    await page.getByLabel('反映人').fill('张桂芳')
    await page.getByLabel('联系电话').fill(PHONE)
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^大气/).click()
    await page.getByLabel('反映问题').fill('化工园区夜间排放刺鼻气体')
    const form = page.locator('form')
    // The letter's default source is 来信; the transferring office is chosen instead.
    await expect
      .poll(() => form.getByLabel('来源', { exact: true }).locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').innerText())
      .toContain('来信')
    await pick(page, form, '来源', '信访局转办')
    await expect.poll(() => page.getByRole('radio', { name: '信访事项' }).isChecked()).toBe(true)
    await page.getByLabel('工单号 / 文号').fill('县信转〔2026〕88号')
    await page.getByLabel('转办（交办）单位').fill('县信访局')
    await page.getByText('信访事项：登记后15日内作出受理决定').waitFor()
    await settle(app)
    await app.screenshot('petition-register')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('已登记 张桂芳，受理问题 JD-2026-09-0001').waitFor()

    const issue = await app.ctx.db.selectFrom('issues').selectAll().executeTakeFirstOrThrow()
    expect(issue).toMatchObject({
      procedure: 'petition',
      source_ref: '县信转〔2026〕88号',
      source_body: '县信访局',
      due_date: '2026-10-10',
    })
    const petition = await app.ctx.db.selectFrom('petitions').selectAll().executeTakeFirstOrThrow()
    expect(petition).toMatchObject({ registered_on: '2026-09-25', decision: null })

    // The ledger finds it by its 文号.
    await page.getByRole('menuitem', { name: '问题台账' }).click()
    await page.getByLabel('搜索问题', { exact: true }).fill('信转〔2026〕88')
    await page.getByRole('row', { name: /JD-2026-09-0001.*信访/ }).waitFor()
  })

  it('decides 受理 with the notice delivered, and prints the 受理告知书 on one A4 page by name, without the phone', async () => {
    let id = 0
    const opened = await openSeeded(async (ctx, clock) => {
      const office = await seedOffice(ctx, { openDay: false })
      clock.set('2026-09-25 10:00:00')
      id = await seedPetition(ctx, office, '2026-09-25')
      clock.set('2026-09-28 10:00:00')
      return office
    }, '2026-09-28 10:00:00')
    app = opened.app
    await signIn(app, '王晓丽')
    const drawer = await openIssue(app, id)
    await drawer.getByText('信访受理告知：登记后15日').waitFor()
    await drawer.getByRole('button', { name: '受理决定' }).click()
    const card = stepCard(drawer, '受理决定')
    await expect.poll(() => card.getByRole('radio', { name: '受理', exact: true }).isChecked()).toBe(true)
    await card.getByText('同时登记送达').click()
    await pick(app.page, card, '送达方式', '邮寄送达')
    await settle(app)
    await app.screenshot('petition-decide')
    await card.getByRole('button', { name: '保存决定' }).click()
    await drawer.getByText('JD-2026-09-0001 已受理，2026-11-27 前办结；请打印受理告知书').waitFor()
    await drawer.getByText('信访办结：受理后60日').waitFor()
    await drawer.getByRole('row', { name: /受理告知.*2026-10-10.*2026-09-28.*按期完成/ }).waitFor()
    await settle(app)
    await app.screenshot('petition-accepted')

    const pdf = await printNotice(app, drawer, '受理告知书', 'notice-accept')
    for (const expected of [
      '信访事项受理告知书',
      'JD-2026-09-0001',
      '张桂芳：',
      '2026年9月25日以来信形式反映',
      '县信转〔2026〕88号',
      '2026年9月28日依法予以受理',
      '60日内（2026年11月27日前）办结',
      '138****5678',
      '邮寄送达',
      '受送达人签收',
    ]) {
      expect(pdf.flat).toContain(expected)
    }
    const row = await app.ctx.db.selectFrom('petition_notices').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ kind: 'accept', dated: '2026-09-28', delivered_on: '2026-09-28', delivery_method: 'post' })
  })

  it('extends once, thirty days, as the signed-in 负责人, and prints the 延期告知书', async () => {
    let id = 0
    const opened = await openSeeded(async (ctx, clock) => {
      const office = await seedOffice(ctx, { openDay: false })
      clock.set('2026-09-25 10:00:00')
      id = await seedPetition(ctx, office, '2026-09-25')
      clock.set('2026-09-28 10:00:00')
      await decidePetition(as(ctx, office.desk), { issueId: id, decision: 'accept', delivery: { date: '2026-09-28', method: 'in_person' } })
      clock.set('2026-11-20 10:00:00')
      return office
    }, '2026-11-20 10:00:00')
    app = opened.app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    const drawer = await openIssue(app, id)
    await drawer.getByRole('button', { name: '延期办理' }).click()
    const card = stepCard(drawer, '延期办理')
    await card.getByText('延期后办理期限：2026-12-27').waitFor()
    await card.getByLabel('延期理由').fill('需等待第三方检测报告')
    await settle(app)
    await app.screenshot('petition-extend')
    await card.getByRole('button', { name: '批准延期' }).click()
    await drawer.getByText('JD-2026-09-0001 已延期至 2026-12-27；请打印延期告知书').waitFor()
    await drawer.getByText('信访办结：受理后60日，延期30日').waitFor()
    // The one extension is used: the button is gone.
    expect(await drawer.getByRole('button', { name: '延期办理' }).count()).toBe(0)
    const pdf = await printNotice(app, drawer, '延期告知书', 'notice-extend')
    expect(pdf.flat).toContain('信访事项延期办理告知书')
    expect(pdf.flat).toContain('因需等待第三方检测报告，情况复杂，经本机关负责人批准，办理期限延长30日，将于2026年12月27日前办结')
    expect(await app.ctx.db.selectFrom('petitions').select(['extended_days', 'extension_approver_id']).executeTakeFirstOrThrow()).toEqual({
      extended_days: 30,
      extension_approver_id: opened.seeded.supervisor.id,
    })
  })

  it('answers in writing, prints the 处理意见书, and takes the visitor’s 复查 request within its thirty days', async () => {
    let id = 0
    const opened = await openSeeded(async (ctx, clock) => {
      const office = await seedOffice(ctx, { openDay: false })
      clock.set('2026-09-25 10:00:00')
      id = await seedPetition(ctx, office, '2026-09-25')
      clock.set('2026-09-28 10:00:00')
      await decidePetition(as(ctx, office.desk), { issueId: id, decision: 'accept', delivery: { date: '2026-09-28', method: 'in_person' } })
      const departments = await listDepartments(ctx.db)
      await assignIssue(as(ctx, office.desk), { issueId: id, departmentId: departments[2]?.id ?? 1 })
      clock.set('2026-10-20 10:00:00')
      return office
    }, '2026-10-20 10:00:00')
    app = opened.app
    await signIn(app, '王晓丽')
    let drawer = await openIssue(app, id)
    await drawer.getByRole('button', { name: '书面答复' }).click()
    const card = stepCard(drawer, '书面答复')
    await card.getByLabel('处理意见', { exact: true }).fill('经现场核查，涉事企业废气收集设施破损，已责令停产整改并立案处罚。')
    await card.getByText('同时登记送达').click()
    await card.getByRole('button', { name: '保存答复' }).click()
    await drawer.getByText('JD-2026-09-0001 已书面答复；请打印处理意见书').waitFor()
    await drawer.locator('.ant-drawer-title').getByText('已办结').waitFor()
    await drawer.getByText('复查申请：收到处理意见书后30日内').waitFor()

    const pdf = await printNotice(app, drawer, '处理意见书', 'notice-reply')
    expect(pdf.flat).toContain('信访事项处理意见书')
    expect(pdf.flat).toContain('已责令停产整改并立案处罚')
    expect(pdf.flat).toContain('自收到本意见书之日起30日内，向本机关的上一级行政机关请求复查')

    app.clock.set('2026-11-05 10:00:00')
    await app.context.clock.setFixedTime(app.clock.now())
    drawer = await openIssue(app, id)
    await drawer.getByRole('button', { name: '复查申请' }).click()
    const review = stepCard(drawer, '复查申请')
    await review.getByLabel('复查机关').fill('县人民政府')
    await review.getByRole('button', { name: '登记复查申请' }).click()
    await drawer.getByText('JD-2026-09-0001 已登记复查申请').waitFor()
    await drawer.locator('.ant-card-head-title').getByText('复查中').waitFor()
    await drawer.getByRole('row', { name: /复查答复.*2026-12-05/ }).waitFor()
    await drawer.getByTestId('procedure-section').scrollIntoViewIfNeeded()
    await settle(app)
    await app.screenshot('petition-review')
    expect(await app.ctx.db.selectFrom('petition_reviews').select(['level', 'requested_on', 'body']).execute()).toEqual([
      { level: 'review', requested_on: '2026-11-05', body: '县人民政府' },
    ])
  })

  it('refuses a reply before the 受理 decision on the screen, in Chinese, with the form kept as typed', async () => {
    let id = 0
    const opened = await openSeeded(async (ctx, clock) => {
      const office = await seedOffice(ctx, { openDay: false })
      clock.set('2026-09-25 10:00:00')
      id = await seedPetition(ctx, office, '2026-09-25')
      clock.set('2026-09-28 10:00:00')
      return office
    }, '2026-09-28 10:00:00')
    app = opened.app
    await signIn(app, '王晓丽')
    const drawer = await openIssue(app, id)
    // Not offered before the decision; the ledger would refuse it too (test/db/petition-procedure.test.ts).
    expect(await drawer.getByRole('button', { name: '书面答复' }).count()).toBe(0)
    const refused = await replyPetition({ ...app.ctx, actor: actorOf(opened.seeded.desk) }, { issueId: id, text: '答复' }).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    )
    expect(refused).toMatch(/尚未作出受理决定，不能书面答复/)
  })
})

describe('来源 in 设置 and the month’s 信访 figures', () => {
  it('adds a source in 设置 → 来源 with its kind, and the desk can register a matter from it at once', async () => {
    const opened = await openSeeded(async (ctx) => seedOffice(ctx, { openDay: false }), '2026-11-10 10:00:00')
    app = opened.app
    const { page } = app
    await signIn(app, '王晓丽')
    await page.goto(`${app.bridge.url}#/settings?tab=sources`)
    await page.getByLabel('新来源名称').fill('市长信箱')
    await pick(page, page.locator('form#source-add'), '来源类型', '网上')
    await page.getByRole('button', { name: '添加来源' }).click()
    await page.getByRole('row', { name: /市长信箱.*网上.*一般问题.*使用中/ }).waitFor()
    await settle(app)
    await app.screenshot('settings-sources')

    await page.getByRole('menuitem', { name: '来电来信' }).click()
    await page.locator('label.ant-radio-button-wrapper', { hasText: /^网上$/ }).click()
    await page.getByLabel('反映人').fill('周敏')
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^水/).click()
    await page.getByLabel('反映问题').fill('小区旁河道发黑发臭')
    // The list is long: typing narrows it, as the desk would.
    await page.locator('form').getByLabel('来源', { exact: true }).click()
    await page.keyboard.type('市长')
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('市长信箱').click()
    await page.getByLabel('工单号 / 文号').fill('SZXX-2026-1110')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText(/已登记 周敏/).waitFor()
    const row = await app.ctx.db
      .selectFrom('issues')
      .innerJoin('issue_sources', 'issue_sources.id', 'issues.source_id')
      .select(['issue_sources.name', 'issues.source_ref', 'issues.procedure'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: '市长信箱', source_ref: 'SZXX-2026-1110', procedure: 'general' })
  })

  it('shows the month’s 信访 figures on 统计 and prints them in the monthly report', async () => {
    const opened = await openSeeded(async (ctx, clock) => {
      const office = await seedOffice(ctx, { openDay: false })
      clock.set('2026-09-25 10:00:00')
      const id = await seedPetition(ctx, office, '2026-09-25')
      clock.set('2026-09-28 10:00:00')
      await decidePetition(as(ctx, office.desk), { issueId: id, decision: 'accept', delivery: { date: '2026-09-28', method: 'post' } })
      clock.set('2026-10-20 10:00:00')
      return office
    }, '2026-10-20 10:00:00')
    app = opened.app
    const { page } = app
    await page.goto(`${app.bridge.url}#/summary?month=2026-09`)
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^信访事项和转办件$/ }) })
    await card.getByText('信访件数（件）').waitFor()
    await card.getByText('100%（1 / 1）').waitFor()
    expect(await page.getByLabel('月报文字').inputValue()).toContain(
      '登记信访事项1件（来信1件），受理1件、不予受理0件、转送0件，按期告知率100%',
    )
    await card.scrollIntoViewIfNeeded()
    await settle(app)
    await app.screenshot('summary-petitions')
    await page.getByRole('button', { name: '打印月报' }).click()
    await page.locator('.paper').waitFor()
    const pdf = await printToPdf(page, 'monthly-report-petitions')
    const flat = pdf.text.replace(/\s+/g, '')
    expect(flat).toContain('六、信访事项和转办件')
    expect(flat).toContain('按期告知率100%（1/1）')
    expect(pdf.text).not.toMatch(UNMASKED_PHONE)
  })
})
