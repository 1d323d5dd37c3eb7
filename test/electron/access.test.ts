import { describe, expect, it } from 'vitest'
import { signedOut } from '../../db/core/access'
import { saveStaff } from '../../db/reference/reference'
import { registerVisit } from '../../db/visits/register'
import type { ContractKey } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { acceptIssue, openDay, residentVisit } from '../support/desk'
import { atVersion, withVersion, appState, data, field } from '../support/dispatch'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, FIXTURE_LEADER_PIN, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

// Who may do what, attacked through dispatch as a window would call it. Each test is one of the
// attacks a hostile review ran against the app; before the fix each one succeeded.

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))

function failureOf(e: { ok: boolean; error?: { code: string; message: string } }): { code: string; message: string } {
  if (e.ok || !e.error) throw new Error('expected a refusal')
  return e.error
}

async function codeOf(state: AppState, key: ContractKey, input: unknown): Promise<string> {
  const e = await dispatch(state, key, await withVersion(state, key, input))
  return e.ok ? 'ok' : e.error.code
}

/** A day with a visit holding one accepted issue, and two look-alike enterprises and visitors to merge. */
async function desk() {
  const day = await openDay(t, f, '2026-11-10')
  const issue = await acceptIssue(t, f, day.id)
  const enterprise = (name: string, person: string) =>
    registerVisit(
      t.ctx,
      residentVisit(day.id, { visitor: { name: person, phone: null, kind: 'enterprise' }, organization: { name, creditCode: null } }),
    )
  const a = await enterprise('青山化工有限公司', '陈志强')
  const b = await enterprise('青山化工', '陈志强 ')
  return { day, issue, a, b }
}

describe('a supervisor without a PIN', () => {
  it('cannot be picked once another supervisor has one: no full phone, no PIN reset for a desk clerk', async () => {
    const { issue } = await desk()
    await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { name: '陈红梅', role: 'supervisor' })
    const deputy = (await t.ledger.db.selectFrom('staff').select('id').where('name', '=', '陈红梅').executeTakeFirstOrThrow()).id
    const state = appState(t, signedOut)
    const before = await tableCounts(t)
    expect(await codeOf(state, 'operator-select', { staffId: deputy })).toBe('pin_missing')
    expect(await codeOf(state, 'operator-select', { staffId: deputy, newPin: '0000' })).toBe('pin_missing')
    expect(state.operator).toEqual(signedOut)
    expect(await codeOf(state, 'visitor-reveal', { visitorId: issue.visit.visitorId, field: 'phone', reason: '回访' })).toBe('forbidden')
    expect(await codeOf(state, 'staff-set-pin', { staffId: f.leader.id, pin: '0000' })).toBe('forbidden')
    expect(await tableCounts(t)).toEqual(before)
    expect(data(await dispatch(state, 'operator-select', { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))).toMatchObject({
      id: f.leader.id,
    })
  })
})

describe('guessing a PIN', () => {
  it('600 parallel operator-select calls find no PIN: one check at a time, the rest turned away', { timeout: 120_000 }, async () => {
    const state = appState(t, signedOut)
    const guesses = Array.from({ length: 600 }, (_, i) => String(2000 + i))
    guesses[417] = FIXTURE_LEADER_PIN
    const answers = await Promise.all(guesses.map((pin) => codeOf(state, 'operator-select', { staffId: f.leader.id, pin })))
    expect(answers.filter((a) => a === 'ok')).toEqual([])
    expect(state.operator).toEqual(signedOut)
    for (const a of answers) expect(['wrong_pin', 'busy', 'locked']).toContain(a)
    const wrong = answers.filter((a) => a === 'wrong_pin').length
    expect(wrong).toBeGreaterThan(0)
    expect(wrong).toBeLessThanOrEqual(5)
  })
})

describe('writes with nobody signed in', () => {
  it('are refused, every one, and nothing is written', async () => {
    const { issue, a, b, day } = await desk()
    const state = appState(t, signedOut)
    const before = await tableCounts(t)
    const air = f.category('大气')
    const attempts: [ContractKey, unknown][] = [
      ['category-save', { id: air.id, name: air.name, timeLimitDays: 60 }],
      ['holiday-set', { date: '2026-11-11', kind: 'holiday', name: '光棍节' }],
      ['settings-update', { bureauName: '假冒的局' }],
      ['issue-extend', { issueId: issue.issueId, newDueDate: '2026-12-15', approverId: f.leader.id, reason: '领导同意' }],
      ['organization-merge', { keepId: a.organizationId, mergeId: b.organizationId }],
      ['visitor-merge', { keepId: a.visitorId, mergeId: b.visitorId }],
      ['issue-reject', { issueId: issue.issueId, reason: '不属本局职责' }],
      [
        'contact-register',
        {
          channel: 'phone',
          date: '2026-11-10',
          visitor: { name: '来电人', kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'consultation', categoryId: air.id, content: '问', answer: '答' }],
        },
      ],
      ['session-close', { id: day.id }],
    ]
    for (const [key, input] of attempts) {
      const refused = failureOf(await dispatch(state, key, await withVersion(state, key, input)))
      expect(refused.code, key).toBe('forbidden')
      expect(refused.message, key).toMatch(/登录/)
    }
    expect(await tableCounts(t)).toEqual(before)
  })

  it('cannot add staff either, once the ledger has people to sign in as', async () => {
    const state = appState(t, signedOut)
    expect(await codeOf(state, 'staff-save', { name: '冒名者', role: 'supervisor' })).toBe('forbidden')
  })
})

describe('supervisor-only settings and merges', () => {
  it('are refused to a desk clerk signed in, and made by a supervisor signed in with their own PIN', async () => {
    const { a, b } = await desk()
    const clerk = appState(t, signedOut)
    data(await dispatch(clerk, 'operator-select', { staffId: f.desk.id }))
    const air = f.category('大气')
    const before = await tableCounts(t)
    for (const [key, input] of [
      ['category-save', { id: air.id, name: air.name, timeLimitDays: 60 }],
      ['holiday-set', { date: '2026-11-11', kind: 'holiday', name: '调休' }],
      ['holiday-remove', { date: '2026-11-11' }],
      ['settings-update', { supervisorIdleMinutes: 120 }],
      ['organization-merge', { keepId: a.organizationId, mergeId: b.organizationId }],
      ['visitor-merge', { keepId: a.visitorId, mergeId: b.visitorId }],
      ['holiday-confirm', { year: 2027 }],
      ['holiday-import', {}],
      ['month-close', { month: '2026-10' }],
      ['month-reopen', { month: '2026-10', reason: '数字有误' }],
    ] satisfies [ContractKey, unknown][]) {
      expect(await codeOf(clerk, key, input), key).toBe('forbidden')
    }
    expect(await tableCounts(t)).toEqual(before)
    const boss = appState(t, signedOut)
    data(await dispatch(boss, 'operator-select', { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))
    expect(field(data(await dispatch(boss, 'category-save', { id: air.id, name: air.name, timeLimitDays: 20 })), 'timeLimitDays')).toBe(20)
    expect(await codeOf(boss, 'organization-merge', { keepId: a.organizationId, mergeId: b.organizationId })).toBe('ok')
  })
})

describe('who approves an extension', () => {
  it('is the signed-in supervisor, or a supervisor or leader who types their own PIN; naming one is not enough', async () => {
    const { issue } = await desk()
    const clerk = appState(t, signedOut)
    data(await dispatch(clerk, 'operator-select', { staffId: f.desk.id }))
    const ask = { issueId: issue.issueId, newDueDate: '2026-12-15', reason: '需委托第三方监测' }
    const before = await tableCounts(t)
    expect(await codeOf(clerk, 'issue-extend', { ...ask, approverId: f.leader.id })).toBe('pin_required')
    expect(await codeOf(clerk, 'issue-extend', ask)).toBe('forbidden')
    expect(await codeOf(clerk, 'issue-extend', { ...ask, approverId: f.handler.id, approverPin: '1234' })).toBe('forbidden')
    expect(await tableCounts(t)).toEqual(before)
    expect(await codeOf(clerk, 'issue-extend', { ...ask, approverId: f.leader.id, approverPin: '0000' })).toBe('wrong_pin')
    const extended = data(
      await dispatch(clerk, 'issue-extend', await atVersion(clerk, { ...ask, approverId: f.leader.id, approverPin: FIXTURE_LEADER_PIN })),
    )
    expect(field(extended, 'dueDate')).toBe('2026-12-15')
    const approver = await t.ledger.db.selectFrom('extensions').select(['approver_id', 'actor_id']).executeTakeFirstOrThrow()
    expect(approver).toEqual({ approver_id: f.leader.id, actor_id: f.desk.id })

    const boss = appState(t, signedOut)
    data(await dispatch(boss, 'operator-select', { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))
    data(await dispatch(boss, 'issue-extend', await atVersion(boss, { ...ask, newDueDate: '2026-12-22' })))
    const last = await t.ledger.db.selectFrom('extensions').select('approver_id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(last.approver_id).toBe(f.leader.id)
  })
})

describe('a supervisor left signed in', () => {
  it('is signed out after the idle time set in 设置 (10 minutes by default)', async () => {
    await desk()
    const boss = appState(t, signedOut)
    t.clock.set('2026-11-10 09:00:00')
    data(await dispatch(boss, 'operator-select', { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))
    t.clock.set('2026-11-10 09:09:00')
    expect(await codeOf(boss, 'audit-list', {})).toBe('ok')
    t.clock.set('2026-11-10 09:20:00')
    const out = failureOf(await dispatch(boss, 'audit-list', {}))
    expect(out).toEqual({ code: 'signed_out', message: expect.stringMatching(/负责人“李建国”已超过 10 分钟未操作，已自动退出登录/) })
    expect(field(data(await dispatch(boss, 'app-info', {})), 'operator')).toBeNull()
    expect(await codeOf(boss, 'audit-list', {})).toBe('forbidden')
    const signOut = await t.ledger.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(signOut).toMatchObject({ action: 'sign_out', detail: expect.stringContaining('idle') })

    data(await dispatch(boss, 'operator-select', { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))
    data(await dispatch(boss, 'settings-update', { supervisorIdleMinutes: 30 }))
    t.clock.set('2026-11-10 09:45:00')
    expect(await codeOf(boss, 'audit-list', {})).toBe('ok')
  })

  it('loses the role at the next call when another supervisor takes it away, and is signed out when deactivated', async () => {
    const deputy = await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { name: '陈红梅', role: 'supervisor' })
    const leader = appState(t, signedOut)
    data(await dispatch(leader, 'operator-select', { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))
    data(await dispatch(leader, 'staff-set-pin', { staffId: deputy.id, pin: '4444' }))
    const other = appState(t, signedOut)
    data(await dispatch(other, 'operator-select', { staffId: deputy.id, pin: '4444', newPin: '8080' }))
    expect(await codeOf(leader, 'audit-list', {})).toBe('ok')
    data(await dispatch(other, 'staff-save', { id: f.leader.id, name: f.leader.name, role: 'desk' }))
    expect(await codeOf(leader, 'audit-list', {})).toBe('forbidden')
    expect(field(field(data(await dispatch(leader, 'app-info', {})), 'operator'), 'role')).toBe('desk')
    data(await dispatch(other, 'staff-save', { id: f.leader.id, name: f.leader.name, active: false }))
    expect(failureOf(await dispatch(leader, 'session-list', { month: '2026-11' })).code).toBe('signed_out')
    expect(leader.operator).toEqual(signedOut)
  })
})

describe('text that is not text', () => {
  it('is refused at the contract and in the ledger, and nothing is stored', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const clerk = appState(t, actorOf(f.desk))
    const before = await tableCounts(t)
    for (const name of ['\u200B\u200B', '\u2060\u200C', '\u3164', '张\uD800', '\uDC00']) {
      const refusal = failureOf(
        await dispatch(clerk, 'visit-register', {
          sessionId: day.id,
          visitor: { name, kind: 'resident' },
          headcount: 1,
          matters: [{ type: 'consultation', categoryId: 1, content: '问', answer: '答' }],
        }),
      )
      expect(['invalid_input', 'invalid_text', 'required'], JSON.stringify(name)).toContain(refusal.code)
      expect(refusal.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await tableCounts(t)).toEqual(before)
    const shown = data(
      await dispatch(clerk, 'visit-register', {
        sessionId: day.id,
        visitor: { name: '\u202E强志陈', kind: 'resident' },
        headcount: 1,
        matters: [{ type: 'consultation', categoryId: 1, content: '问', answer: '答' }],
      }),
    )
    expect(field(shown, 'visitorName')).toBe('强志陈')
  })
})
