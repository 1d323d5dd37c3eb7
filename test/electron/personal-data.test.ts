import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoMonth } from '../../tools/demo'
import { contract, type ContractKey } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import { baseInputs, FULL_ID, FULL_PHONE, UNMASKED_ID, UNMASKED_PHONE, worldPerFile, type World } from '../support/world'

// 个人信息保护法 art. 51 / GB/T 35273 §7.2: full phone and ID numbers are on file, and no call
// but visitor-reveal (supervisor, reason, audited) may hand one to the screen. Every contract
// call is made with valid input over a ledger holding such numbers (a demo month on top of a
// ledger with an ID number, a staff phone and enterprise contacts), and its JSON is scanned.

let w: World
worldPerFile((built) => (w = built))
beforeAll(async () => {
  await generateDemoMonth({ ...w.t.ctx, actor: w.supervisor }, '2026-10')
})

const keys = Object.keys(contract).filter((k): k is ContractKey => Object.hasOwn(contract, k))

// Reads the screens use to show people, visits and issues: each must answer (and be scanned).
const MUST_ANSWER: ContractKey[] = [
  'staff-list',
  'session-list',
  'visit-list',
  'directory-lookup',
  'visitor-history',
  'organization-history',
  'issue-list',
  'issue-get',
  'callback-due',
  'callback-to-close',
  'summary-month',
  'audit-list',
  'petition-notice',
]

describe('personal data in call results', () => {
  it('is on file in full, so the scan below could find it', () => {
    const stored = w.state.ledger.sqlite.prepare('select phone, id_number from visitors').all()
    expect(JSON.stringify(stored)).toMatch(UNMASKED_PHONE)
    expect(JSON.stringify(stored)).toContain(FULL_ID)
    expect(JSON.stringify(stored)).toContain(FULL_PHONE)
  })

  it('never leaves main unmasked, whichever call asks', async () => {
    const bases = baseInputs(w)
    const answered: ContractKey[] = []
    const findings: string[] = []
    for (const key of keys) {
      if (key === 'visitor-reveal') continue
      w.state.operator = w.supervisor
      const input = Object.hasOwn(bases, key) ? bases[key] : {}
      const result = await dispatch(w.state, key, input)
      if (!result.ok) continue
      answered.push(key)
      const json = JSON.stringify(result.data) ?? ''
      const phone = UNMASKED_PHONE.exec(json)
      if (phone) findings.push(`${key}: ${phone[0]}`)
      const id = UNMASKED_ID.exec(json)
      if (id) findings.push(`${key}: ${id[0]}`)
    }
    // The desk's own directory search by a full number finds the person, still masked.
    for (const query of [FULL_PHONE, '139 1234 5678', FULL_ID]) {
      const r = await dispatch(w.state, 'directory-lookup', { query })
      if (r.ok) expect(JSON.stringify(r.data)).not.toMatch(UNMASKED_PHONE)
    }
    expect(findings).toEqual([])
    for (const key of MUST_ANSWER) expect(answered, key).toContain(key)
    console.log(`个人信息扫描：${answered.length} 个调用的返回结果中未发现完整手机号或身份证号`)
  })

  it('shows the full value only through visitor-reveal, to a supervisor, with a reason', async () => {
    w.state.operator = w.supervisor
    const r = await dispatch(w.state, 'visitor-reveal', { visitorId: w.visitorId, field: 'idNumber', reason: '核对身份' })
    expect(r).toEqual({ ok: true, data: { visitorId: w.visitorId, field: 'idNumber', value: FULL_ID } })
    expect(JSON.stringify(r)).toMatch(UNMASKED_ID)
    w.state.operator = w.desk
    const refused = await dispatch(w.state, 'visitor-reveal', { visitorId: w.visitorId, field: 'idNumber', reason: '核对身份' })
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: '查看完整的个人信息须由负责人登录后操作' } })
  })
})
