import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import type { Ledger } from '../../db/core/open'
import { openServerLedger } from '../../db/core/open-server'
import {
  addProgress,
  assignIssue,
  closeIssue,
  extendIssue,
  rejectIssue,
  resolveIssue,
  superviseIssue,
  transferIssue,
} from '../../db/issues/actions'
import { correctIssueCategory } from '../../db/issues/category'
import { changeProcedure } from '../../db/issues/procedure'
import { getIssueDetail } from '../../db/issues/detail'
import { returnSection } from '../../db/issues/sections'
import { updateIssueCaseFile } from '../../db/issues/subject'
import { correctIssue } from '../../db/issues/text'
import { planSession } from '../../db/sessions/sessions'
import { bookAppointment, cancelAppointment } from '../../db/visits/appointments'
import { correctVisit } from '../../db/visits/corrections'
import { testEngine } from '../support/engine-ledger'
import { acceptIssue, openDay } from '../support/desk'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, bySupervisor, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

// Two clerks saving the same issue: the second is told it changed and nothing of theirs is
// written, never a silent overwrite (db/core/versions.ts). On both engines.

const STALE = '该问题已被他人修改，请刷新后重试'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

const others: Ledger[] = []
afterEach(async () => {
  for (const l of others.splice(0)) await l.close()
})

/**
 * Another desk on the same ledger: on the server its own pool, its own connections. A file has one
 * connection per app, whose transactions run one after the other (a second connection in this same
 * process would wait on the first one's lock while holding the thread the first needs): both
 * saves go through it.
 */
async function secondDesk(): Promise<Ledger> {
  if (testEngine() !== 'pg') return t.ledger
  const other = await openServerLedger(t.file)
  others.push(other)
  return other
}

async function versionOf(issueId: number): Promise<number> {
  return (await getIssueDetail(t.ledger.db, issueId, '2026-11-10')).version
}

async function contentOf(issueId: number): Promise<string> {
  return (await getIssueDetail(t.ledger.db, issueId, '2026-11-10')).content
}

/** The refusal a save met, or null when it was saved. */
async function refusal(work: Promise<unknown>): Promise<LedgerError | null> {
  return work.then(
    () => null,
    (e: unknown) => {
      if (e instanceof LedgerError) return e
      throw e
    },
  )
}

describe('two clerks saving one issue', () => {
  it('carries the version on the issue and raises it by one with each save', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    expect(await versionOf(issueId)).toBe(1)
    const assigned = await assignIssue(t.ctx, { issueId, version: 1, departmentId: f.departments[2]!.id })
    expect(assigned.version).toBeGreaterThan(1)
    const progressed = await addProgress(t.ctx, { issueId, version: assigned.version, note: '已现场核查' })
    expect(progressed.version).toBeGreaterThan(assigned.version)
    expect(await versionOf(issueId)).toBe(progressed.version)
  })

  it('refuses the second of two corrections made from the same version, and the first one’s text stands', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    const read = await versionOf(issueId)
    const clerk: LedgerContext = { ...t.ctx, actor: actorOf(f.desk) }
    await correctIssue(clerk, { issueId, version: read, content: '化工园区夜间有刺鼻的酸味', reason: '登记时听错' })
    const before = await tableCounts(t)
    const second = await refusal(
      correctIssue(bySupervisor(t, f), { issueId, version: read, content: '化工园区白天有粉尘', reason: '补充说明' }),
    )
    expect(second).toMatchObject({ code: 'stale_record', message: STALE })
    // Nothing of the second save: no history, no correction, no audit row, the first one's text.
    expect(await tableCounts(t)).toEqual(before)
    expect(await contentOf(issueId)).toBe('化工园区夜间有刺鼻的酸味')
  })

  it('refuses the second of two 交办 made from the same version, leaving the first section in charge', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    const read = await versionOf(issueId)
    await assignIssue(t.ctx, { issueId, version: read, departmentId: f.departments[2]!.id })
    const before = await tableCounts(t)
    const second = await refusal(assignIssue(bySupervisor(t, f), { issueId, version: read, departmentId: f.departments[3]!.id }))
    expect(second).toMatchObject({ code: 'stale_record', message: STALE })
    expect(await tableCounts(t)).toEqual(before)
    expect((await getIssueDetail(t.ledger.db, issueId, '2026-11-10')).departmentId).toBe(f.departments[2]!.id)
  })

  it('refuses every kind of issue edit named with an old version, writing nothing', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    await assignIssue(t.ctx, { issueId, version: await versionOf(issueId), departmentId: f.departments[2]!.id })
    const old = 1
    const boss = bySupervisor(t, f)
    const attempts: [string, () => Promise<unknown>][] = [
      ['交办', () => assignIssue(t.ctx, { issueId, version: old, departmentId: f.departments[3]!.id })],
      ['进展', () => addProgress(t.ctx, { issueId, version: old, note: '已核查' })],
      ['督办', () => superviseIssue(boss, { issueId, version: old, note: '请加快' })],
      ['延期', () => extendIssue(boss, { issueId, version: old, newDueDate: '2026-12-31', reason: '需监测' })],
      ['办结', () => resolveIssue(t.ctx, { issueId, version: old, result: '已整改' })],
      ['销号', () => closeIssue(t.ctx, { issueId, version: old })],
      ['转办', () => transferIssue(boss, { issueId, version: old, to: '市城管局', reason: '属城管' })],
      ['不予受理', () => rejectIssue(boss, { issueId, version: old, reason: '不属本局' })],
      ['更正', () => correctIssue(t.ctx, { issueId, version: old, content: '改过的', reason: '听错' })],
      ['类别', () => correctIssueCategory(boss, { issueId, version: old, categoryId: f.category('水').id, reason: '分错' })],
      ['属地', () => updateIssueCaseFile(t.ctx, { issueId, version: old, subject: { name: '城东化工' } })],
      ['程序', () => changeProcedure(boss, { issueId, version: old, procedure: 'petition', reason: '来信' })],
      ['退回', () => returnSection(t.ctx, { issueId, version: old, sectionId: 1, reason: '不归我们' })],
    ]
    const before = await tableCounts(t)
    const row = await t.ledger.db.selectFrom('issues').selectAll().where('id', '=', issueId).executeTakeFirst()
    for (const [label, attempt] of attempts) {
      expect(await refusal(attempt()), label).toMatchObject({ code: 'stale_record', message: STALE })
    }
    expect(await tableCounts(t)).toEqual(before)
    expect(await t.ledger.db.selectFrom('issues').selectAll().where('id', '=', issueId).executeTakeFirst()).toEqual(row)
  })

  it('refuses an edit of an issue whose visit was corrected since it was read', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId, visit } = await acceptIssue(t, f, day.id)
    const read = await versionOf(issueId)
    const matterId = visit.matters[0]!.id
    await correctVisit(t.ctx, { visitId: visit.id, matters: [{ matterId, content: '化工园区夜间有刺鼻的酸味' }], reason: '听错' })
    const second = await refusal(correctIssue(t.ctx, { issueId, version: read, content: '化工园区白天有粉尘', reason: '补充' }))
    expect(second).toMatchObject({ code: 'stale_record', message: STALE })
    expect(await contentOf(issueId)).toBe('化工园区夜间有刺鼻的酸味')
  })

  it('lets exactly one of two desks win when both save the same version at once', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    const read = await versionOf(issueId)
    const other = await secondDesk()
    const deskA: LedgerContext = { ...t.ctx, actor: actorOf(f.desk) }
    const deskB: LedgerContext = { db: other.db, actor: actorOf(f.leader), now: t.clock.now }
    const correctionsOf = () => t.ledger.db.selectFrom('corrections').select(['reason', 'new_value as after']).orderBy('id').execute()
    const auditOf = () => t.ledger.db.selectFrom('audit_log').select('id').where('action', '=', 'correct').execute()
    const outcomes = await Promise.allSettled([
      correctIssue(deskA, { issueId, version: read, content: '甲台填写的描述', reason: '甲台更正' }),
      correctIssue(deskB, { issueId, version: read, content: '乙台填写的描述', reason: '乙台更正' }),
    ])
    const won = outcomes.filter((o) => o.status === 'fulfilled')
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(lost[0]).toMatchObject({ code: 'stale_record', message: STALE })
    const winner = outcomes[0]?.status === 'fulfilled' ? '甲台填写的描述' : '乙台填写的描述'
    expect(await contentOf(issueId)).toBe(winner)
    // One correction on record, the winner's, with one audit row: the loser left nothing.
    expect(await correctionsOf()).toEqual([{ reason: winner === '甲台填写的描述' ? '甲台更正' : '乙台更正', after: winner }])
    expect(await auditOf()).toHaveLength(1)
    expect(await versionOf(issueId)).toBeGreaterThan(read)
  })
})

describe('two clerks correcting one visit, or cancelling one booking', () => {
  it('refuses a visit 更正 made from the version read before another clerk corrected it, writing nothing', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { visit } = await acceptIssue(t, f, day.id)
    await correctVisit(t.ctx, { visitId: visit.id, version: visit.version, headcount: 2, reason: '核对人数' })
    const before = await tableCounts(t)
    const second = await refusal(correctVisit(t.ctx, { visitId: visit.id, version: visit.version, headcount: 5, reason: '再核对' }))
    expect(second).toMatchObject({ code: 'stale_record', message: '该来访记录已被他人修改，请刷新后重试' })
    expect(await tableCounts(t)).toEqual(before)
    expect(
      (await t.ledger.db.selectFrom('visits').select('headcount').where('id', '=', visit.id).executeTakeFirstOrThrow()).headcount,
    ).toBe(2)
  })

  it('refuses a visit 更正 read before its issue’s own 更正, so the issue’s new text is never written over', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const { issueId, visit } = await acceptIssue(t, f, day.id)
    const matterId = visit.matters[0]!.id
    await correctIssue(t.ctx, { issueId, version: await versionOf(issueId), content: '化工园区夜间有刺鼻的酸味', reason: '听错' })
    const second = await refusal(
      correctVisit(t.ctx, {
        visitId: visit.id,
        version: visit.version,
        matters: [{ matterId, content: '化工园区白天有粉尘' }],
        reason: '补充',
      }),
    )
    expect(second).toMatchObject({ code: 'stale_record' })
    expect(await contentOf(issueId)).toBe('化工园区夜间有刺鼻的酸味')
  })

  it('refuses cancelling a booking from the version read before another clerk cancelled it', async () => {
    const s = await planSession(t.ctx, { date: '2026-11-12', kind: 'enterprise', location: '窗口' })
    const a = await bookAppointment(t.ctx, {
      sessionId: s.id,
      visitorName: '甲',
      kind: 'enterprise',
      organizationName: '甲公司',
      headcount: 1,
      questions: [{ content: '咨询排污许可' }],
    })
    await cancelAppointment(t.ctx, { appointmentId: a.id, version: a.version, reason: '企业改期' })
    const second = await refusal(cancelAppointment(t.ctx, { appointmentId: a.id, version: a.version, reason: '重复取消' }))
    expect(second).toMatchObject({ code: 'stale_record', message: '该预约已被他人修改，请刷新后重试' })
    expect(
      (await t.ledger.db.selectFrom('appointments').select('cancel_reason').where('id', '=', a.id).executeTakeFirstOrThrow()).cancel_reason,
    ).toBe('企业改期')
  })
})
