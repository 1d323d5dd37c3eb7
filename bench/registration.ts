// Registering a visit (a consultation and an issue) against the floor: the same rows written by
// hand-written statements (bench/floor-register.ts), at synchronous=FULL and then without the disk.

import type { LedgerContext } from '../db/core/context'
import { loadCalendar } from '../db/issues/deadlines'
import type { LocalLedger } from '../db/core/open'
import { openSession, planSession } from '../db/sessions/sessions'
import { registerVisit, type RegisterVisitInput } from '../db/visits/register'
import { makeFloorRegister } from './floor-register'
import type { GeneratedLedger } from './generate'
import { timePair, type Measuring } from './measure'
import { text } from './row-text'

export interface RegistrationSetup {
  ledger: LocalLedger
  ctx: LedgerContext
  made: GeneratedLedger
  /** The benchmark's clock, shared with ctx: the floor's rows are stamped from it too. */
  now: () => Date
}

/** Returns today's reception day, left open with the visits registered on it, and the phone of the visitor registered. */
export async function measureRegistration(
  m: Measuring,
  { ledger, ctx, made, now }: RegistrationSetup,
): Promise<{ sessionId: number; phone: string }> {
  const today = made.today
  process.stdout.write('Registering visits (synchronous=FULL) …\n')
  const session = await planSession(ctx, { date: today, kind: 'enterprise', location: '政务服务中心生态环境窗口' })
  await openSession(ctx, session.id)
  const contact = ledger.sqlite
    .prepare(
      `select p.name as name, p.phone as phone, o.name as org, o.credit_code as code from visitors p join organizations o on o.id = p.organization_id
       where p.phone is not null and o.credit_code is not null and p.merged_into_id is null order by p.id limit 1`,
    )
    .get()
  const consultCategory = 8
  const issueCategory = 1
  const visitInput: RegisterVisitInput = {
    sessionId: session.id,
    visitor: { name: text(contact, 'name'), phone: text(contact, 'phone'), kind: 'enterprise' },
    organization: { name: text(contact, 'org'), creditCode: text(contact, 'code') },
    headcount: 2,
    matters: [
      {
        type: 'consultation',
        categoryId: consultCategory,
        content: '排污许可证到期延续需要准备哪些材料',
        answer: '已告知延续申请须提前30日提交，并发放材料清单',
      },
      { type: 'issue', categoryId: issueCategory, content: '厂界夜间有刺鼻异味，周边居民反映强烈', place: '城东工业园' },
    ],
  }

  // The floor: the statements registerVisit sends, written by hand (bench/floor-register.ts).
  const floorRegister = makeFloorRegister(ledger.sqlite, {
    sessionId: session.id,
    date: today,
    input: visitInput,
    actor: { id: made.deskStaff.id, name: made.deskStaff.name },
    consultCategory,
    issueCategory,
    limitDays: Number(ledger.sqlite.prepare('select time_limit_days from categories where id = ?').pluck().get(issueCategory) ?? 15),
    calendar: await loadCalendar(ledger.db),
    now,
  })
  const [regOurs, regFloor] = await timePair(() => registerVisit(ctx, visitInput), floorRegister, 20, m.runs(300))
  m.record({
    group: '登记',
    name: 'register a visit: consultation + issue',
    ours: regOurs,
    floor: regFloor,
    target: '≤ 2× floor, p99 ≤ 10 ms',
    met: regOurs.p50 <= 2 * regFloor.p50 && regOurs.p99 <= 10,
    note: 'synchronous=FULL, WAL: every commit waits for the disk',
  })
  // The same pair with the disk taken out (synchronous=OFF, this measurement only): what the
  // code costs, without the fsync whose time on a shared machine varies by the millisecond.
  ledger.sqlite.pragma('synchronous = OFF')
  const [cpuOurs, cpuFloor] = await timePair(() => registerVisit(ctx, visitInput), floorRegister, 20, m.runs(300))
  ledger.sqlite.pragma('synchronous = FULL')
  m.record({
    group: '登记',
    name: 'the same, synchronous=OFF (the code alone)',
    ours: cpuOurs,
    floor: cpuFloor,
    target: '(for comparison)',
    met: null,
  })
  return { sessionId: session.id, phone: text(contact, 'phone') }
}
