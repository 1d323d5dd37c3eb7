import { describe, expect, it } from 'vitest'
import { monthlySummary } from '../../db/figures/month'
import { listIssues } from '../../db/issues/queries'
import { listContacts, registerContact } from '../../db/visits/register'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-20 09:00:00', (s) => ({ t, f } = s))

describe('issues raised by phone or letter between reception days', () => {
  it('records a phoned-in issue with its channel, numbered and in the ledger like any other', async () => {
    const v = await registerContact(t.ctx, {
      channel: 'phone',
      date: '2026-11-18',
      visitor: { name: '马军', phone: '13700001234', kind: 'resident' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('噪声').id, content: '夜间施工噪声', place: '幸福小区旁工地' }],
    })
    expect(v).toMatchObject({ channel: 'phone', sessionId: null, visitDate: '2026-11-18', visitorPhone: '137****1234' })
    expect(v.matters[0]?.issueNumber).toBe('JD-2026-11-0001')
    expect((await listIssues(t.ctx.db, {}, '2026-11-20')).rows.map((r) => r.number)).toEqual(['JD-2026-11-0001'])
    expect((await listContacts(t.ctx, '2026-11')).rows.map((c) => c.id)).toEqual([v.id])
    const s = await monthlySummary(t.ctx.db, '2026-11', '2026-11-20')
    expect(s.issuesAccepted).toBe(1)
    // A call is not a reception: it adds no person-times and no visit.
    expect(s).toMatchObject({ personTimes: 0, visits: 0 })
  })

  it("pages a month of calls and letters in the ledger, newest first, with the month's count", async () => {
    for (let day = 1; day <= 12; day++) {
      await registerContact(t.ctx, {
        channel: day % 2 === 0 ? 'letter' : 'phone',
        date: `2026-11-${String(day).padStart(2, '0')}`,
        visitor: { name: `来电人${day}`, kind: 'resident' },
        headcount: 1,
        matters: [{ type: 'issue', categoryId: 1, content: `第${day}件` }],
      })
    }
    const second = await listContacts(t.ctx, '2026-11', { page: 2, pageSize: 5 })
    expect(second.total).toBe(12)
    expect(second.rows.map((c) => c.visitDate)).toEqual(['2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03'])
    expect((await listContacts(t.ctx, '2026-10')).total).toBe(0)
  })

  it('refuses a letter dated in the future and saves nothing', async () => {
    const before = await tableCounts(t)
    await expect(
      registerContact(t.ctx, {
        channel: 'letter',
        date: '2026-11-21',
        visitor: { name: '马军', kind: 'resident' },
        headcount: 1,
        matters: [{ type: 'issue', categoryId: 1, content: '来信反映' }],
      }),
    ).rejects.toThrow('收到日期不能晚于今天（2026-11-20）')
    expect(await tableCounts(t)).toEqual(before)
  })
})
