import path from 'node:path'
import type ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { exportMonthXlsx } from '../../db/export'
import { monthlySummary } from '../../db/figures/month'
import { reportSentence } from '../../db/figures/report-sentence'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { decidePetition, extendPetition, replyPetition } from '../../db/issues/petition'
import { answerReview, requestReview } from '../../db/issues/petition-reviews'
import { replyToReferral } from '../../db/issues/procedure'
import { listSources } from '../../db/issues/source'
import { voidVisit } from '../../db/visits/voids'
import { registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from '../support/desk'
import { readXlsx, rowsOf, sheet } from '../support/export-files'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { asSupervisor, registerMatter, registerPetition } from '../support/petitions'
import type { Fixture, TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-10-01 08:00:00', (s) => ({ t, f } = s))

const at = (day: string) => t.clock.set(`${day} 10:00:00`)

async function source(name: string): Promise<number> {
  return (await listSources(t.ctx.db)).find((s) => s.name === name)?.id ?? 0
}

/**
 * October 2026, worked by hand. 信访: five registered (来信 2, 来访 1, 网上 1, 来电 1) and one whose
 * visit was voided. Decisions: 受理 2 (P1, P5), 不予受理 1 (P2), 转送 1 (P3), none yet 1 (P4).
 * Notices (due 15 days after registration; "today" 2026-11-20): P1 on time, P2 late, P3 and P4
 * never delivered and past their day, P5 on time → 2 on time of 5 due, 40%. Replies: P1 on time
 * (10-30 ≤ 12-08), P5 extended, due 2027-01-24, not yet → 1 of 1 due, 100%. Extended: 1.
 * 转办件: 12345 ×2 (one replied in time, one late), 上级交办 ×1 not replied and past its date.
 * In November: P1's 复查 asked and answered, then its 复核 asked → 复查 1, 复核 1.
 */
async function october(): Promise<void> {
  const p1 = await registerPetition(t, f, '2026-10-08', { content: 'P1 园区异味' })
  at('2026-10-09')
  await decidePetition(t.ctx, { issueId: p1.issueId, decision: 'accept', delivery: { date: '2026-10-09', method: 'post' } })
  await assignIssue(t.ctx, { issueId: p1.issueId, departmentId: f.departments[2]!.id })

  const day = await openDay(t, f, '2026-10-10', 'public')
  const v = await registerVisit(
    t.ctx,
    residentVisit(day.id, {
      visitor: { name: '刘明', kind: 'resident' },
      matters: [{ type: 'issue', categoryId: f.category('水').id, content: 'P2 河道排污', intake: { procedure: 'petition' } }],
    }),
  )
  const p2 = v.matters[0]?.issueId ?? 0
  const voided = await registerVisit(
    t.ctx,
    residentVisit(day.id, {
      visitor: { name: '作废人', kind: 'resident' },
      matters: [{ type: 'issue', categoryId: f.category('水').id, content: '登记错了', intake: { procedure: 'petition' } }],
    }),
  )
  await voidVisit(t.ctx, { visitId: voided.id, reason: '重复登记' })

  const p3 = await registerPetition(t, f, '2026-10-12', { channel: 'online', content: 'P3 餐饮油烟' })
  at('2026-10-15')
  await decidePetition(t.ctx, { issueId: p3.issueId, decision: 'forward', forwardTo: '县城市管理局' })
  await registerPetition(t, f, '2026-10-20', { channel: 'phone', content: 'P4 未决定' })
  const p5 = await registerPetition(t, f, '2026-10-25', { content: 'P5 延期的' })
  at('2026-10-26')
  await decidePetition(t.ctx, { issueId: p5.issueId, decision: 'accept', delivery: { date: '2026-10-26', method: 'in_person' } })
  at('2026-10-28')
  await decidePetition(t.ctx, {
    issueId: p2,
    decision: 'reject',
    reason: '已进入诉讼程序',
    delivery: { date: '2026-10-28', method: 'in_person' },
  })
  at('2026-10-30')
  await replyPetition(t.ctx, { issueId: p1.issueId, text: '已责令整改', delivery: { date: '2026-10-30', method: 'post' } })
  await asSupervisor(t, f, () => extendPetition(t.ctx, { issueId: p5.issueId, days: 30, reason: '需监测' }))

  const hotline = await source('12345')
  const r1 = await registerMatter(t, f, {
    date: '2026-10-05',
    channel: 'phone',
    intake: { sourceId: hotline, sourceRef: 'GD-1', referralDueDate: '2026-10-12', referralReplyBy: '2026-10-13' },
  })
  const r2 = await registerMatter(t, f, {
    date: '2026-10-06',
    channel: 'phone',
    intake: { sourceId: hotline, sourceRef: 'GD-2', referralDueDate: '2026-10-13' },
  })
  await registerMatter(t, f, {
    date: '2026-10-07',
    channel: 'letter',
    intake: { sourceId: await source('上级交办'), referralDueDate: '2026-10-31' },
  })
  for (const [r, done] of [
    [r1, '2026-10-12'],
    [r2, '2026-10-20'],
  ] as const) {
    at(done)
    await assignIssue(t.ctx, { issueId: r.issueId, departmentId: f.departments[5]!.id })
    await resolveIssue(t.ctx, { issueId: r.issueId, result: '已处理' })
    await replyToReferral(t.ctx, { issueId: r.issueId, method: 'online', text: '已处理并回复' })
  }

  at('2026-11-05')
  await requestReview(t.ctx, { issueId: p1.issueId, level: 'review' })
  await answerReview(t.ctx, { issueId: p1.issueId, level: 'review', text: '维持', delivery: { date: '2026-11-05', method: 'post' } })
  at('2026-11-10')
  await requestReview(t.ctx, { issueId: p1.issueId, level: 'rereview' })
  at('2026-11-20')
}

describe('信访 and 转办件 figures', () => {
  it('counts a hand-worked October exactly', async () => {
    await october()
    const s = await monthlySummary(t.ctx.db, '2026-10', '2026-11-20')
    expect(s.petitions).toEqual({
      registered: 5,
      byForm: { visit: 1, letter: 2, online: 1, other: 1 },
      accepted: 2,
      rejected: 1,
      forwarded: 1,
      undecided: 1,
      noticesOnTime: 2,
      noticesDue: 5,
      noticeOnTimeRate: 40,
      repliedOnTime: 1,
      repliesDue: 1,
      handlingOnTimeRate: 100,
      extended: 1,
      reviews: 0,
      rereviews: 0,
      referrals: [
        { sourceName: '12345', count: 2, replied: 2, repliedOnTime: 1, late: 1, replyOnTimeRate: 50 },
        { sourceName: '上级交办', count: 1, replied: 0, repliedOnTime: 0, late: 1, replyOnTimeRate: 0 },
      ],
      referralTotal: { count: 3, replied: 2, repliedOnTime: 1, late: 2, replyOnTimeRate: 33.3 },
    })
    const november = await monthlySummary(t.ctx.db, '2026-11', '2026-11-20')
    expect([november.petitions.registered, november.petitions.reviews, november.petitions.rereviews]).toEqual([0, 1, 1])
  })

  it('states the month’s 信访 and 转办件 in the report sentence with the same figures', async () => {
    await october()
    const text = reportSentence(await monthlySummary(t.ctx.db, '2026-10', '2026-11-20'))
    expect(text).toContain(
      '登记信访事项5件（来访1件、来信2件、网上1件、其他1件），受理2件、不予受理1件、转送1件，按期告知率40%，按期办结率100%，延期1件',
    )
    expect(text).toContain('办理转办件3件（12345 2件、上级交办1件），按期回复率33.3%')
  })

  it('puts the figures and one row per 信访事项 and 转办件 on the export’s 信访 sheet', async () => {
    await october()
    const file = path.join(t.dir, '2026-10.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-10', file })
    const ws = sheet(await readXlsx(file), '信访')
    const rows = rowsOf(ws)
    const value = (label: string): ExcelJS.CellValue => rows.find((r) => r[0] === label)?.[1] ?? null
    expect([value('信访件数'), value('其中：来访'), value('受理'), value('不予受理'), value('转送'), value('延期件数')]).toEqual([
      5, 1, 2, 1, 1, 1,
    ])
    expect(value('按期告知率')).toBeCloseTo(0.4)
    expect(value('转办件按期回复率')).toBeCloseTo(0.333, 3)
    const list = rows.findIndex((r) => r[0] === '问题编号')
    const referralsAt = rows.findIndex((r, i) => i > list && r[0] === '问题编号')
    const petitions = rows.slice(list + 1, referralsAt - 1)
    expect(petitions).toHaveLength(5)
    expect(petitions.map((r) => r[7])).toEqual(['受理', '不予受理', '转送', '尚未决定', '受理'])
    expect(rows.slice(referralsAt + 1).map((r) => r[2])).toEqual(['GD-1', 'GD-2', null])
  })
})
