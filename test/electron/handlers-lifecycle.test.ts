import { describe, expect, it } from 'vitest'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { atVersion, data, field, freshLedgerPerFile } from '../support/dispatch'
import { tableCounts, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let state: AppState
freshLedgerPerFile((s) => ({ t, state } = s))

describe('the contract drives the whole life cycle through dispatch', () => {
  it('registers, hands over, resolves, calls back and closes, with the operator on every history row', async () => {
    // A new office: its first person is added by whoever opens it, then signs in and adds the rest.
    const staff = data(await dispatch(state, 'staff-save', { name: '王晓丽', role: 'desk' }))
    expect(data(await dispatch(state, 'operator-select', { staffId: field(staff, 'id') }))).toMatchObject({ name: '王晓丽' })
    const leader = data(await dispatch(state, 'staff-save', { name: '李建国', role: 'supervisor', isLeader: true }))
    const session = data(
      await dispatch(state, 'session-plan', { date: '2026-11-10', kind: 'public', location: '接待室', hostLeaderId: field(leader, 'id') }),
    )
    data(await dispatch(state, 'session-open', { id: field(session, 'id') }))
    const categories = data(await dispatch(state, 'category-list', {}))
    const departments = data(await dispatch(state, 'department-list', {}))
    const visit = data(
      await dispatch(state, 'visit-register', {
        sessionId: field(session, 'id'),
        visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
        headcount: 1,
        matters: [
          {
            type: 'issue',
            categoryId: field(Array.isArray(categories) ? categories[0] : null, 'id'),
            content: '河道发黑发臭',
            place: '西岭村',
          },
        ],
      }),
    )
    const matters = field(visit, 'matters')
    const issueId = field(Array.isArray(matters) ? matters[0] : null, 'issueId')
    expect(field(visit, 'visitorPhone')).toBe('138****5678')
    data(
      await dispatch(
        state,
        'issue-assign',
        await atVersion(state, { issueId, departmentId: field(Array.isArray(departments) ? departments[1] : null, 'id') }),
      ),
    )
    data(await dispatch(state, 'issue-resolve', await atVersion(state, { issueId, result: '已清淤并截污' })))
    expect(field(data(await dispatch(state, 'callback-due', {})), 'total')).toBe(1)
    expect(field(data(await dispatch(state, 'callback-to-close', {})), 'total')).toBe(0)
    data(await dispatch(state, 'issue-callback', await atVersion(state, { issueId, method: 'phone', satisfaction: 'satisfied' })))
    const closed = data(await dispatch(state, 'issue-close', await atVersion(state, { issueId })))
    expect(field(closed, 'status')).toBe('closed')
    const history = await t.ledger.db.selectFrom('issue_history').select('actor_id').where('issue_id', '=', Number(issueId)).execute()
    expect(history.map((h) => h.actor_id)).toEqual([field(staff, 'id'), field(staff, 'id'), field(staff, 'id'), field(staff, 'id')])
    const summary = data(await dispatch(state, 'summary-month', { month: '2026-11' }))
    expect(summary).toMatchObject({
      sessions: 1,
      personTimes: 1,
      issuesAccepted: 1,
      issuesResolved: 1,
      issuesClosed: 1,
      resolutionRate: 100,
    })
  })

  it('turns a refused transition into { code, message } and changes nothing', async () => {
    const before = await tableCounts(t)
    const page = data(await dispatch(state, 'issue-list', {}))
    const rows = field(page, 'rows')
    const issueId = field(Array.isArray(rows) ? rows[0] : null, 'id')
    const result = await dispatch(state, 'issue-transfer', await atVersion(state, { issueId, to: '市局', reason: '越级' }))
    expect(result).toEqual({ ok: false, error: { code: 'invalid_transition', message: expect.stringMatching(/已销号.*不能转办/) } })
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses an invalid credit code at registration with the ledger rule message', async () => {
    const sessions = data(await dispatch(state, 'session-list', { month: '2026-11' }))
    const sessionId = field(Array.isArray(sessions) ? sessions[0] : null, 'id')
    const before = await tableCounts(t)
    const result = await dispatch(state, 'visit-register', {
      sessionId,
      visitor: { name: '陈志强', kind: 'enterprise' },
      organization: { name: '某化工公司', creditCode: '91350100M000100Y44' },
      headcount: 1,
      matters: [{ type: 'consultation', categoryId: 1, content: '问', answer: '答' }],
    })
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_credit_code', message: expect.stringMatching(/统一社会信用代码校验不通过/) },
    })
    expect(await tableCounts(t)).toEqual(before)
  })
})
