import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyAudit } from '../../db/audit/verify'
import { exportMonthXlsx } from '../../db/export'
import { handoverSheets } from '../../db/print/sheets'
import { updateCaseRules } from '../../db/reference/case-rules'
import { monthlySummary } from '../../db/figures/month'
import { reportSentence } from '../../db/figures/report-sentence'
import { yearlySummary } from '../../db/figures/year'
import { assignIssue, recordCallback, rejectIssue, resolveIssue } from '../../db/issues/actions'
import { registerContact, registerVisit } from '../../db/visits/register'
import { voidVisit } from '../../db/visits/voids'
import type { Locality } from '../../shared/types'
import { registerComplaint, seedLocalities } from '../support/case-file'
import { column, readXlsx, rowsOf, sheet } from '../support/export-files'
import { openDay } from '../support/desk'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actAs, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

/**
 * A hand-worked November, 集体访 at 5 people (the default), 属地 城关镇 and 东城街道:
 *   I1 青河化工 大气 城关镇, 6 people        → 属实, 责令整改 + 立案处罚 20,000 元
 *   I2 青河化工 大气 城关镇, repeat of I1    → 部分属实, 立案处罚 5,000.50 元 + 移送
 *   I3 江南印染 水 东城街道, 5 people         → 不属实
 *   I4 点位 河口桥下 大气 东城街道             → 办结 without a finding (no enterprise named)
 *   I5 青河化工 噪声 东城街道                  → still with its section
 *   I6 江南印染 水 东城街道, repeat of I3    → 不予受理
 *   I7 大气 城关镇, no enterprise             → 无法查实, 现场指导
 *   I8 青河化工 大气 城关镇                    → 属实 + 立案处罚 1,000 元, then 回访不满意: reopened, not 办结
 *   I9 青河化工 大气 城关镇, its visit voided → 属实 + 立案处罚 99,999 元, never counted
 *   a consultation visit of 7 people; a phone call of 8 (not a visit in person)
 */
async function handWorkedNovember(): Promise<{ town: Locality; street: Locality }> {
  const [town, street] = await seedLocalities(t)
  if (!town || !street) throw new Error('no localities')
  const day = await openDay(t, f, '2026-11-10')
  const c = (o: Parameters<typeof registerComplaint>[3]) => registerComplaint(t, f, day.id, o)
  const jiangnan = { name: '江南印染有限公司' }
  const i1 = await c({ localityId: town.id, headcount: 6, visitor: { name: '张桂芳' } })
  const i2 = await c({ localityId: town.id, visitor: { name: '李四' }, repeatOfId: i1.issueId })
  const i3 = await c({ category: '水', subject: jiangnan, localityId: street.id, headcount: 5, visitor: { name: '王五' } })
  const i4 = await c({ subject: null, place: '河口桥下', localityId: street.id, visitor: { name: '赵六' } })
  const i5 = await c({ category: '噪声', localityId: street.id, visitor: { name: '钱七' } })
  const i6 = await c({ category: '水', subject: jiangnan, localityId: street.id, visitor: { name: '王五' }, repeatOfId: i3.issueId })
  const i7 = await c({ subject: null, place: '城关老街', localityId: town.id, visitor: { name: '孙八' } })
  const i8 = await c({ localityId: town.id, visitor: { name: '周九' } })
  const i9 = await c({ localityId: town.id, visitor: { name: '吴十' } })
  await registerVisit(t.ctx, {
    sessionId: day.id,
    visitor: { name: '村民代表', kind: 'resident' },
    headcount: 7,
    matters: [{ type: 'consultation', categoryId: f.category('水').id, content: '饮用水源保护范围', answer: '已解释' }],
  })
  await registerContact(t.ctx, {
    channel: 'phone',
    date: '2026-11-10',
    visitor: { name: '来电群众', kind: 'resident' },
    headcount: 8,
    matters: [{ type: 'consultation', categoryId: f.category('水').id, content: '噪声投诉电话', answer: '已告知' }],
  })

  const dep = f.departments[1]!.id
  for (const i of [i1, i2, i3, i4, i5, i7, i8, i9]) await assignIssue(t.ctx, { issueId: i.issueId, departmentId: dep })
  t.clock.set('2026-11-20 10:00:00')
  await resolveIssue(t.ctx, {
    issueId: i1.issueId,
    result: '立案查处',
    finding: 'verified',
    measures: [
      { kind: 'rectify', rectifyDeadline: '2026-12-20' },
      { kind: 'penalty', fineYuan: 20000 },
    ],
  })
  await resolveIssue(t.ctx, {
    issueId: i2.issueId,
    result: '部分属实',
    finding: 'partly_verified',
    measures: [
      { kind: 'penalty', fineYuan: 5000.5 },
      { kind: 'referral', referredTo: '县公安局' },
    ],
  })
  await resolveIssue(t.ctx, { issueId: i3.issueId, result: '监测达标', finding: 'unfounded' })
  await resolveIssue(t.ctx, { issueId: i4.issueId, result: '已清理' })
  await resolveIssue(t.ctx, { issueId: i7.issueId, result: '无法核实', finding: 'unverifiable', measures: [{ kind: 'guidance' }] })
  await resolveIssue(t.ctx, { issueId: i8.issueId, result: '罚款', finding: 'verified', measures: [{ kind: 'penalty', fineYuan: 1000 }] })
  await recordCallback(t.ctx, { issueId: i8.issueId, method: 'phone', satisfaction: 'unsatisfied', comment: '仍在排放' })
  await resolveIssue(t.ctx, { issueId: i9.issueId, result: '罚款', finding: 'verified', measures: [{ kind: 'penalty', fineYuan: 99999 }] })
  actAs(t, f.leader)
  await voidVisit(t.ctx, { visitId: i9.visitId, reason: '重复登记' })
  await rejectIssue(t.ctx, { issueId: i6.issueId, reason: '与前件重复，已在办理' })
  return { town, street }
}

describe('case-file figures on a hand-worked month', () => {
  it('counts 重复件, 集体访, 查实情况, 属实率, 立案数 and 罚款金额 as worked out by hand', async () => {
    await handWorkedNovember()
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    // 办结: I1, I2, I3, I4, I7 (I5 in hand, I6 refused, I8 reopened, I9 voided).
    expect(s.issuesResolved).toBe(5)
    expect(s.caseFile).toMatchObject({
      // I2 and I6 were linked to earlier issues.
      repeats: 2,
      // Visits in person of 5 or more: I1's (6), I3's (5), the consultation (7); the call of 8 is not a visit.
      collectiveVisits: 3,
      collectivePersonTimes: 6 + 5 + 7,
      collectiveHeadcount: 5,
      // Of the five 办结: I1 属实, I2 部分属实, I3 不属实, I7 无法查实; I4 has none.
      findings: { verified: 1, partly_verified: 1, unfounded: 1, unverifiable: 1 },
      // (1 + 1) ÷ 4 = 50 %.
      verifiedRate: 50,
      rectifyOrders: 1,
      // I1 and I2; I8's fine was of an 办结 undone by the unsatisfied callback, I9's visit was voided.
      penaltyCases: 2,
      fineYuan: 20000 + 5000.5,
      referrals: 1,
      lateExtensions: 0,
    })
  })

  it('leaves every case-file record vouched for by its audit row, so check finds nothing changed around the app', async () => {
    await handWorkedNovember()
    expect(verifyAudit(t.ledger.sqlite, t.file)).toMatchObject({ ok: true, records: { changed: 0, unaudited: 0, deleted: 0 } })
    // A 办结 with its measures as the ledger's very last write: its own audit row vouches for them.
    const day = await openDay(t, f, '2026-11-30')
    const last = await registerComplaint(t, f, day.id, {
      localityId: (await t.ledger.db.selectFrom('localities').select('id').executeTakeFirstOrThrow()).id,
    })
    await assignIssue(t.ctx, { issueId: last.issueId, departmentId: f.departments[1]!.id, assistDepartmentIds: [f.departments[2]!.id] })
    await resolveIssue(t.ctx, {
      issueId: last.issueId,
      result: '责令整改',
      finding: 'verified',
      measures: [{ kind: 'rectify', rectifyDeadline: '2026-12-15' }],
    })
    expect(verifyAudit(t.ledger.sqlite, t.file)).toMatchObject({ ok: true, records: { changed: 0, unaudited: 0, deleted: 0 } })
    // The 办结's own audit row vouched for its measures: no catch-all record_state row was needed after it.
    const lastAudit = await t.ledger.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(lastAudit.action).toBe('resolve')
  })

  it('gives the month by 属地: accepted, resolved and found true', async () => {
    await handWorkedNovember()
    const s = await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')
    expect((s.caseFile?.byLocality ?? []).map((l) => [l.localityName, l.issuesAccepted, l.issuesResolved, l.verified])).toEqual([
      // 城关镇: I1, I2, I7, I8 accepted (I9 voided); I1, I2, I7 办结; I1, I2 属实 or 部分属实.
      ['城关镇', 4, 3, 2],
      // 东城街道: I3, I4, I5 accepted (I6 refused); I3, I4 办结; none found true.
      ['东城街道', 3, 2, 0],
    ])
  })

  it('puts 属实率, 立案 and 罚款 in the report sentence', async () => {
    await handWorkedNovember()
    const text = reportSentence(await monthlySummary(t.ledger.db, '2026-11', '2026-11-30'))
    expect(text).toContain('经核查属实（含部分属实）2个，属实率50%，责令整改1件，立案查处2件，罚款2.5万元；')
  })

  it('sums the year’s case file over its months', async () => {
    await handWorkedNovember()
    const y = await yearlySummary(t.ledger.db, '2026')
    expect(y.caseFile).toMatchObject({ repeats: 2, collectiveVisits: 3, penaltyCases: 2, fineYuan: 25000.5, verifiedRate: 50 })
  })

  it('puts the case file in the month’s export: 汇总’s figures and 属地 table, and 问题台账’s columns', async () => {
    await handWorkedNovember()
    const file = path.join(t.dir, '2026-11.xlsx')
    await exportMonthXlsx(t.ctx, { month: '2026-11', file })
    const wb = await readXlsx(file)
    const summary = rowsOf(sheet(wb, '汇总'))
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1]
    expect(value('重复件（个）')).toBe(2)
    expect(value('集体访（批）')).toBe(3)
    expect(value('集体访（人次）')).toBe(18)
    // 50 % is written as the fraction Excel shows as a percentage.
    expect(value('属实率')).toBe(0.5)
    expect(value('立案数（件）')).toBe(2)
    expect(value('罚款金额（元）')).toBe(25000.5)
    const localities = summary.slice(summary.findIndex((r) => r[0] === '属地') + 1).map((r) => r.slice(0, 4))
    expect(localities).toEqual([
      ['城关镇', 4, 3, 2],
      ['东城街道', 3, 2, 0],
    ])
    const issues = rowsOf(sheet(wb, '问题台账'))
    const byNumber = (n: string) => issues.find((r) => r[0] === n) ?? []
    const first = byNumber('JD-2026-11-0001')
    expect(first[column(issues, '被反映对象')]).toBe('青河化工有限公司')
    expect(first[column(issues, '属地')]).toBe('城关镇')
    expect(first[column(issues, '集体访')]).toBe('是（6人）')
    expect(first[column(issues, '查实情况')]).toBe('属实')
    expect(first[column(issues, '处理措施')]).toBe('责令整改；立案处罚')
    expect(first[column(issues, '罚款金额（元）')]).toBe(20000)
    expect(byNumber('JD-2026-11-0002')[column(issues, '重复件（原问题编号）')]).toBe('JD-2026-11-0001')
    expect(byNumber('JD-2026-11-0002')[column(issues, '处理措施')]).toBe('立案处罚；移送县公安局')
  })

  it('counts 集体访 by the head-count in 设置 when the figures are read', async () => {
    await handWorkedNovember()
    actAs(t, f.leader)
    await updateCaseRules(t.ctx, { collectiveHeadcount: 6 })
    // Now I1's visit (6) and the consultation (7); I3's five people no longer make a 集体访.
    expect((await monthlySummary(t.ledger.db, '2026-11', '2026-11-30')).caseFile).toMatchObject({
      collectiveVisits: 2,
      collectivePersonTimes: 13,
      collectiveHeadcount: 6,
    })
    const audited = await t.ledger.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'actor_name'])
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    expect(audited).toEqual([{ action: 'update', entity: 'settings', actor_name: '李建国' }])
  })

  it('prints 被反映对象, 属地 and the 协办 sections on the 交办单', async () => {
    await handWorkedNovember()
    const issue = await t.ledger.db.selectFrom('issues').select('id').where('number', '=', 'JD-2026-11-0005').executeTakeFirstOrThrow()
    await assignIssue(t.ctx, { issueId: issue.id, departmentId: f.departments[2]!.id, assistDepartmentIds: [f.departments[5]!.id] })
    const [sheetOf] = await handoverSheets(t.ledger.db, { issueIds: [issue.id] })
    expect(sheetOf).toMatchObject({
      subjectName: '青河化工有限公司',
      localityName: '东城街道',
      assistDepartments: [f.departments[5]!.name],
    })
  })
})
