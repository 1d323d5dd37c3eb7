import { beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { acceptIssue, openDay } from '../support/desk'
import { atVersion, appState, data } from '../support/dispatch'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
let state: AppState
let issueId: number

seededLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  const day = await openDay(t, f, '2026-11-10')
  issueId = (await acceptIssue(t, f, day.id, '化工园区夜间有刺鼻气味')).issueId
  state = appState(t, actorOf(f.desk))
})

describe('the search and text-correction calls', () => {
  it('search-all answers with ranked hits and the places to mark', async () => {
    const found = data(await dispatch(state, 'search-all', { query: '刺鼻气味', limit: 5 }))
    expect(found).toMatchObject({
      query: '刺鼻气味',
      terms: ['刺鼻气味'],
      issues: [{ kind: 'issue', id: issueId, content: { text: '化工园区夜间有刺鼻气味', ranges: [{ start: 7, end: 11 }] } }],
      visitors: [],
      organizations: [],
    })
  })

  it('search-all refuses a query over 100 characters, a limit out of range and an unknown kind', async () => {
    for (const input of [
      { query: '水'.repeat(101) },
      { query: '水', limit: 0 },
      { query: '水', limit: 101 },
      { query: '水', kinds: ['staff'] },
    ]) {
      const e = await dispatch(state, 'search-all', input)
      expect(e.ok).toBe(false)
      expect(e.ok ? '' : e.error.code).toBe('invalid_input')
    }
  })

  it('issue-correct corrects the description, and the search follows', async () => {
    const d = data(
      await dispatch(state, 'issue-correct', await atVersion(state, { issueId, content: '化工园区白天有粉尘', reason: '登记时听错' })),
    )
    expect(d).toMatchObject({ id: issueId, content: '化工园区白天有粉尘' })
    expect(data(await dispatch(state, 'search-all', { query: '粉尘' }))).toMatchObject({ issues: [{ id: issueId }] })
    expect(data(await dispatch(state, 'search-all', { query: '刺鼻气味' }))).toMatchObject({ issues: [] })
  })

  it('issue-correct refuses an empty description in Chinese and saves nothing', async () => {
    const before = await tableCounts(t)
    const e = await dispatch(state, 'issue-correct', await atVersion(state, { issueId, content: '   ', reason: '登记时听错' }))
    expect(e).toEqual({ ok: false, error: { code: 'required', message: '请填写反映问题' } })
    expect(await tableCounts(t)).toEqual(before)
  })

  it('summary-year answers with the twelve months and the year', async () => {
    const y = data(await dispatch(state, 'summary-year', { year: '2026' }))
    expect(y).toHaveProperty('months.length', 12)
    expect(y).toHaveProperty(['months', 10], expect.objectContaining({ month: '2026-11', sessions: 1, visits: 1, issuesRegistered: 1 }))
    expect(y).toMatchObject({ year: '2026', total: { sessions: 1, visits: 1, issuesRegistered: 1, issuesOpen: 1 } })
    const bad = await dispatch(state, 'summary-year', { year: '26' })
    expect(bad.ok ? '' : bad.error.message).toMatch(/年份格式应为 YYYY/)
  })
})
