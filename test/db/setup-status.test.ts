import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { markReferenceReviewed, setupStatus } from '../../db/reference/setup'
import { getStaff, saveStaff, seedDefaults, updateSettings } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import { planSession } from '../../db/sessions/sessions'
import { actorOf, openTempLedger, type TestLedger } from '../support/temp-ledger'
import { recoveryStatus, setRecoveryPassphrase } from '../../db/keys/recovery'
import { TEST_RECOVERY_PASSPHRASE } from '../support/keys'

let t: TestLedger
beforeEach(async () => {
  t = await openTempLedger('2026-11-10 09:00:00')
  await seedDefaults(t.ctx)
})
afterEach(async () => {
  await t.close()
})

describe('the first-run checklist', () => {
  it('reads every step from the ledger, from a new office to one ready for its first day', async () => {
    expect(await setupStatus(t.ctx.db, recoveryStatus(t.ledger))).toEqual({
      bureauNamed: false,
      staffAdded: false,
      supervisorPin: false,
      recoveryPassphrase: false,
      referenceReviewed: false,
      firstDayWithStaff: false,
      done: false,
    })
    await updateSettings(t.ctx, { bureauName: '某某市生态环境局某某分局' })
    const clerk = await saveStaff(t.ctx, { name: '王晓丽', role: 'desk' })
    const head = await saveStaff(t.ctx, { name: '李建国', role: 'supervisor' })
    t.ctx.actor = actorOf(head)
    await setStaffPin(t.ctx, { staffId: head.id, pin: '2468' })
    await markReferenceReviewed(t.ctx, recoveryStatus(t.ledger))
    // A day without anyone on duty does not count.
    await planSession(t.ctx, { date: '2026-11-12', kind: 'public', location: '接待室' })
    expect(await setupStatus(t.ctx.db, recoveryStatus(t.ledger))).toMatchObject({
      supervisorPin: true,
      referenceReviewed: true,
      firstDayWithStaff: false,
      done: false,
    })
    await planSession(t.ctx, { date: '2026-11-13', kind: 'public', location: '接待室', staffIds: [clerk.id] })
    expect(await setupStatus(t.ctx.db, recoveryStatus(t.ledger))).toMatchObject({ recoveryPassphrase: false, done: false })
    // The 负责人, signed in with the PIN they just chose.
    t.ctx.actor = actorOf(await getStaff(t.ctx.db, head.id))
    await setRecoveryPassphrase(t.ctx, t.ledger, TEST_RECOVERY_PASSPHRASE, TEST_RECOVERY_PASSPHRASE)
    expect((await setupStatus(t.ctx.db, recoveryStatus(t.ledger))).done).toBe(true)
  })
})
