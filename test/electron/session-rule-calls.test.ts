import { describe, expect, it } from 'vitest'
import { dispatch } from '../../electron/handlers/dispatch'
import { appState, data, field } from '../support/dispatch'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, type Fixture, type TestLedger } from '../support/temp-ledger'

// 接待日规则 through dispatch, as the 接待日 page's 接待日规则 form and 生成未来12个月 button call them.

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-12-02 09:00:00', (s) => ({ t, f } = s))

const rule = {
  kind: 'enterprise',
  nth: 'fourth',
  weekday: 'thu',
  holidayShift: 'next_workday',
  location: '政务服务中心生态环境窗口',
  maxBookings: 8,
  maxPeoplePerBooking: 3,
}

describe('session-rule calls', () => {
  it('saves a rule, lists it and generates the next 12 months of days, then nothing on a second run', async () => {
    const state = appState(t, actorOf(f.leader))
    expect(data(await dispatch(state, 'session-rule-save', rule))).toMatchObject({
      kind: 'enterprise',
      description: '每月第四个星期四，遇节假日顺延至下一个工作日',
      active: true,
    })
    expect(data(await dispatch(state, 'session-rule-list', {}))).toMatchObject([{ kind: 'enterprise', maxBookings: 8 }])
    const first = data(await dispatch(state, 'session-rule-generate', {}))
    expect(first).toMatchObject({ added: 12, sessions: expect.arrayContaining([expect.objectContaining({ date: '2026-12-24' })]) })
    expect(field(data(await dispatch(state, 'session-rule-generate', { kind: 'enterprise' })), 'added')).toBe(0)
  })

  it('refuses the desk saving a rule or generating days, as { code, message }', async () => {
    const state = appState(t, actorOf(f.desk))
    expect(await dispatch(state, 'session-rule-save', rule)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: '设置接待日规则须由负责人本人输入 PIN 登录后操作' },
    })
    expect(await dispatch(state, 'session-rule-generate', {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: '按规则生成接待日须由负责人本人输入 PIN 登录后操作' },
    })
  })

  it('refuses a weekday or shift outside the code lists before reaching the ledger', async () => {
    const state = appState(t, actorOf(f.leader))
    for (const bad of [
      { ...rule, weekday: 'thursday' },
      { ...rule, holidayShift: 'skip' },
      { ...rule, nth: 'sixth' },
    ]) {
      const result = await dispatch(state, 'session-rule-save', bad)
      expect(result.ok ? '' : result.error.code).toBe('invalid_input')
    }
    expect(data(await dispatch(state, 'session-rule-list', {}))).toEqual([])
  })
})
