import type { StaffAccessRow } from '../core/access'
import type { Executor } from '../core/context'
import { IDLE_MINUTES_KEY, idleMinutesOf } from '../reference/reference'
import type { OnDutyReads } from './on-duty'

// The server ledger's reads for the check before every call. A server ledger has a pool of
// connections, so a running export or import does not hold the one connection a read would wait
// for, as it does on the file (on-duty-sqlite.ts): the rows are read first, then answered at once.

export async function serverOnDutyReads(db: Executor, staffId: number | null): Promise<OnDutyReads> {
  const [staff, setting] = await Promise.all([
    staffId === null
      ? Promise.resolve(undefined)
      : db.selectFrom('staff').select(['name', 'role', 'active', 'pin_hash', 'pin_initial']).where('id', '=', staffId).executeTakeFirst(),
    db.selectFrom('settings').select('value').where('key', '=', IDLE_MINUTES_KEY).executeTakeFirst(),
  ])
  const row: StaffAccessRow | undefined = staff
  return {
    staff: (id) => (id === staffId ? row : undefined),
    idleMinutes: () => idleMinutesOf(setting?.value),
  }
}
