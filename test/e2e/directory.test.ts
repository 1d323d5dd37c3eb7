import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { listCategories, saveStaff, seedDefaults } from '../../db/reference/reference'
import { closeSession, openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit, type RegisterVisitInput } from '../../db/visits/register'
import { setStaffPin } from '../../db/staff/operators'
import { openApp, settle, type AppUnderTest } from '../support/browser'
import { backgroundOf } from '../support/computed-style'
import { holdAnswers, spinnerSeen, watchSpinner } from '../support/spinner-watch'
import { actorOf, type TestClock } from '../support/temp-ledger'

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

interface Seeded {
  /** 青山化工有限公司, registered by its full name without a code. */
  qingshan: number
  /** 青山化工, the same enterprise registered again under its short name, with its code. */
  duplicate: number
  zhang: number
}

/**
 * Two reception days with enterprises and residents; the same chemical works was registered once
 * by its full name and once by its short name.
 */
async function seedDirectory(ctx: LedgerContext, clock: TestClock, out: Seeded): Promise<void> {
  await seedDefaults(ctx)
  await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  // Merging records is a 负责人's act: one who chose their own PIN.
  const boss = await saveStaff(ctx, { name: '李建国', role: 'supervisor' })
  await setStaffPin({ ...ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: SUPERVISOR_PIN })
  const cats = await listCategories(ctx.db)
  const cat = (name: string) => cats.find((c) => c.name === name)?.id ?? 0
  const day = async (date: string, kind: 'enterprise' | 'public', visits: ((sessionId: number) => RegisterVisitInput)[]) => {
    clock.set(`${date} 08:30:00`)
    const s = await openSession(ctx, (await planSession(ctx, { date, kind, location: '政务服务中心生态环境窗口' })).id)
    const saved = []
    for (const v of visits) saved.push(await registerVisit(ctx, v(s.id)))
    await closeSession(ctx, s.id)
    return saved
  }
  const [first, , zhang] = await day('2026-10-14', 'enterprise', [
    (sessionId) => ({
      sessionId,
      visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
      organization: { name: '青山化工有限公司', industry: '化学原料和化学制品制造业' },
      headcount: 2,
      matters: [{ type: 'issue', categoryId: cat('大气'), content: '厂区VOCs治理设施改造方案咨询并申请现场指导', place: '城东工业园' }],
    }),
    (sessionId) => ({
      sessionId,
      visitor: { name: '林海', phone: '13698765432', kind: 'enterprise' },
      organization: { name: '绿源污水处理厂', creditCode: '91350100MA2XYW123F', industry: '污水处理及其再生利用' },
      headcount: 1,
      matters: [
        {
          type: 'consultation',
          categoryId: cat('排污许可'),
          content: '排污许可证重新申请的时限',
          answer: '应在有效期届满前60日提出延续申请',
        },
      ],
    }),
    (sessionId) => ({
      sessionId,
      visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident', address: '城南街道幸福小区' },
      headcount: 1,
      matters: [
        {
          type: 'consultation',
          categoryId: cat('噪声'),
          content: '小区旁工地夜间施工',
          answer: '已告知夜间施工须办理许可，可拨打12369举报',
        },
      ],
    }),
  ])
  const [second] = await day('2026-11-04', 'enterprise', [
    (sessionId) => ({
      sessionId,
      visitor: { name: '王磊', phone: '13700001111', kind: 'enterprise' },
      organization: { name: '青山化工', creditCode: '91350100M000100Y43' },
      headcount: 1,
      matters: [
        {
          type: 'consultation',
          categoryId: cat('环评审批'),
          content: '扩建项目环评审批流程',
          answer: '已告知需编制环境影响报告书，发放办事指南',
        },
      ],
    }),
    (sessionId) => ({
      sessionId,
      visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
      organization: { name: '青山化工有限公司' },
      headcount: 1,
      matters: [
        { type: 'consultation', categoryId: cat('固废/危废'), content: '危险废物转移联单办理', answer: '已告知通过省固废平台在线办理' },
      ],
    }),
  ])
  out.qingshan = first?.organizationId ?? 0
  out.duplicate = second?.organizationId ?? 0
  out.zhang = zhang?.visitorId ?? 0
  clock.set('2026-11-10 09:00:00')
}

const SUPERVISOR_PIN = '8642'

async function openDirectory(seeded: Seeded, as: 'desk' | 'supervisor' = 'desk'): Promise<AppUnderTest> {
  const opened = await openApp({
    now: '2026-11-10 09:00:00',
    ...(as === 'supervisor' ? { onDuty: { name: '李建国', pin: SUPERVISOR_PIN } } : {}),
    seed: (ctx, clock) => seedDirectory(ctx, clock, seeded),
  })
  await opened.page.getByRole('menuitem', { name: '企业与来访人' }).click()
  return opened
}

describe('企业与来访人', () => {
  it('shows an enterprise with its people, open issues and every visit when it is picked from the list', async () => {
    const seeded: Seeded = { qingshan: 0, duplicate: 0, zhang: 0 }
    app = await openDirectory(seeded)
    const { page } = app
    await expect.poll(() => page.getByText('共 3 家').count()).toBe(1)
    await settle(app)
    await app.screenshot('directory')

    await page.getByLabel('查找企业').fill('有限公司')
    await expect.poll(() => page.getByText('共 1 家').count()).toBe(1)
    await page.getByRole('row', { name: /青山化工有限公司/ }).click()
    const drawer = page.getByRole('dialog', { name: '青山化工有限公司' })
    await expect.poll(() => drawer.getByText('2 次，3 人次').count()).toBe(1)
    await expect.poll(() => drawer.getByText('未办结问题（1）').count()).toBe(1)
    await expect.poll(() => drawer.getByText('JD-2026-10-0001').count()).toBeGreaterThan(0)
    await expect.poll(() => drawer.getByText('陈志强 139****5678').count()).toBe(1)
    expect(await drawer.getByRole('row', { name: /危险废物转移联单办理/ }).count()).toBe(1)
    expect(page.url()).toContain(`#/directory?tab=organizations&id=${seeded.qingshan}`)
    await settle(app)
    await app.screenshot('directory-history')
  })

  it('opens an enterprise from the keyboard with Enter on its row, which stays marked while its drawer is open', async () => {
    const seeded: Seeded = { qingshan: 0, duplicate: 0, zhang: 0 }
    app = await openDirectory(seeded)
    const { page } = app
    await expect.poll(() => page.getByText('共 3 家').count()).toBe(1)
    const row = page.locator('.directory-table tbody tr.ant-table-row', { hasText: '青山化工有限公司' })
    const background = () => backgroundOf(row.locator('td').first())
    await row.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: '青山化工有限公司' }).getByText('2 次，3 人次').waitFor()
    expect(page.url()).toContain(`#/directory?tab=organizations&id=${seeded.qingshan}`)
    await expect.poll(() => row.getAttribute('class')).toContain('ant-table-row-selected')
    // antd's selected colour while its drawer is open; once closed, the plain hover colour under the pointer.
    await expect.poll(background).toBe('rgb(230, 244, 255)')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.url()).toMatch(/tab=organizations$/)
    await row.hover()
    await expect.poll(background).toBe('rgb(250, 250, 250)')
  })

  it('merges two records of the same enterprise into one, keeping every visit', async () => {
    const seeded: Seeded = { qingshan: 0, duplicate: 0, zhang: 0 }
    app = await openDirectory(seeded, 'supervisor')
    const { page } = app
    const visitsBefore = await app.ctx.db.selectFrom('visits').select(['id', 'visitor_id', 'headcount']).orderBy('id').execute()

    await page.getByRole('row', { name: /青山化工有限公司/ }).click()
    const drawer = page.getByRole('dialog', { name: '青山化工有限公司' })
    await drawer.getByRole('button', { name: '合并重复记录' }).click()
    const dialog = page.getByRole('dialog', { name: '合并重复的企业：青山化工有限公司' })
    await dialog.getByLabel('与哪一条重复（输入查找）').fill('青山')
    await page.getByTitle(/^青山化工（91350100M000100Y43）/).click()
    await dialog.getByLabel('合并说明（可不填）').fill('简称与全称重复登记')
    await expect.poll(() => dialog.getByText(/合并后“青山化工有限公司”共 3 次来访，“青山化工”标记为已合并/).count()).toBe(1)
    await settle(app)
    await app.screenshot('directory-merge')
    await dialog.getByRole('button', { name: '确认合并' }).click()

    await expect.poll(() => page.getByText('已合并：“青山化工”的 1 次来访已归入“青山化工有限公司”').count()).toBe(1)
    await expect.poll(() => drawer.getByText('3 次，4 人次').count()).toBe(1)
    await expect.poll(() => drawer.getByText('91350100M000100Y43').count()).toBe(1)
    await expect.poll(() => page.getByText('共 2 家').count()).toBe(1)
    expect(await page.getByRole('row', { name: /^青山化工 / }).count()).toBe(0)

    // In the ledger: every visit is still there and the three of the works belong to the kept record.
    const visitsAfter = await app.ctx.db
      .selectFrom('visits')
      .select(['id', 'visitor_id', 'headcount', 'organization_id'])
      .orderBy('id')
      .execute()
    expect(visitsAfter.map(({ organization_id: _o, ...v }) => v)).toEqual(visitsBefore)
    expect(visitsAfter.filter((v) => v.organization_id === seeded.qingshan)).toHaveLength(3)
    expect(visitsAfter.filter((v) => v.organization_id === seeded.duplicate)).toHaveLength(0)
    const merged = await app.ctx.db
      .selectFrom('organizations')
      .select(['name', 'merged_into_id'])
      .where('id', '=', seeded.duplicate)
      .executeTakeFirstOrThrow()
    expect(merged).toEqual({ name: '青山化工', merged_into_id: seeded.qingshan })
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'detail'])
      .where('entity', '=', 'organization')
      .where('action', '=', 'merge')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ mergedId: seeded.duplicate, movedVisits: 1, reason: '简称与全称重复登记' })
  })

  it('goes back to the last page that still exists when a merge leaves the page shown empty', async () => {
    app = await openApp({
      now: '2026-11-10 09:00:00',
      onDuty: { name: '李建国', pin: SUPERVISOR_PIN },
      seed: async (ctx) => {
        await seedDefaults(ctx)
        const boss = await saveStaff(ctx, { name: '李建国', role: 'supervisor' })
        await setStaffPin({ ...ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: SUPERVISOR_PIN })
        const categoryId = (await listCategories(ctx.db)).find((c) => c.name === '排污许可')?.id ?? 0
        const s = await openSession(ctx, (await planSession(ctx, { date: '2026-11-10', kind: 'enterprise', location: '政务服务中心' })).id)
        // The first registered is the last listed: 青山化工 alone on page 2 of eleven.
        const names = ['青山化工', '青山化工有限公司', ...Array.from({ length: 9 }, (_, i) => `城东${i + 1}号纸业有限公司`)]
        for (const [i, name] of names.entries()) {
          await registerVisit(ctx, {
            sessionId: s.id,
            visitor: { name: `来访人${i + 1}`, phone: `139000000${String(i).padStart(2, '0')}`, kind: 'enterprise' },
            organization: { name },
            headcount: 1,
            matters: [{ type: 'consultation', categoryId, content: '排污许可证延续', answer: '已告知办理流程' }],
          })
        }
      },
    })
    const { page } = app
    await page.getByRole('menuitem', { name: '企业与来访人' }).click()
    await expect.poll(() => page.getByText('共 11 家').count()).toBe(1)
    await page.locator('.directory-table .ant-pagination-item-2').click()
    const rows = page.locator('.directory-table tbody tr.ant-table-row')
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('青山化工')])
    await rows.first().click()
    const drawer = page.getByRole('dialog', { name: '青山化工' })
    await drawer.getByRole('button', { name: '合并重复记录' }).click()
    const dialog = page.getByRole('dialog', { name: '合并重复的企业：青山化工' })
    await dialog.getByLabel('与哪一条重复（输入查找）').fill('青山')
    await page.getByTitle(/^青山化工有限公司/).click()
    await dialog.getByRole('button', { name: '确认合并' }).click()
    await expect.poll(() => page.getByText(/^已合并：/).count()).toBe(1)
    await page.keyboard.press('Escape')
    // Ten left: page 2 no longer exists, and the clerk is shown page 1's ten rather than an empty page.
    await expect.poll(() => page.getByText('共 10 家').count()).toBe(1)
    await expect.poll(() => rows.count()).toBe(10)
    expect(await page.locator('.directory-table .ant-pagination-item-active').textContent()).toBe('1')
    expect(await page.locator('.directory-table .ant-pagination-item-2').count()).toBe(0)
  })

  it('edits a visitor without seeing the stored phone: blank keeps it, a wrong ID number is shown by its field and stays typed', async () => {
    const seeded: Seeded = { qingshan: 0, duplicate: 0, zhang: 0 }
    app = await openDirectory(seeded)
    const { page } = app
    await page.getByRole('tab', { name: '来访人' }).click()
    await page.getByLabel('查找来访人').fill('5678')
    await expect.poll(() => page.getByText('共 2 人').count()).toBe(1)
    await page.getByRole('row', { name: /张桂芳/ }).click()
    const drawer = page.getByRole('dialog', { name: /张桂芳/ })
    await expect.poll(() => drawer.getByText('138****5678').count()).toBe(1)
    await settle(app)
    await app.screenshot('directory-visitor')
    await drawer.getByRole('button', { name: '修改信息' }).click()

    const dialog = page.getByRole('dialog', { name: '修改来访人信息' })
    expect(await dialog.getByLabel('联系电话').inputValue()).toBe('')
    expect(await dialog.getByLabel('联系电话').getAttribute('placeholder')).toBe('已存 138****5678，不改请留空')
    await dialog.getByLabel('住址').fill('城南街道幸福小区3栋')
    await dialog.getByLabel('身份证号').fill('110101199003071235')
    await dialog.getByLabel('住址').press('Enter')
    // The message is the field's own help text, tied to the box by aria-describedby.
    await expect.poll(() => dialog.getByLabel('身份证号').getAttribute('aria-invalid')).toBe('true')
    const help = await dialog.getByLabel('身份证号').getAttribute('aria-describedby')
    await expect.poll(() => dialog.locator(`[id="${help}"]`).innerText()).toBe('身份证号校验不通过，请核对（18 位，末位可为 X）')
    expect(await dialog.getByLabel('身份证号').inputValue()).toBe('110101199003071235')
    expect(await dialog.getByLabel('住址').inputValue()).toBe('城南街道幸福小区3栋')
    await settle(app)
    await app.screenshot('directory-edit-refused')
    expect(
      (await app.ctx.db.selectFrom('visitors').select('address').where('id', '=', seeded.zhang).executeTakeFirstOrThrow()).address,
    ).toBe('城南街道幸福小区')

    await dialog.getByLabel('身份证号').fill('')
    await dialog.getByRole('button', { name: /保\s*存$/ }).click()
    await expect.poll(() => page.getByText('已保存来访人“张桂芳”').count()).toBe(1)
    const row = await app.ctx.db
      .selectFrom('visitors')
      .select(['phone', 'id_number', 'address'])
      .where('id', '=', seeded.zhang)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ phone: '13812345678', id_number: null, address: '城南街道幸福小区3栋' })
  })
})

describe('企业与来访人 with a long history', () => {
  it('counts every visit of an enterprise and says the list holds only the newest 200', async () => {
    app = await openApp({
      now: '2026-11-10 09:00:00',
      seed: async (ctx) => {
        await seedDefaults(ctx)
        const s = await openSession(ctx, (await planSession(ctx, { date: '2026-11-10', kind: 'enterprise', location: '窗口' })).id)
        for (let n = 0; n < 201; n++) {
          await registerVisit(ctx, {
            sessionId: s.id,
            visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
            organization: { name: '青山化工有限公司' },
            headcount: n === 0 ? 2 : 1,
            matters: [{ type: 'consultation', categoryId: 1, content: `第${n + 1}次咨询`, answer: '已答复' }],
          })
        }
      },
    })
    const { page } = app
    await page.getByRole('menuitem', { name: '企业与来访人' }).click()
    await page.getByRole('row', { name: /青山化工有限公司/ }).click()
    const drawer = page.getByRole('dialog', { name: '青山化工有限公司' })
    await drawer.getByText('201 次，202 人次').waitFor()
    await drawer.getByText('共 201 次，列出最近 200 次').waitFor()
  })
})

describe('企业与来访人 while the list is on its way', () => {
  /** The directory opened from the desk, its first page held back until released. */
  async function openHeld(): Promise<{ opened: AppUnderTest; release: () => void }> {
    const seeded: Seeded = { qingshan: 0, duplicate: 0, zhang: 0 }
    const opened = await openApp({ now: '2026-11-10 09:00:00', seed: (ctx, clock) => seedDirectory(ctx, clock, seeded) })
    app = opened
    await settle(opened)
    const { release } = await holdAnswers(opened.page, 'organization-list')
    await watchSpinner(opened.page, '.directory-table')
    await opened.page.getByRole('menuitem', { name: '企业与来访人' }).click()
    return { opened, release }
  }

  it('draws the screen without a spinner or an empty-list text while its first page is on its way', async () => {
    const { opened, release } = await openHeld()
    await opened.page.getByLabel('查找企业').waitFor()
    expect((await spinnerSeen(opened.page)).firstDraw).toBe(false)
    expect(await opened.page.getByText('还没有企业来访').count()).toBe(0)
    release()
    await opened.page.getByRole('row', { name: /青山化工有限公司/ }).waitFor()
    await opened.page.getByText('共 3 家').waitFor()
  })

  it('shows the spinner once the answer keeps the clerk waiting, and takes it down with the rows', async () => {
    const { opened, release } = await openHeld()
    await opened.page.locator('.directory-table .ant-spin-spinning').waitFor()
    expect(await opened.page.getByText('还没有企业来访').count()).toBe(0)
    release()
    await opened.page.getByRole('row', { name: /青山化工有限公司/ }).waitFor()
    await opened.page.locator('.directory-table .ant-spin-spinning').waitFor({ state: 'detached' })
    expect((await spinnerSeen(opened.page)).ever).toBe(true)
  })
})
