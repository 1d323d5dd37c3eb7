import type { Ledger } from '../../db/core/open'
import { assignIssue, closeIssue, recordCallback, rejectIssue, resolveIssue, transferIssue } from '../../db/issues/actions'
import { closeSession, planSession } from '../../db/sessions/sessions'
import { registerVisit } from '../../db/visits/register'
import { openDay } from './desk'
import type { Fixture, TestLedger } from './temp-ledger'

// The hand-worked November 2026 (the working is in test/db/figures.test.ts, which counts this very
// month), with what an export must protect or defuse: phones (mobile, landline, +86), two ID
// numbers, a phone typed into the text of an issue, and texts that a spreadsheet would take for
// formulas. None of it changes a figure.

export const CODE_A = '91350100M000100Y43'
export const ID_CHEN = '11010519491231002X'
export const ID_ZHENG = '350102198506151231'
export const PHONES = ['13900001111', '13812345678', '13698765432', '13700003333', '13500004444', '15000005555', '13900002222']

async function issueOf(v: { matters: { issueId: number | null }[] }, index = 0): Promise<number> {
  const id = v.matters.filter((m) => m.issueId !== null)[index]?.issueId
  if (!id) throw new Error('no issue')
  return id
}

export interface ExportMonth {
  /** X2 of the working: reopened after an unsatisfied call, the one issue overdue at month end. */
  overdueIssueId: number
}

/** Builds the month; the clock ends on 2026-11-30 10:00. */
export async function buildExportFixture(t: TestLedger<Ledger>, f: Fixture): Promise<ExportMonth> {
  const oct = await openDay(t, f, '2026-10-15', 'public')
  const o1 = await registerVisit(t.ctx, {
    sessionId: oct.id,
    visitor: { name: '刘洋', kind: 'resident', phone: '139 0000 1111' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '工地夜间施工' }],
  })
  const o2 = await registerVisit(t.ctx, {
    sessionId: oct.id,
    visitor: { name: '周敏', kind: 'resident', phone: '0591-87654321' },
    headcount: 2,
    matters: [{ type: 'issue', categoryId: f.category('水').id, content: '养殖场废水' }],
  })
  await assignIssue(t.ctx, { issueId: await issueOf(o1), departmentId: f.departments[1]!.id })
  await assignIssue(t.ctx, { issueId: await issueOf(o2), departmentId: f.departments[1]!.id })
  t.clock.set('2026-10-20 10:00:00')
  await resolveIssue(t.ctx, { issueId: await issueOf(o1), result: '已责令停止夜间施工' })
  await closeSession(t.ctx, oct.id)

  const a = await openDay(t, f, '2026-11-05', 'enterprise')
  const v1 = await registerVisit(t.ctx, {
    sessionId: a.id,
    visitor: { name: '陈志强', kind: 'enterprise', phone: '13812345678', idNumber: ID_CHEN },
    organization: { name: '甲化工有限公司', creditCode: CODE_A },
    headcount: 3,
    matters: [
      { type: 'consultation', categoryId: f.category('排污许可').id, content: '许可证延续', answer: '已告知材料' },
      { type: 'issue', categoryId: f.category('环评审批').id, content: '扩建环评进度' },
    ],
  })
  const v2 = await registerVisit(t.ctx, {
    sessionId: a.id,
    visitor: { name: '林小红', kind: 'enterprise', phone: '136-9876-5432' },
    organization: { name: '甲化工', creditCode: CODE_A },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '周边企业异味影响生产' }],
  })
  await registerVisit(t.ctx, {
    sessionId: a.id,
    visitor: { name: '黄磊', kind: 'enterprise', phone: '+86 139 0000 2222' },
    organization: { name: '乙建材厂' },
    headcount: 2,
    matters: [{ type: 'consultation', categoryId: f.category('政策咨询').id, content: '超低排放改造补贴', answer: '已解读政策' }],
  })
  await closeSession(t.ctx, a.id)

  const b = await openDay(t, f, '2026-11-19', 'public')
  const v4 = await registerVisit(t.ctx, {
    sessionId: b.id,
    visitor: { name: '吴芳', kind: 'resident', phone: '13700003333' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '广场舞噪声，请回电13700003333' }],
  })
  const v5 = await registerVisit(t.ctx, {
    sessionId: b.id,
    visitor: { name: '郑强', kind: 'resident', phone: '13500004444', idNumber: ID_ZHENG },
    headcount: 4,
    matters: [{ type: 'issue', categoryId: f.category('水').id, content: `索要邻居赔偿，身份证${ID_ZHENG}` }],
  })
  const v6 = await registerVisit(t.ctx, {
    sessionId: b.id,
    visitor: { name: '孙丽', kind: 'resident', phone: '15000005555' },
    headcount: 1,
    matters: [
      { type: 'consultation', categoryId: f.category('大气').id, content: '空气质量查询', answer: '已告知查询渠道' },
      {
        type: 'issue',
        categoryId: f.category('政策咨询').id,
        content: '=HYPERLINK("http://example.com/x","要求书面答复新政策")',
        place: '@城南, "新区"',
      },
    ],
  })
  t.clock.set('2026-11-20 09:00:00')
  await planSession(t.ctx, { date: '2026-11-26', kind: 'leader', location: '局长办公室' })

  const x1 = await issueOf(v1)
  const x2 = await issueOf(v2)
  const x5 = await issueOf(v6)
  await transferIssue(t.ctx, { issueId: await issueOf(v4), to: '街道办事处', reason: '-社会生活噪声' })
  await rejectIssue(t.ctx, { issueId: await issueOf(v5), reason: '+民事纠纷' })
  for (const id of [x1, x2, x5]) await assignIssue(t.ctx, { issueId: id, departmentId: f.departments[2]!.id })
  t.clock.set('2026-11-10 10:00:00')
  await resolveIssue(t.ctx, { issueId: await issueOf(o2), result: '已关停排污口' })
  t.clock.set('2026-11-12 10:00:00')
  await recordCallback(t.ctx, { issueId: await issueOf(o2), method: 'phone', satisfaction: 'basically_satisfied' })
  t.clock.set('2026-11-20 15:00:00')
  await resolveIssue(t.ctx, { issueId: x1, result: '已完成审批' })
  t.clock.set('2026-11-21 10:00:00')
  await recordCallback(t.ctx, { issueId: x1, method: 'phone', satisfaction: 'satisfied' })
  await closeIssue(t.ctx, { issueId: x1 })
  t.clock.set('2026-11-25 10:00:00')
  await resolveIssue(t.ctx, { issueId: x2, result: '已约谈企业' })
  t.clock.set('2026-11-26 10:00:00')
  await recordCallback(t.ctx, { issueId: x2, method: 'visit', satisfaction: 'unsatisfied', comment: '仍有异味' })
  t.clock.set('2026-11-27 10:00:00')
  await resolveIssue(t.ctx, { issueId: x5, result: '已书面答复' })
  t.clock.set('2026-11-30 10:00:00')
  return { overdueIssueId: x2 }
}

/** The month's figures worked out by hand (see test/db/figures.test.ts), as 汇总 labels them. */
export const HAND_WORKED: Record<string, number> = {
  '接待日（场）': 2,
  '其中：服务企业接待日（场）': 1,
  '其中：服务群众接待日（场）': 1,
  '其中：领导接待日（场）': 0,
  '其中：上门服务（场）': 0,
  '来访登记（批）': 6,
  '接待企业（家）': 2,
  接待人次: 12,
  '其中：群众（人次）': 6,
  '其中：企业（人次）': 6,
  '咨询（件）': 3,
  '登记问题（个）': 5,
  '受理（个）': 4,
  '办结（个）': 2,
  '其中：已销号（个）': 1,
  '按期办结（个）': 1,
  '转办（个）': 1,
  '不予受理（个）': 1,
  '办理中（个）': 1,
  '本月办结（个）': 3,
  '其中：上月受理（个）': 1,
  '其中：按期（个）': 1,
  '回访（次）': 3,
  '回访问题（个）': 3,
  '其中：满意（个）': 1,
  '其中：基本满意（个）': 1,
  '其中：不满意（个）': 1,
  '上月结转未办结（个）': 1,
  '其中：目前仍在办理（个）': 0,
  '当前超期（个）': 1,
}

/** Rates in percent, as figures.ts rounds them. */
export const HAND_WORKED_RATES: Record<string, number> = { 办结率: 66.7, 按期办结率: 50, 满意率: 66.7 }

/** 问题类别, 咨询, 受理, 办结 (of those accepted), 本月办结 (whenever accepted: October's O2 is 水's). */
export const HAND_WORKED_CATEGORIES: [string, number, number, number, number][] = [
  ['大气', 1, 1, 0, 0],
  ['水', 0, 0, 0, 1],
  ['噪声', 0, 1, 0, 0],
  ['环评审批', 0, 1, 1, 1],
  ['排污许可', 1, 0, 0, 0],
  ['政策咨询', 1, 1, 1, 1],
]
