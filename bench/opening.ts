// Opening the ledger as the app does (health check, the key, migrations) against the bare pragmas on the same key.

import BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { checkLedgerHealth } from '../db/backup/startup'
import { openLedger, type LocalLedger } from '../db/core/open'
import { time, type Measuring } from './measure'
import { applyKey, connectionKey } from '../db/keys/cipher'
import { benchKeys } from './encryption'

/** Closes the ledger to time opening it, and returns it open again. */
export async function measureOpening(m: Measuring, ledger: LocalLedger, file: string, fileMb: number): Promise<LocalLedger> {
  process.stdout.write('Opening the ledger …\n')
  const key = connectionKey(ledger.sqlite)
  await ledger.close()
  const openOurs = await time(
    async () => {
      const health = checkLedgerHealth(file, benchKeys)
      if (health.state === 'damaged') throw new Error(health.problems.join('; '))
      const l = await openLedger(file, { keys: benchKeys })
      await l.close()
    },
    1,
    m.runs(10),
  )
  const openFloor = await time(
    () => {
      const raw = new BetterSqlite3(file)
      // The same key, given raw: the floor decrypts what it reads too.
      if (key !== null) applyKey(raw, key)
      raw.pragma('busy_timeout = 5000')
      raw.pragma('quick_check')
      raw.pragma('journal_mode = WAL')
      raw.pragma('synchronous = FULL')
      raw.pragma('foreign_keys = ON')
      raw.prepare('select name from ledger_migration order by name').all()
      raw.close()
    },
    1,
    m.runs(10),
  )
  m.record({
    group: '打开',
    name: 'open: quick_check + migrations up to date',
    ours: openOurs,
    floor: openFloor,
    target: '≤ 500 ms',
    met: openOurs.p50 <= 500,
    note: `quick_check reads the whole ${fileMb.toFixed(0)} MB file`,
  })
  return openLedger(file, { keys: benchKeys })
}
