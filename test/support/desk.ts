import type { Ledger } from '../../db/core/open'
import type { Fixture, TestLedger } from './temp-ledger'
import { openSession, planSession } from '../../db/sessions/sessions'
import { registerVisit, type RegisterVisitInput } from '../../db/visits/register'
import type { Session, VisitSummary } from '../../shared/types'

/** Plans and opens a reception day on the clock's current date. */
export async function openDay(t: TestLedger<Ledger>, f: Fixture, date: string, kind: Session['kind'] = 'enterprise'): Promise<Session> {
  t.clock.set(`${date} 08:30:00`)
  const s = await planSession(t.ctx, { date, kind, location: '局一楼接待室', hostLeaderId: f.leader.id, staffIds: [f.desk.id] })
  return openSession(t.ctx, s.id)
}

export function residentVisit(sessionId: number, over: Partial<RegisterVisitInput> = {}): RegisterVisitInput {
  return {
    sessionId,
    visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
    headcount: 1,
    matters: [
      {
        type: 'consultation',
        categoryId: 1,
        content: '小区旁饭店油烟扰民向哪里反映',
        answer: '属餐饮油烟，已告知向城市管理部门反映，电话12319',
      },
    ],
    ...over,
  }
}

export async function acceptIssue(
  t: TestLedger<Ledger>,
  f: Fixture,
  sessionId: number,
  content = '化工园区夜间有刺鼻气味',
): Promise<{ visit: VisitSummary; issueId: number; number: string }> {
  const visit = await registerVisit(
    t.ctx,
    residentVisit(sessionId, {
      matters: [{ type: 'issue', categoryId: f.category('大气').id, content, place: '城东工业园' }],
    }),
  )
  const m = visit.matters[0]
  if (!m?.issueId || !m.issueNumber) throw new Error('no issue registered')
  return { visit, issueId: m.issueId, number: m.issueNumber }
}
