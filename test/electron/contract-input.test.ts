import { describe, expect, it } from 'vitest'
import { contract, type ContractKey } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { freshLedgerPerFile } from '../support/dispatch'
import { tableCounts, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let state: AppState
freshLedgerPerFile((s) => ({ t, state } = s))

const keys = Object.keys(contract).filter((k): k is ContractKey => Object.hasOwn(contract, k))

// Calls whose input is `{}` accept an empty object; every other call needs at least one field.
const acceptsEmpty = new Set<string>(keys.filter((k) => contract[k].input.safeParse({}).success))

const malformed: [string, unknown][] = [
  ['null', null],
  ['a string', 'session'],
  ['a number', 7],
  ['an array', [{}]],
  ['an unknown field', { __proto_pollution: 1, constructor: 'x' }],
]

describe('every contract call rejects malformed input and writes nothing', () => {
  it.each(keys)('%s', async (key) => {
    const before = await tableCounts(t)
    const cases = acceptsEmpty.has(key) ? malformed : [...malformed, ['an empty object', {}] as [string, unknown]]
    for (const [label, input] of cases) {
      const result = await dispatch(state, key, input)
      expect(result.ok, `${key} with ${label}`).toBe(false)
      if (result.ok) continue
      expect(result.error.code, `${key} with ${label}`).toBe('invalid_input')
      expect(result.error.message, `${key} with ${label}`).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await tableCounts(t)).toEqual(before)
  })

  it('knows at least the life-cycle calls', () => {
    for (const k of ['session-plan', 'visit-register', 'issue-assign', 'issue-callback', 'issue-close', 'summary-month'])
      expect(keys).toContain(k)
  })
})
