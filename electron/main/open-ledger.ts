import fs from 'node:fs'
import path from 'node:path'
import { LedgerError } from '../../db/errors'
import { systemActor } from '../../db/context'
import { openLedger, type Ledger } from '../../db/open'
import { seedDefaults } from '../../db/reference'
import type { LedgerFileChoice } from './ledger-file'

/** Opens (and migrates) the ledger; any failure becomes a LedgerError whose message the desk can read. */
export async function openChosenLedger(choice: LedgerFileChoice): Promise<Ledger> {
  try {
    // Only the default folder is created: a typo in --ledger should fail, not start an empty ledger.
    if (choice.isDefault) fs.mkdirSync(path.dirname(choice.file), { recursive: true })
    const ledger = await openLedger(choice.file)
    // A new ledger starts with the usual categories and sections so the desk can work at once.
    await seedDefaults({ db: ledger.db, actor: systemActor, now: () => new Date() })
    return ledger
  } catch (e) {
    if (e instanceof LedgerError) throw e
    throw new LedgerError('ledger_open_failed', `无法打开台账文件 ${choice.file}：${e instanceof Error ? e.message : String(e)}`)
  }
}
