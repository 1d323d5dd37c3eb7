import { describe, expect, it } from 'vitest'
import { organizationHistory } from '../../db/directory/history'
import { mergeOrganizations } from '../../db/directory/list'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { correctIssueCategory } from '../../db/issues/category'
import { listIssues } from '../../db/issues/queries'
import { getIssueDetail } from '../../db/issues/detail'
import { repeatCandidates, updateIssueCaseFile } from '../../db/issues/subject'
import { saveLocality } from '../../db/reference/localities'
import { updateCaseRules } from '../../db/reference/case-rules'
import { registerVisit } from '../../db/visits/register'
import { GREEN_RIVER, registerComplaint, seedLocalities } from '../support/case-file'
import { openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { expectNothingChanged } from '../support/nothing-changed'
import { actAs, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

describe('被反映对象', () => {
  it('keeps the enterprise complained about apart from the visitor’s own enterprise', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const visit = await registerVisit(t.ctx, {
      sessionId: day.id,
      visitor: { name: '陈志强', phone: '13912345678', kind: 'enterprise' },
      organization: { name: '江南印染有限公司' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('水').id, content: '上游企业偷排废水', place: '青河', subject: GREEN_RIVER }],
    })
    const d = await getIssueDetail(t.ledger.db, visit.matters[0]?.issueId ?? 0, '2026-11-10')
    expect(d.organizationName).toBe('江南印染有限公司')
    expect(d.caseFile.subject).toMatchObject({ name: GREEN_RIVER.name, creditCode: GREEN_RIVER.creditCode })
    expect(d.subjectName).toBe(GREEN_RIVER.name)
    expect(d.caseFile.subject?.organizationId).not.toBe(d.organizationId)
  })

  it('adds an enterprise named at the desk to the directory, and finds it there the next time', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const first = await registerComplaint(t, f, day.id)
    const second = await registerComplaint(t, f, day.id, { subject: { name: GREEN_RIVER.name }, visitor: { name: '李四' } })
    const orgs = await t.ledger.db.selectFrom('organizations').selectAll().where('name', '=', GREEN_RIVER.name).execute()
    expect(orgs).toHaveLength(1)
    const a = await getIssueDetail(t.ledger.db, first.issueId, '2026-11-10')
    const b = await getIssueDetail(t.ledger.db, second.issueId, '2026-11-10')
    expect(b.caseFile.subject?.organizationId).toBe(a.caseFile.subject?.organizationId)
  })

  it('shows the complaints about an enterprise beside its own visits in its history', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const own = await registerVisit(t.ctx, {
      sessionId: day.id,
      visitor: { name: '陈志强', kind: 'enterprise' },
      organization: GREEN_RIVER,
      headcount: 1,
      matters: [{ type: 'consultation', categoryId: f.category('排污许可').id, content: '许可证延续', answer: '提前30日申请' }],
    })
    const complaint = await registerComplaint(t, f, day.id)
    const h = await organizationHistory(t.ctx, own.organizationId ?? 0)
    expect(h.visits.map((v) => v.id)).toEqual([own.id])
    expect(h.complaints.map((i) => i.id)).toEqual([complaint.issueId])
    expect(h.complaintCount).toBe(1)
  })

  it('moves the complaints about a duplicate enterprise to the one kept when the two are merged', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const dup = await registerComplaint(t, f, day.id, { subject: { name: '青河化工' } })
    const kept = await registerComplaint(t, f, day.id, { visitor: { name: '李四' } })
    const keepId = (await getIssueDetail(t.ledger.db, kept.issueId, '2026-11-10')).caseFile.subject?.organizationId ?? 0
    const mergeId = (await getIssueDetail(t.ledger.db, dup.issueId, '2026-11-10')).caseFile.subject?.organizationId ?? 0
    actAs(t, f.leader)
    await mergeOrganizations(t.ctx, { keepId, mergeId })
    expect((await getIssueDetail(t.ledger.db, dup.issueId, '2026-11-10')).caseFile.subject?.organizationId).toBe(keepId)
    expect((await organizationHistory(t.ctx, keepId)).complaintCount).toBe(2)
  })

  it('lists the issues about one enterprise', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const about = await registerComplaint(t, f, day.id)
    await registerComplaint(t, f, day.id, { subject: null, place: '河口桥下' })
    const orgId = (await getIssueDetail(t.ledger.db, about.issueId, '2026-11-10')).caseFile.subject?.organizationId ?? 0
    const page = await listIssues(t.ledger.db, { subjectOrganizationId: orgId }, '2026-11-10')
    expect(page.rows.map((r) => r.id)).toEqual([about.issueId])
  })
})

describe('属地', () => {
  it('is not asked for while the office keeps no list of 乡镇 and 街道', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    expect((await getIssueDetail(t.ledger.db, issueId, '2026-11-10')).caseFile.localityId).toBeNull()
  })

  it('is required on every new issue once the list exists, and nothing is saved without it', async () => {
    await seedLocalities(t)
    const day = await openDay(t, f, '2026-11-10')
    await expectNothingChanged(t, () => registerComplaint(t, f, day.id), /请选择第1项问题的属地/)
  })

  it('is kept on the issue and filters the ledger', async () => {
    const [town, street] = await seedLocalities(t)
    const day = await openDay(t, f, '2026-11-10')
    const a = await registerComplaint(t, f, day.id, { localityId: town!.id })
    await registerComplaint(t, f, day.id, { localityId: street!.id, visitor: { name: '李四' } })
    const d = await getIssueDetail(t.ledger.db, a.issueId, '2026-11-10')
    expect(d).toMatchObject({ localityName: '城关镇', caseFile: { localityId: town!.id, localityName: '城关镇' } })
    const page = await listIssues(t.ledger.db, { localityId: town!.id }, '2026-11-10')
    expect(page.rows.map((r) => r.id)).toEqual([a.issueId])
  })

  it('refuses a locality that is no longer in use', async () => {
    const [town] = await seedLocalities(t)
    await saveLocality(t.ctx, { id: town!.id, name: town!.name, active: false })
    const day = await openDay(t, f, '2026-11-10')
    await expectNothingChanged(t, () => registerComplaint(t, f, day.id, { localityId: town!.id }), /属地“城关镇”已停用/)
  })

  it('refuses a second locality of the same name', async () => {
    await seedLocalities(t)
    await expectNothingChanged(t, () => saveLocality(t.ctx, { name: '城关镇' }), /已有同名属地：城关镇/)
  })

  it('is filled in on an older issue, kept in its history', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    const [town] = await seedLocalities(t)
    const d = await updateIssueCaseFile(t.ctx, { issueId, localityId: town!.id })
    expect(d.caseFile.localityName).toBe('城关镇')
    expect(d.timeline.at(-1)?.title).toBe('更正被反映对象或属地：属地 — → 城关镇')
  })

  it('is corrected on a resolved issue only by a supervisor giving a reason', async () => {
    const [town, street] = await seedLocalities(t)
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id, { localityId: town!.id })
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await resolveIssue(t.ctx, { issueId, result: '已核查', finding: 'unfounded' })
    await expectNothingChanged(t, () => updateIssueCaseFile(t.ctx, { issueId, localityId: street!.id, reason: '填错' }), /须由负责人/)
    actAs(t, f.leader)
    await expectNothingChanged(t, () => updateIssueCaseFile(t.ctx, { issueId, localityId: street!.id }), /请填写更正理由/)
    const d = await updateIssueCaseFile(t.ctx, { issueId, localityId: street!.id, reason: '点位实属东城街道' })
    expect(d.caseFile.localityName).toBe('东城街道')
    expect(d.timeline.at(-1)).toMatchObject({ actorName: '李建国', text: '点位实属东城街道' })
  })
})

describe('重复件', () => {
  it('shows the earlier issues of the same category about the same enterprise within the window', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const earlier = await registerComplaint(t, f, day.id)
    await registerComplaint(t, f, day.id, { category: '噪声', visitor: { name: '王五' } })
    const orgId = (await getIssueDetail(t.ledger.db, earlier.issueId, '2026-11-10')).caseFile.subject?.organizationId ?? 0
    const shown = await repeatCandidates(t.ledger.db, { categoryId: f.category('大气').id, subjectOrganizationId: orgId }, '2026-11-10')
    expect(shown).toMatchObject({ windowDays: 90, rows: [{ id: earlier.issueId, matchedBy: ['subject'] }] })
  })

  it('finds an enterprise typed by name, a 点位 written with other spaces, and the same visitor', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const byOrg = await registerComplaint(t, f, day.id, { visitor: { name: '甲' } })
    const byPlace = await registerComplaint(t, f, day.id, { subject: null, place: '河口桥 下', visitor: { name: '乙' } })
    const category = f.category('大气').id
    expect(
      (await repeatCandidates(t.ledger.db, { categoryId: category, subjectName: GREEN_RIVER.name }, '2026-11-10')).rows.map((r) => r.id),
    ).toEqual([byOrg.issueId])
    const place = await repeatCandidates(t.ledger.db, { categoryId: category, place: '河口桥下' }, '2026-11-10')
    expect(place.rows).toMatchObject([{ id: byPlace.issueId, matchedBy: ['place'] }])
    const visitor = await repeatCandidates(t.ledger.db, { categoryId: category, visitorId: byPlace.visitorId }, '2026-11-10')
    expect(visitor.rows).toMatchObject([{ id: byPlace.issueId, matchedBy: ['visitor'] }])
  })

  it('leaves out issues older than the window in 设置', async () => {
    const old = await openDay(t, f, '2026-08-10')
    const earlier = await registerComplaint(t, f, old.id)
    await openDay(t, f, '2026-11-10')
    const orgId = (await getIssueDetail(t.ledger.db, earlier.issueId, '2026-11-10')).caseFile.subject?.organizationId ?? 0
    const q = { categoryId: f.category('大气').id, subjectOrganizationId: orgId }
    // 2026-08-10 is 92 days before 2026-11-10.
    expect((await repeatCandidates(t.ledger.db, q, '2026-11-10')).rows).toEqual([])
    actAs(t, f.leader)
    await updateCaseRules(t.ctx, { repeatWindowDays: 92 })
    expect((await repeatCandidates(t.ledger.db, q, '2026-11-10')).rows.map((r) => r.id)).toEqual([earlier.issueId])
  })

  it('links the new issue to the earlier one chosen, and the earlier one lists it', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const earlier = await registerComplaint(t, f, day.id)
    const again = await registerComplaint(t, f, day.id, { visitor: { name: '李四' }, repeatOfId: earlier.issueId })
    const d = await getIssueDetail(t.ledger.db, again.issueId, '2026-11-10')
    expect(d.caseFile.repeatOf).toMatchObject({ id: earlier.issueId, number: earlier.number })
    expect((await getIssueDetail(t.ledger.db, earlier.issueId, '2026-11-10')).caseFile.repeatedBy.map((r) => r.id)).toEqual([again.issueId])
  })

  it('refuses a link to an issue of another category, and saves nothing', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const noise = await registerComplaint(t, f, day.id, { category: '噪声' })
    await expectNothingChanged(
      t,
      () => registerComplaint(t, f, day.id, { visitor: { name: '李四' }, repeatOfId: noise.issueId }),
      new RegExp(`不是问题 ${noise.number} 的重复件`),
    )
  })

  it('refuses a link to an issue about another enterprise from another visitor', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const other = await registerComplaint(t, f, day.id, { subject: { name: '江南印染有限公司' } })
    await expectNothingChanged(
      t,
      () => registerComplaint(t, f, day.id, { visitor: { name: '李四' }, repeatOfId: other.issueId }),
      /不是问题 .* 的重复件/,
    )
  })
})

describe('更正问题类别', () => {
  it('corrects the category of an issue being handled, with the reason in its history', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    const d = await correctIssueCategory(t.ctx, { issueId, categoryId: f.category('噪声').id, reason: '实为夜间施工噪声' })
    expect(d.categoryName).toBe('噪声')
    expect(d.timeline.at(-1)).toMatchObject({ title: '更正问题类别：大气 → 噪声', text: '实为夜间施工噪声', actorName: '王晓丽' })
  })

  it('leaves a resolved issue’s category to a supervisor', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
    await resolveIssue(t.ctx, { issueId, result: '已核查', finding: 'unfounded' })
    await expectNothingChanged(
      t,
      () => correctIssueCategory(t.ctx, { issueId, categoryId: f.category('噪声').id, reason: '改' }),
      /更正问题类别须由负责人/,
    )
    actAs(t, f.leader)
    const d = await correctIssueCategory(t.ctx, { issueId, categoryId: f.category('噪声').id, reason: '月报前核对' })
    expect(d.categoryName).toBe('噪声')
  })

  it('refuses the category the issue already has', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await registerComplaint(t, f, day.id)
    await expectNothingChanged(
      t,
      () => correctIssueCategory(t.ctx, { issueId, categoryId: f.category('大气').id, reason: '核对' }),
      /类别已是“大气”/,
    )
  })
})
