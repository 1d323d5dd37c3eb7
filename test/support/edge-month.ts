import type { Ledger } from '../../db/core/open'
import { assignIssue, recordCallback, resolveIssue } from '../../db/issues/actions'
import { closeSession } from '../../db/sessions/sessions'
import { registerContact, registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from './desk'
import type { Fixture, TestLedger } from './temp-ledger'

// A hand-worked October–November 2026 built to sit on a month's edges (the working is in
// test/db/figures-edges.test.ts, which counts it):
// - E1 accepted 10-20, resolved on 10-30 but typed in on 11-02;
// - E2 a letter received 10-28 and registered on 11-03, resolved 11-12;
// - E3 accepted 11-05, resolved 11-10, called back 不满意 on 11-12 (reopened), resolved again 11-20,
//   called back 满意 on 11-25: one issue, two calls;
// - E4 accepted 10-20 and still open at the end of November;
// - E5 accepted 10-20, resolved 11-15 (after its 11-10 deadline).

export interface EdgeMonth {
  e1: number
  e2: number
  e3: number
  e4: number
  e5: number
}

async function oneIssue(t: TestLedger<Ledger>, sessionId: number, categoryId: number, content: string, name: string): Promise<number> {
  const v = await registerVisit(
    t.ctx,
    residentVisit(sessionId, { visitor: { name, kind: 'resident' }, matters: [{ type: 'issue', categoryId, content }] }),
  )
  const id = v.matters[0]?.issueId
  if (!id) throw new Error('no issue')
  return id
}

/** Builds the two months; the clock ends on 2026-11-30 10:00. */
export async function buildEdgeMonth(t: TestLedger<Ledger>, f: Fixture): Promise<EdgeMonth> {
  const air = f.category('大气').id
  const section = f.departments[1]!.id
  const october = await openDay(t, f, '2026-10-20', 'public')
  const e1 = await oneIssue(t, october.id, air, '搅拌站粉尘', '刘洋')
  const e4 = await oneIssue(t, october.id, air, '化工厂夜间异味', '周敏')
  const e5 = await oneIssue(t, october.id, air, '餐馆油烟', '吴芳')
  t.clock.set('2026-10-20 10:00:00')
  for (const id of [e1, e4, e5]) await assignIssue(t.ctx, { issueId: id, departmentId: section })
  await closeSession(t.ctx, october.id)

  t.clock.set('2026-11-02 10:00:00')
  await resolveIssue(t.ctx, { issueId: e1, result: '已责令洒水降尘', date: '2026-10-30' })

  t.clock.set('2026-11-03 09:00:00')
  const letter = await registerContact(t.ctx, {
    channel: 'letter',
    date: '2026-10-28',
    visitor: { name: '郑强', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: f.category('水').id, content: '来信反映河道排污' }],
  })
  const e2 = letter.matters[0]?.issueId
  if (!e2) throw new Error('no issue')

  const november = await openDay(t, f, '2026-11-05', 'public')
  const e3 = await oneIssue(t, november.id, air, '锅炉冒黑烟', '孙丽')
  t.clock.set('2026-11-05 10:00:00')
  for (const id of [e2, e3]) await assignIssue(t.ctx, { issueId: id, departmentId: section })
  await closeSession(t.ctx, november.id)
  t.clock.set('2026-11-10 10:00:00')
  await resolveIssue(t.ctx, { issueId: e3, result: '已约谈企业' })
  t.clock.set('2026-11-12 10:00:00')
  await recordCallback(t.ctx, { issueId: e3, method: 'phone', satisfaction: 'unsatisfied', comment: '仍冒黑烟' })
  await resolveIssue(t.ctx, { issueId: e2, result: '已封堵排污口' })
  t.clock.set('2026-11-15 10:00:00')
  await resolveIssue(t.ctx, { issueId: e5, result: '已安装油烟净化器' })
  t.clock.set('2026-11-20 10:00:00')
  await resolveIssue(t.ctx, { issueId: e3, result: '锅炉已改用天然气' })
  t.clock.set('2026-11-25 10:00:00')
  await recordCallback(t.ctx, { issueId: e3, method: 'phone', satisfaction: 'satisfied' })
  t.clock.set('2026-11-30 10:00:00')
  return { e1, e2, e3, e4, e5 }
}
