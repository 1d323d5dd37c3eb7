import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { saveLocality } from '../../db/reference/localities'
import { listCategories, listDepartments, saveStaff } from '../../db/reference/reference'
import { registerVisit } from '../../db/visits/register'
import type { AppUnderTest } from '../support/browser'
import { as, openSeeded, seedOffice, settle, signIn, SUPERVISOR_PIN, type Office } from '../support/office-screens'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const GREEN_RIVER = { name: '青河化工有限公司', creditCode: '91350100M000100Y43' }

interface CaseOffice extends Office {
  /** 城关镇, 东城街道. */
  localities: number[]
  /** The earlier complaint about 青河化工, registered this morning by another clerk. */
  earlier: { id: number; number: string }
  sections: { air: number; water: number; enforcement: number }
  handlerId: number
}

/** The office with its 属地 list, a handler in 大气环境股, and one complaint about 青河化工 already on file. */
async function seedCaseOffice(ctx: LedgerContext): Promise<CaseOffice> {
  const office = await seedOffice(ctx)
  const deps = await listDepartments(ctx.db)
  const dep = (name: string) => deps.find((d) => d.name === name)?.id ?? 0
  const sections = { air: dep('大气环境股'), water: dep('水生态环境股'), enforcement: dep('生态环境保护综合行政执法大队') }
  const handler = await saveStaff(as(ctx, office.supervisor), { name: '赵刚', role: 'handler', departmentId: sections.air })
  const desk = as(ctx, office.other)
  const localities = [(await saveLocality(desk, { name: '城关镇' })).id, (await saveLocality(desk, { name: '东城街道', sortOrder: 1 })).id]
  const air = (await listCategories(ctx.db)).find((c) => c.name === '大气')?.id ?? 1
  const visit = await registerVisit(desk, {
    sessionId: office.session.id,
    visitor: { name: '周大妈', kind: 'resident' },
    headcount: 1,
    matters: [
      {
        type: 'issue',
        categoryId: air,
        content: '化工厂夜间排放刺鼻废气',
        place: '城东工业园',
        subject: GREEN_RIVER,
        localityId: localities[0],
      },
    ],
  })
  const m = visit.matters[0]
  if (!m?.issueId || !m.issueNumber) throw new Error('no earlier issue')
  return { ...office, localities, earlier: { id: m.issueId, number: m.issueNumber }, sections, handlerId: handler.id }
}

async function pick(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option).first().click()
}

/** antd spaces out a two-character button label (签 收); find it either way. */
const twoChar = (name: string) => new RegExp(`^${[...name].join('\\s?')}$`)

const actionCard = (drawer: Locator, title: string) =>
  drawer.locator('.ant-card').filter({ has: drawer.page().locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }) })

async function issueRow(id: number) {
  if (!app) throw new Error('no app')
  return app.ctx.db.selectFrom('issues').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('the case file on screen', () => {
  it('registers an issue about an enterprise picked from the directory, with its 属地, and links it to the earlier complaint shown while typing', async () => {
    const opened = await openSeeded(seedCaseOffice)
    app = opened.app
    const { page } = app
    const { earlier, localities } = opened.seeded
    await signIn(app, '王晓丽')

    await page.getByLabel('来访人姓名').fill('张桂芳')
    await page.getByLabel('人数').fill('6')
    await page.getByText('受理·交办').click()
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^大气/).click()
    await page.getByLabel('反映问题').fill('青河化工白天也在排放，气味很重')
    // 集体访: six people came.
    await page.getByText('集体访（5人及以上）').waitFor()
    await page.getByLabel('被反映企业').fill('青河')
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(`${GREEN_RIVER.name}（${GREEN_RIVER.creditCode}）`)
      .click()
    await pick(page, page.locator('body'), '属地', '城关镇')

    // The earlier complaint about the same enterprise shows while typing; the desk links the new one to it.
    const warning = page.locator('.ant-alert').filter({ hasText: '可能是重复件' })
    await warning.getByText(earlier.number).waitFor()
    await warning.getByText('同一企业').waitFor()
    await warning.getByRole('radio', { name: new RegExp(earlier.number) }).check()
    await settle(app)
    await app.screenshot('case-file-desk-repeat-warning')

    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText(/已登记 张桂芳，受理问题 JD-2026-11-0002/).waitFor()
    const saved = await app.ctx.db.selectFrom('issues').selectAll().where('number', '=', 'JD-2026-11-0002').executeTakeFirstOrThrow()
    const org = await app.ctx.db.selectFrom('organizations').select('id').where('name', '=', GREEN_RIVER.name).executeTakeFirstOrThrow()
    expect(saved).toMatchObject({ subject_organization_id: org.id, locality_id: localities[0], repeat_of_id: earlier.id })
    // The visitor's own enterprise stays empty: a resident complained about someone else.
    expect(
      await app.ctx.db
        .selectFrom('visits')
        .select(['organization_id', 'headcount'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow(),
    ).toEqual({ organization_id: null, headcount: 6 })
  })

  it('adds an enterprise typed at the desk to the directory and asks for the 属地 before saving', async () => {
    const opened = await openSeeded(seedCaseOffice)
    app = opened.app
    const { page } = app
    await signIn(app, '王晓丽')
    await page.getByLabel('来访人姓名').fill('李四')
    await page.getByText('受理·交办').click()
    await page.getByLabel('问题类别').click()
    await page.getByTitle(/^噪声/).click()
    await page.getByLabel('反映问题').fill('搅拌站夜间施工')
    await page.getByLabel('被反映企业').fill('城西搅拌站')
    // A new enterprise: its credit code may be given, here it is not known.
    await page.getByLabel('信用代码').waitFor()
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('请选择属地（乡镇、街道）').waitFor()
    expect(await app.ctx.db.selectFrom('issues').select('id').execute()).toHaveLength(1)
    await pick(page, page.locator('body'), '属地', '东城街道')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText(/已登记 李四，受理问题 JD-2026-11-0002/).waitFor()
    const org = await app.ctx.db.selectFrom('organizations').select('id').where('name', '=', '城西搅拌站').executeTakeFirstOrThrow()
    const saved = await app.ctx.db.selectFrom('issues').selectAll().where('number', '=', 'JD-2026-11-0002').executeTakeFirstOrThrow()
    expect(saved).toMatchObject({ subject_organization_id: org.id, locality_id: opened.seeded.localities[1], repeat_of_id: null })
  })

  it('records the assisting section’s 签收 and the lead section’s 退回, which puts the issue back to 已受理', async () => {
    const opened = await openSeeded(async (ctx) => {
      const o = await seedCaseOffice(ctx)
      await assignIssue(as(ctx, o.desk), {
        issueId: o.earlier.id,
        departmentId: o.sections.water,
        assistDepartmentIds: [o.sections.enforcement],
      })
      return o
    })
    app = opened.app
    const { page } = app
    const { earlier } = opened.seeded
    await signIn(app, '王晓丽')
    await page.goto(`${app.bridge.url}#/issues?id=${earlier.id}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByText('水生态环境股').first().waitFor()

    // 签收: the enforcement team signed the sheet.
    await drawer.getByRole('button', { name: twoChar('签收') }).click()
    const sign = actionCard(drawer, '签收')
    await pick(page, sign, '签收股室', '生态环境保护综合行政执法大队（协办）')
    await pick(page, sign, '签收人', '赵刚（大气环境股）')
    await settle(app)
    await app.screenshot('case-file-drawer-sign')
    await sign.getByRole('button', { name: twoChar('签收') }).click()
    await page.getByText(`${earlier.number} 已签收`).waitFor()
    const signed = await app.ctx.db.selectFrom('issue_sections').selectAll().where('issue_id', '=', earlier.id).orderBy('id').execute()
    expect(signed.map((s) => [s.role, s.status, s.signed_date, s.signer_id])).toEqual([
      ['lead', 'pending', null, null],
      ['assist', 'signed', '2026-11-10', opened.seeded.handlerId],
    ])

    // 退回: the lead section says the complaint is about air, not water.
    await drawer.getByRole('button', { name: twoChar('退回') }).click()
    const back = actionCard(drawer, '退回')
    await back.getByLabel('退回理由').fill('反映的是废气，应由大气环境股主办')
    await back.getByRole('button', { name: twoChar('退回') }).click()
    await page.getByText(`${earlier.number} 已退回，待重新交办`).waitFor()
    await drawer.locator('.ant-drawer-title').getByText('已受理').waitFor()
    expect(await issueRow(earlier.id)).toMatchObject({ status: 'accepted', department_id: null })
    await drawer.getByText('主办股室退回，待重新交办：水生态环境股').waitFor()
    await settle(app)
    await app.screenshot('case-file-drawer-returned')
  })

  it('resolves a complaint with what checking found and the measures taken, the fine in 元', async () => {
    const opened = await openSeeded(async (ctx) => {
      const o = await seedCaseOffice(ctx)
      await assignIssue(as(ctx, o.desk), { issueId: o.earlier.id, departmentId: o.sections.air, assigneeId: null })
      return o
    })
    app = opened.app
    const { page } = app
    const { earlier } = opened.seeded
    await signIn(app, '王晓丽')
    await page.goto(`${app.bridge.url}#/issues?id=${earlier.id}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByRole('button', { name: twoChar('办结') }).click()
    const resolve = actionCard(drawer, '办结')
    await resolve.getByLabel('办理结果').fill('现场检查发现废气收集设施破损，已立案查处')
    // A complaint about an enterprise says what checking found.
    await resolve.getByRole('button', { name: twoChar('办结') }).click()
    await resolve.getByText('本问题有被反映对象，请选择查实情况').waitFor()
    expect((await issueRow(earlier.id)).status).toBe('assigned')

    await resolve.getByText('属实', { exact: true }).click()
    await resolve.getByRole('button', { name: twoChar('办结') }).click()
    await resolve.getByText('属实或部分属实时请至少选择一项处理措施').waitFor()
    await resolve.getByLabel('责令整改').check()
    await resolve.getByLabel('立案处罚').check()
    await resolve.getByLabel('整改期限').fill('2026-11-30')
    await resolve.getByLabel('整改期限').press('Tab')
    await resolve.getByLabel('罚款金额（元）').fill('52000')
    await settle(app)
    await app.screenshot('case-file-drawer-resolve')
    await resolve.getByRole('button', { name: twoChar('办结') }).click()
    await page.getByText(`${earlier.number} 已办结`).waitFor()

    expect(await issueRow(earlier.id)).toMatchObject({ status: 'resolved', finding: 'verified' })
    expect(
      await app.ctx.db
        .selectFrom('issue_measures')
        .select(['kind', 'rectify_deadline', 'fine_fen'])
        .where('issue_id', '=', earlier.id)
        .execute(),
    ).toEqual([
      { kind: 'rectify', rectify_deadline: '2026-11-30', fine_fen: null },
      { kind: 'penalty', rectify_deadline: null, fine_fen: 5_200_000 },
    ])
    await drawer.getByText('责令整改（期限 2026-11-30）；立案处罚（罚款 52,000 元）').waitFor()
    await settle(app)
    await app.screenshot('case-file-drawer-resolved')
  })

  it('keeps the 属地 list and the case-file rules in 设置, the rules changed by the supervisor', async () => {
    const opened = await openSeeded(seedCaseOffice)
    app = opened.app
    const { page } = app
    await signIn(app, '李建国', SUPERVISOR_PIN)
    await page.getByRole('menuitem', { name: '设置' }).click()
    await page.getByRole('tab', { name: '属地与规则' }).click()
    await page.getByLabel('新属地（乡镇、街道）').fill('河口乡')
    await page.getByLabel('新属地（乡镇、街道）').press('Enter')
    await expect.poll(() => page.getByRole('row', { name: /河口乡/ }).count()).toBe(1)
    await page.getByLabel('集体访', { exact: true }).fill('8')
    await page.getByRole('button', { name: '保存规则' }).click()
    await page.getByText('已保存重复件、集体访和延期规则').waitFor()
    expect(await app.ctx.db.selectFrom('settings').select('value').where('key', '=', 'collective_headcount').executeTakeFirst()).toEqual({
      value: '8',
    })
    expect(await app.ctx.db.selectFrom('localities').select('name').orderBy('sort_order').execute()).toEqual([
      { name: '城关镇' },
      { name: '东城街道' },
      { name: '河口乡' },
    ])
    await settle(app)
    await app.screenshot('case-file-settings-localities')
  })

  it('shows the month’s 属实率, 立案数 and 罚款金额 and the issues by 属地 on 统计 and in the printed report', async () => {
    const opened = await openSeeded(async (ctx) => {
      const o = await seedCaseOffice(ctx)
      const desk = as(ctx, o.desk)
      await assignIssue(desk, { issueId: o.earlier.id, departmentId: o.sections.air })
      await resolveIssue(desk, {
        issueId: o.earlier.id,
        result: '立案查处',
        finding: 'verified',
        measures: [{ kind: 'penalty', fineYuan: 52000 }],
      })
      return o
    })
    app = opened.app
    const { page } = app
    await page.getByRole('menuitem', { name: '统计' }).click()
    const card = page.locator('.ant-card').filter({ hasText: '查处情况' })
    await card.getByText('52,000 元').waitFor()
    await card.getByText('100%').waitFor()
    await page
      .locator('.ant-card')
      .filter({ hasText: '按属地' })
      .getByRole('row', { name: /城关镇\s*1\s*1\s*1/ })
      .waitFor()
    await expect.poll(() => page.getByLabel('月报文字').inputValue()).toContain('立案查处1件，罚款5.2万元')
    await settle(app)
    await app.screenshot('case-file-summary')
    // The printed report carries the same 查处情况 and the 属地 table.
    await page.getByRole('button', { name: '打印月报' }).click()
    const paper = page.locator('.paper')
    await paper.getByText('六、查处情况').waitFor()
    await paper.getByRole('row', { name: /罚款金额\s*52,000 元/ }).waitFor()
    await paper.getByRole('row', { name: /城关镇\s*1\s*1\s*1/ }).waitFor()
  })
})
