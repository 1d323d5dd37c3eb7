import { describe, expect, it } from 'vitest'
import { signedOut } from '../../db/core/access'
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS, selectOperator, setStaffPin } from '../../db/staff/operators'
import { cleanPin, hashPin, verifyPin } from '../../db/staff/pin'
import { saveStaff } from '../../db/reference/reference'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))

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
    expect(await selectOperator(t.ctx, f.desk.id)).toEqual({ id: f.desk.id, name: '王晓丽', role: 'desk' })
    actAs(t, f.desk)
    expect(await selectOperator(t.ctx, null)).toBe(signedOut)
    expect((await auditActions()).slice(-2)).toEqual(['sign_in', 'sign_out'])
  })

  it('needs the right PIN once one is set; a wrong one is refused and audited, nothing else changes', async () => {
    actAs(t, f.desk)
    await setStaffPin(t.ctx, { staffId: f.desk.id, pin: '2580' })
    t.ctx.actor = signedOut
    expect((await refused(selectOperator(t.ctx, f.desk.id))).code).toBe('pin_required')
    const before = await tableCounts(t)
    const wrong = await refused(selectOperator(t.ctx, f.desk.id, '0000'))
    expect(wrong).toMatchObject({ code: 'wrong_pin', message: '“王晓丽”的 PIN 不正确' })
    const after = await tableCounts(t)
    expect(after).toEqual({ ...before, audit_log: (before['audit_log'] ?? 0) + 1 })
    const failed = await t.ledger.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(failed).toMatchObject({ action: 'sign_in_failed', entity: 'staff', entity_id: f.desk.id, actor_name: '未登录' })
    expect(failed.detail).not.toContain('0000')
    expect(await selectOperator(t.ctx, f.desk.id, '2580')).toMatchObject({ id: f.desk.id })
  })

  it(`locks a name for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} wrong PINs`, async () => {
    actAs(t, f.leader)
    await setStaffPin(t.ctx, { staffId: f.desk.id, pin: '2580' })
    t.ctx.actor = signedOut
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect((await refused(selectOperator(t.ctx, f.desk.id, '1111'))).code).toBe('wrong_pin')
    const locked = await refused(selectOperator(t.ctx, f.desk.id, '2580'))
    expect(locked.code).toBe('locked')
    expect(locked.message).toMatch(/已连续输错 5 次，请 15 分钟后再试/)
    t.clock.set('2026-11-10 09:20:00')
    expect(await selectOperator(t.ctx, f.desk.id, '2580')).toMatchObject({ id: f.desk.id })
    // A good sign-in starts the count again.
    expect((await refused(selectOperator(t.ctx, f.desk.id, '1111'))).code).toBe('wrong_pin')
  })

  it('refuses someone who does not exist or has been deactivated', async () => {
    expect((await refused(selectOperator(t.ctx, 9999))).code).toBe('not_found')
    await saveStaff(t.ctx, { id: f.handler.id, name: f.handler.name, active: false })
    expect((await refused(selectOperator(t.ctx, f.handler.id))).message).toMatch(/已停用/)
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
    expect(await selectOperator(t.ctx, f.desk.id, '1357')).toMatchObject({ id: f.desk.id })
    const row = await t.ledger.db.selectFrom('staff').select('pin_hash').where('id', '=', f.desk.id).executeTakeFirstOrThrow()
    expect(row.pin_hash).not.toContain('1357')
  })

  it('lets a supervisor set or clear anyone’s, and nobody else', async () => {
    actAs(t, f.desk)
    expect((await refused(setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' }))).code).toBe('forbidden')
    t.ctx.actor = signedOut
    expect((await refused(setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' }))).code).toBe('forbidden')
    // The system placeholder has the supervisor role but is nobody: not enough either.
    t.ctx.actor = { id: null, name: '系统', role: 'supervisor' }
    expect((await refused(setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' }))).code).toBe('forbidden')
    actAs(t, f.leader)
    expect((await setStaffPin(t.ctx, { staffId: f.handler.id, pin: '2580' })).hasPin).toBe(true)
    expect((await setStaffPin(t.ctx, { staffId: f.handler.id, pin: null })).hasPin).toBe(false)
    expect((await auditActions()).slice(-2)).toEqual(['set_pin', 'clear_pin'])
  })
})

describe('staff changes once PINs protect the office', () => {
  it('are open to the desk until a supervisor has a PIN, then need a signed-in supervisor', async () => {
    actAs(t, f.desk)
    await saveStaff(t.ctx, { name: '新同事' })
    actAs(t, f.leader)
    await setStaffPin(t.ctx, { staffId: f.leader.id, pin: '8642' })
    actAs(t, f.desk)
    const e = await refused(saveStaff(t.ctx, { id: f.desk.id, name: f.desk.name, role: 'supervisor' }))
    expect(e).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/须由负责人登录/) })
    actAs(t, f.leader)
    expect((await saveStaff(t.ctx, { name: '又一位同事' })).name).toBe('又一位同事')
  })
})
