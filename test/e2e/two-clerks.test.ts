import type { Locator } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { addProgress, assignIssue } from '../../db/issues/actions'
import { getIssueDetail } from '../../db/issues/detail'
import { getStaff, listCategories, listDepartments, saveStaff } from '../../db/reference/reference'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openApp, type AppUnderTest } from '../support/browser'
import { actorOf } from '../support/temp-ledger'

// Two clerks on one issue, on screen: the one who saves second is told the issue changed, keeps
// what they typed, and 刷新 shows the other clerk's work around the form before they save again.

let app: AppUnderTest | null = null
afterEach(async (t) => {
  await app?.close(t.task)
  app = null
})

const NOW = '2026-11-10 09:00:00'

/** Today's open day with one issue handed to 大气环境股; returns the issue and the other clerk. */
async function seedAssignedIssue(ctx: LedgerContext): Promise<{ issueId: number; otherId: number }> {
  await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
  const other = await saveStaff(ctx, { name: '孙丽', role: 'desk' })
  const s = await planSession(ctx, { date: '2026-11-10', kind: 'public', location: '局一楼群众接待室' })
  await openSession(ctx, s.id)
  const categoryId = (await listCategories(ctx.db)).find((c) => c.name === '大气')?.id ?? 1
  const visit = await registerVisit(ctx, {
    sessionId: s.id,
    visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId, content: '化工园区夜间有刺鼻气味', place: '城东' }],
  })
  const issueId = visit.matters[0]?.issueId
  if (!issueId) throw new Error('no issue')
  const air = (await listDepartments(ctx.db)).find((d) => d.name === '大气环境股')?.id ?? 1
  await assignIssue(ctx, { issueId, departmentId: air })
  return { issueId, otherId: other.id }
}

const actionCard = (drawer: Locator, title: string) =>
  drawer.locator('.ant-card').filter({ has: drawer.page().locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }) })

describe('two clerks saving one issue', () => {
  it('keeps the typed text of an edit refused as stale, shows the other clerk’s work on 刷新, and saves again', async () => {
    let seeded = { issueId: 0, otherId: 0 }
    app = await openApp({ now: NOW, seed: async (ctx) => void (seeded = await seedAssignedIssue(ctx)), onDuty: { name: '王晓丽' } })
    const { page } = app
    const { issueId } = seeded
    await page.goto(`${app.bridge.url}#/issues?id=${issueId}`)
    const drawer = page.getByRole('dialog')
    await drawer.getByText('化工园区夜间有刺鼻气味').first().waitFor()

    // 王晓丽 starts typing a progress note…
    await drawer.getByRole('button', { name: '记录进展' }).click()
    const progress = actionCard(drawer, '记录进展')
    const box = progress.getByLabel('进展情况')
    await box.fill('已现场核查，企业废气收集设施破损')

    // …while 孙丽, at another desk, saves one first.
    const other: LedgerContext = { ...app.ctx, actor: actorOf(await getStaff(app.ctx.db, seeded.otherId)) }
    const read = await getIssueDetail(app.ctx.db, issueId, '2026-11-10')
    await addProgress(other, { issueId, version: read.version, note: '孙丽：已电话联系企业负责人' })

    await box.press('Enter')
    await progress.getByText('该问题已被他人修改，请刷新后重试').waitFor()
    // What she typed is still there, and nothing of it was written.
    expect(await box.inputValue()).toBe('已现场核查，企业废气收集设施破损')
    const notes = () => app!.ctx.db.selectFrom('progress_notes').select('note').where('issue_id', '=', issueId).orderBy('id').execute()
    expect(await notes()).toEqual([{ note: '孙丽：已电话联系企业负责人' }])
    // The other clerk's note is not shown until she asks for it.
    expect(await drawer.getByText('孙丽：已电话联系企业负责人').count()).toBe(0)
    await app.screenshot('two-clerks-stale')

    // 刷新: the issue as it now stands around the form; her text untouched.
    await progress.getByRole('button', { name: twoChar('刷新') }).click()
    await drawer.getByText('孙丽：已电话联系企业负责人').first().waitFor()
    expect(await progress.getByText('该问题已被他人修改，请刷新后重试').count()).toBe(0)
    expect(await box.inputValue()).toBe('已现场核查，企业废气收集设施破损')

    // Saving again names the version read on 刷新, and is saved.
    await box.press('Enter')
    await drawer
      .getByText(/已记录进展/)
      .first()
      .waitFor()
    expect(await notes()).toEqual([{ note: '孙丽：已电话联系企业负责人' }, { note: '已现场核查，企业废气收集设施破损' }])
  })
})

/** antd spaces out a two-character button label (刷 新); find it either way. */
function twoChar(name: string): RegExp {
  return new RegExp(`^${[...name].join('\\s?')}$`)
}
