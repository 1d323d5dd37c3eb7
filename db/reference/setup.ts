import { audit } from '../core/audit'
import { write, type Executor, type LedgerContext } from '../core/context'
import type { RecoveryStatus, SetupStatus } from '../../shared/types'
import { getSettings } from './reference'

// Day one: what a new office has still to set up before the desk's first reception day, read
// from the ledger itself so the checklist never claims a step that is not done.

const REVIEWED = 'setup_reference_reviewed'
const DEFAULT_BUREAU = '生态环境局'

/** `recovery`: the ledger's encryption (db/keys/recovery.ts), which lives beside the file rather than in it. */
export async function setupStatus(db: Executor, recovery: Pick<RecoveryStatus, 'encrypted' | 'recoverySet'>): Promise<SetupStatus> {
  const settings = await getSettings(db)
  const [staff, supervisor, reviewed, day] = await Promise.all([
    db.selectFrom('staff').select('id').where('active', '=', 1).limit(1).executeTakeFirst(),
    db
      .selectFrom('staff')
      .select('id')
      .where('active', '=', 1)
      .where('role', '=', 'supervisor')
      .where('pin_hash', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('settings').select('value').where('key', '=', REVIEWED).executeTakeFirst(),
    db
      .selectFrom('sessions as s')
      .select('s.id')
      .where('s.voided_at', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('session_staff as ss').select('ss.staff_id').whereRef('ss.session_id', '=', 's.id')))
      .limit(1)
      .executeTakeFirst(),
  ])
  const steps = {
    bureauNamed: settings.bureauName.trim() !== '' && settings.bureauName !== DEFAULT_BUREAU,
    staffAdded: staff !== undefined,
    supervisorPin: supervisor !== undefined,
    // An unencrypted ledger (tests of old files) has no key to wrap.
    recoveryPassphrase: !recovery.encrypted || recovery.recoverySet,
    referenceReviewed: reviewed?.value === '1',
    firstDayWithStaff: day !== undefined,
  }
  return { ...steps, done: Object.values(steps).every(Boolean) }
}

/**
 * 问题类别与股室已核对: the office has looked at the default lists and kept or changed them. A new
 * office may have nobody to sign in as yet; the audit row says who (or that nobody) confirmed it.
 */
export async function markReferenceReviewed(
  ctx: LedgerContext,
  recovery: Pick<RecoveryStatus, 'encrypted' | 'recoverySet'>,
): Promise<SetupStatus> {
  await write(ctx, async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: REVIEWED, value: '1' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '1' }))
      .execute()
    await audit(trx, ctx, 'update', 'settings', null, { [REVIEWED]: '1' })
  })
  return setupStatus(ctx.db, recovery)
}
