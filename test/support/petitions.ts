import type { Ledger } from '../../db/core/open'
import { getIssueDetail } from '../../db/issues/detail'
import type { IntakeInput } from '../../db/issues/source'
import { registerContact, type RegisterContactInput } from '../../db/visits/register'
import type { IssueDetail } from '../../shared/types'
import { actAs, type Fixture, type TestLedger } from './temp-ledger'

// 信访事项 and 转办件 for the tests: registered as a letter (or another channel) on the given day,
// with the clock set to it, so "today" is the registration date until the test moves it.

export interface Registered {
  issueId: number
  number: string
  detail: IssueDetail
}

export interface RegisterOptions {
  date: string
  channel?: RegisterContactInput['channel']
  intake?: IntakeInput
  content?: string
  visitorName?: string
  categoryName?: string
}

export async function registerMatter(t: TestLedger<Ledger>, f: Fixture, o: RegisterOptions): Promise<Registered> {
  t.clock.set(`${o.date} 09:00:00`)
  const v = await registerContact(t.ctx, {
    channel: o.channel ?? 'letter',
    date: o.date,
    visitor: { name: o.visitorName ?? '张桂芳', phone: '13812345678', kind: 'resident' },
    headcount: 1,
    matters: [
      {
        type: 'issue',
        categoryId: f.category(o.categoryName ?? '大气').id,
        content: o.content ?? '化工园区夜间排放刺鼻气体，多次反映未解决',
        place: '城东工业园',
        ...(o.intake ? { intake: o.intake } : {}),
      },
    ],
  })
  const m = v.matters[0]
  if (!m?.issueId || !m.issueNumber) throw new Error('no issue registered')
  return { issueId: m.issueId, number: m.issueNumber, detail: await getIssueDetail(t.ctx.db, m.issueId, o.date) }
}

/** A 信访事项 by letter, registered on `date`. */
export function registerPetition(
  t: TestLedger<Ledger>,
  f: Fixture,
  date: string,
  o: Omit<RegisterOptions, 'date'> = {},
): Promise<Registered> {
  return registerMatter(t, f, { ...o, date, intake: { procedure: 'petition', ...o.intake } })
}

/** The issue as the drawer would show it on the clock's day. */
export function detailOf(t: TestLedger<Ledger>, issueId: number): Promise<IssueDetail> {
  return getIssueDetail(t.ctx.db, issueId, localDay(t.clock.now()))
}

function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** As the unit's head, signed in, for the steps only a 负责人 may take; then back to the desk clerk. */
export async function asSupervisor<T>(t: TestLedger<Ledger>, f: Fixture, work: () => Promise<T>): Promise<T> {
  actAs(t, f.leader)
  try {
    return await work()
  } finally {
    actAs(t, f.desk)
  }
}
