import { describe, expect, it } from 'vitest'
import { signedOut } from '../../db/core/access'
import { systemActor } from '../../db/core/context'
import { getStaff, saveStaff } from '../../db/reference/reference'
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS, selectOperator, setStaffPin } from '../../db/staff/operators'
import { cleanPin, hashPin, verifyPin } from '../../db/staff/pin'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, actorOf, FIXTURE_LEADER_PIN, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))

async function auditActions(): Promise<string[]> {
  return (await t.ledger.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action)
}

describe('PIN hashing', () => {
  it('stores a salted scrypt hash, never the PIN, and verifies it in constant time', async () => {
    const a = await hashPin('2580')
    const b = await hashPin('2580')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('2580')
    expect(await verifyPin('2580', a)).toBe(true)
    expect(await verifyPin('２５８０', a)).toBe(true)
    expect(await verifyPin('2581', a)).toBe(false)
    expect(await verifyPin('2580', 'plain$2580')).toBe(false)
    expect(await verifyPin('2580', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false)
  })

  it('takes 4 to 12 digits', () => {
    expect(cleanPin(' 123456 ')).toBe('123456')
    for (const bad of ['123', '1234567890123', '12a4', '', '12 34']) expect(() => cleanPin(bad)).toThrow('PIN 须为 4 至 12 位数字')
  })
})

describe('choosing who is on duty', () => {
  it('signs in without a PIN when none is set, and signs out to nobody', async () => {
    expect(await selectOperator(t.ctx, { staffId: f.desk.id })).toEqual({
      kind: 'staff',
      id: f.desk.id,
      name: '王晓丽',
      role: 'desk',
      ownPin: false,
    })
    actAs(t, f.desk)
    expect(await selectOperator(t.ctx, { staffId: null })).toBe(signedOut)
    expect((await auditActions()).slice(-2)).toEqual(['sign_in', 'sign_out'])
  })

  it('needs the right PIN once one is set; a wrong one is refused and audited, nothing else changes', async () => {
    actAs(t, f.desk)
    await setStaffPin(t.ctx, { staffId: f.desk.id, pin: '2580' })
    t.ctx.actor = signedOut
    expect((await refused(selectOperator(t.ctx, { staffId: f.desk.id }))).code).toBe('pin_required')
    const before = await tableCounts(t)
    const wrong = await refused(selectOperator(t.ctx, { staffId: f.desk.id, pin: '0000' }))
    expect(wrong).toMatchObject({ code: 'wrong_pin', message: '“王晓丽”的 PIN 不正确' })
    expect(await tableCounts(t)).toEqual({ ...before, audit_log: (before['audit_log'] ?? 0) + 2 })
    const [failed, attempt] = await t.ledger.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(2).execute()
    expect(attempt).toMatchObject({ action: 'pin_attempt', entity: 'staff', entity_id: f.desk.id, actor_name: '未登录' })
    expect(failed).toMatchObject({ action: 'sign_in_failed', entity: 'staff', entity_id: f.desk.id, actor_name: '未登录' })
    expect(`${attempt?.detail}${failed?.detail}`).not.toContain('0000')
    expect(await selectOperator(t.ctx, { staffId: f.desk.id, pin: '2580' })).toMatchObject({ id: f.desk.id, ownPin: true })
  })

  it(`locks a name for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} wrong PINs`, async () => {
    actAs(t, f.desk)
    await setStaffPin(t.ctx, { staffId: f.desk.id, pin: '2580' })
    t.ctx.actor = signedOut
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
      expect((await refused(selectOperator(t.ctx, { staffId: f.desk.id, pin: '1111' }))).code).toBe('wrong_pin')
    const locked = await refused(selectOperator(t.ctx, { staffId: f.desk.id, pin: '2580' }))
    expect(locked.code).toBe('locked')
    expect(locked.message).toMatch(/已连续输错 5 次，请 15 分钟后再试/)
    t.clock.set('2026-11-10 09:20:00')
    expect(await selectOperator(t.ctx, { staffId: f.desk.id, pin: '2580' })).toMatchObject({ id: f.desk.id })
    // A good sign-in starts the count again.
    expect((await refused(selectOperator(t.ctx, { staffId: f.desk.id, pin: '1111' }))).code).toBe('wrong_pin')
  })

  it('refuses someone who does not exist or has been deactivated', async () => {
    expect((await refused(selectOperator(t.ctx, { staffId: 9999 }))).code).toBe('not_found')
    await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { id: f.handler.id, name: f.handler.name, active: false })
    expect((await refused(selectOperator(t.ctx, { staffId: f.handler.id }))).message).toMatch(/已停用/)
  })
})

describe('a supervisor signs in only with a PIN of their own', () => {
  it('picking a second supervisor who has no PIN, once one has, yields nothing: no sign-in, no reveal, no PIN reset', async () => {
    // The attack: the office's leader has a PIN; another supervisor was given the role and never
    // set one. A desk clerk picks the second supervisor's name and tries to act as them.
    const deputy = await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { name: '陈红梅', role: 'supervisor' })
    t.ctx.actor = signedOut
    const before = await tableCounts(t)
    for (const input of [{ staffId: deputy.id }, { staffId: deputy.id, newPin: '0000' }, { staffId: deputy.id, pin: '0000' }]) {
      const e = await refused(selectOperator(t.ctx, input))
      expect(e.code).toBe('pin_missing')
      expect(e.message).toMatch(/请已登录的负责人.*设置初始 PIN/)
    }
    expect(await tableCounts(t)).toEqual(before)
    // Nor does acting under that name without having signed in give a supervisor's powers.
    t.ctx.actor = { ...actorOf(deputy), ownPin: false }
    expect((await refused(setStaffPin(t.ctx, { staffId: f.leader.id, pin: '0000' }))).code).toBe('forbidden')
    t.ctx.actor = signedOut
    expect(await selectOperator(t.ctx, { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN })).toMatchObject({ id: f.leader.id })
  })

  it('makes the first supervisor of a new office choose a PIN at their first sign-in', async () => {
    const fresh = await saveStaff({ ...t.ctx, actor: systemActor }, { name: '新局长', role: 'supervisor' })
    // Take the fixture's supervisor out of the picture: no supervisor has a PIN yet in this office.
    await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { id: f.leader.id, name: f.leader.name, role: 'desk' })
    t.ctx.actor = signedOut
    const asked = await refused(selectOperator(t.ctx, { staffId: fresh.id }))
    expect(asked).toMatchObject({ code: 'pin_setup_required', message: expect.stringMatching(/首次登录须先设置本人的 PIN/) })
    expect((await refused(selectOperator(t.ctx, { staffId: fresh.id, newPin: '12' }))).code).toBe('invalid_pin')
    expect(await selectOperator(t.ctx, { staffId: fresh.id, newPin: '9753' })).toMatchObject({
      id: fresh.id,
      role: 'supervisor',
      ownPin: true,
    })
    expect((await auditActions()).slice(-2)).toEqual(['set_pin', 'sign_in'])
    // From now on the office is protected: the next PIN-less supervisor cannot choose their own.
    const second = await saveStaff({ ...t.ctx, actor: actorOf(await getStaff(t.ctx.db, fresh.id)) }, { name: '副局长', role: 'supervisor' })
    expect((await refused(selectOperator(t.ctx, { staffId: second.id, newPin: '1111' }))).code).toBe('pin_missing')
  })

  it('lets a supervisor give an initial PIN, which its owner must replace with their own at sign-in', async () => {
    const deputy = await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { name: '陈红梅', role: 'supervisor' })
    const given = await setStaffPin({ ...t.ctx, actor: actorOf(f.leader) }, { staffId: deputy.id, pin: '4444' })
    expect(given).toMatchObject({ hasPin: true, pinInitial: true })
    t.ctx.actor = signedOut
    // Asked for a new PIN before the initial one is even checked: no attempt is counted.
    const before = await tableCounts(t)
    expect((await refused(selectOperator(t.ctx, { staffId: deputy.id, pin: '4444' }))).code).toBe('pin_change_required')
    expect((await refused(selectOperator(t.ctx, { staffId: deputy.id, pin: '4444', newPin: '4444' }))).code).toBe('invalid_pin')
    expect(await tableCounts(t)).toEqual(before)
    expect((await refused(selectOperator(t.ctx, { staffId: deputy.id, pin: '1234', newPin: '8080' }))).code).toBe('wrong_pin')
    expect(await selectOperator(t.ctx, { staffId: deputy.id, pin: '4444', newPin: '8080' })).toMatchObject({ ownPin: true })
    expect(await getStaff(t.ctx.db, deputy.id)).toMatchObject({ hasPin: true, pinInitial: false })
    expect((await refused(selectOperator(t.ctx, { staffId: deputy.id, pin: '4444' }))).code).toBe('wrong_pin')
    expect(await selectOperator(t.ctx, { staffId: deputy.id, pin: '8080' })).toMatchObject({ id: deputy.id })
  })

  it('gives a supervisor whose PIN someone else set no supervisor powers until they choose their own', async () => {
    const deputy = await saveStaff({ ...t.ctx, actor: actorOf(f.leader) }, { name: '陈红梅', role: 'supervisor' })
    await setStaffPin({ ...t.ctx, actor: actorOf(f.leader) }, { staffId: deputy.id, pin: '4444' })
    // The deputy resets the leader's PIN: it becomes an initial PIN, and the leader's powers wait for their own.
    await selectOperator(t.ctx, { staffId: deputy.id, pin: '4444', newPin: '8080' })
    await setStaffPin({ ...t.ctx, actor: actorOf(await getStaff(t.ctx.db, deputy.id)) }, { staffId: f.leader.id, pin: '0000' })
    t.ctx.actor = actorOf(f.leader)
    expect((await refused(setStaffPin(t.ctx, { staffId: f.desk.id, pin: '2222' }))).code).toBe('forbidden')
    t.ctx.actor = signedOut
    expect((await refused(selectOperator(t.ctx, { staffId: f.leader.id, pin: '0000' }))).code).toBe('pin_change_required')
  })
})

describe('guessing a PIN in parallel', () => {
  it('600 simultaneous sign-ins find nothing: one PIN check at a time per person, counted before the hash', async () => {
    // The attack: 600 operator-select calls at once, one of them with the right PIN, so that every
    // check reads "no failures yet" before any failure is written.
    t.ctx.actor = signedOut
    const guesses = Array.from({ length: 600 }, (_, i) => String(1000 + i))
    guesses[300] = FIXTURE_LEADER_PIN
    const answers = await Promise.all(
      guesses.map((pin) =>
        selectOperator(t.ctx, { staffId: f.leader.id, pin }).then(
          () => 'signed in',
          (e: unknown) => (e instanceof Error && 'code' in e ? String(e.code) : 'other'),
        ),
      ),
    )
    expect(answers).not.toContain('signed in')
    expect(answers).not.toContain('other')
    const checked = await t.ledger.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'pin_attempt')
      .where('entity_id', '=', f.leader.id)
      .executeTakeFirstOrThrow()
    expect(Number(checked.n)).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS)
    // Going on one at a time reaches the lock after MAX_FAILED_SIGN_INS checks, right PIN or not.
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await selectOperator(t.ctx, { staffId: f.leader.id, pin: '0001' }).catch(() => null)
    expect((await refused(selectOperator(t.ctx, { staffId: f.leader.id, pin: FIXTURE_LEADER_PIN }))).code).toBe('locked')
  })
})

describe('setting a PIN', () => {
  it('lets people set their own, asking for the old one before changing it', async () => {
    actAs(t, f.desk)
    expect((await setStaffPin(t.ctx, { staffId: f.desk.id, pin: '2580' })).hasPin).toBe(true)
    expect((await refused(setStaffPin(t.ctx, { staffId: f.desk.id, pin: '1357' }))).code).toBe('pin_required')
    expect((await refused(setStaffPin(t.ctx, { staffId: f.desk.id, pin: '1357', currentPin: '0000' }))).code).toBe('wrong_pin')
    await setStaffPin(t.ctx, { staffId: f.desk.id, pin: '1357', currentPin: '2580' })
    t.ctx.actor = signedOut
    expect(await selectOperator(t.ctx, { staffId: f.desk.id, pin: '1357' })).toMatchObject({ id: f.desk.id })
    const row = await t.ledger.db.selectFrom('staff').select('pin_hash').where('id', '=', f.desk.id).executeTakeFirstOrThrow()
    expect(row.pin_hash).not.toContain('1357')
  })

  it('lets a supervisor set or clear anyone’s, and nobody else', async () => {
    actAs(t, f.desk)
    expect((await refused(setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' }))).code).toBe('forbidden')
    t.ctx.actor = signedOut
    expect((await refused(setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' }))).code).toBe('forbidden')
    // A supervisor who has not signed in with their own PIN is not enough either.
    t.ctx.actor = { ...actorOf(f.leader), ownPin: false }
    expect((await refused(setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' }))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect(await setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' })).toMatchObject({ hasPin: true, pinInitial: true })
    expect((await setStaffPin(t.ctx, { staffId: f.handler.id, pin: null })).hasPin).toBe(false)
    expect((await auditActions()).slice(-2)).toEqual(['set_pin', 'clear_pin'])
    expect((await refused(setStaffPin(t.ctx, { staffId: f.leader.id, pin: null, currentPin: FIXTURE_LEADER_PIN }))).message).toMatch(
      /负责人，必须有 PIN/,
    )
  })
})

describe('staff changes once PINs protect the office', () => {
  it('are open to the desk until a supervisor has a PIN, then need a signed-in supervisor', async () => {
    // An office still setting itself up: the fixture's supervisor steps back and nobody has a PIN.
    await saveStaff({ ...t.ctx, actor: systemActor }, { id: f.leader.id, name: f.leader.name, role: 'desk' })
    await setStaffPin({ ...t.ctx, actor: systemActor }, { staffId: f.leader.id, pin: null })
    actAs(t, f.desk)
    await saveStaff(t.ctx, { name: '新同事' })
    const boss = await saveStaff(t.ctx, { name: '刘主任', role: 'supervisor' })
    t.ctx.actor = signedOut
    await selectOperator(t.ctx, { staffId: boss.id, newPin: '8642' })
    actAs(t, f.desk)
    const e = await refused(saveStaff(t.ctx, { id: f.desk.id, name: f.desk.name, role: 'supervisor' }))
    expect(e).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/须由负责人本人输入 PIN 登录/) })
    t.ctx.actor = actorOf(await getStaff(t.ctx.db, boss.id))
    expect((await saveStaff(t.ctx, { name: '又一位同事' })).name).toBe('又一位同事')
  })
})
