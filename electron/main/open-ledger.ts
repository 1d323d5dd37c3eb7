import fs from 'node:fs'
import path from 'node:path'
import { LedgerError } from '../../db/errors'
import { openLedger, type Ledger } from '../../db/open'
import type { LedgerFileChoice } from './ledger-file'

/** Opens (and migrates) the ledger; any failure becomes a LedgerError whose message the desk can read. */
export async function openChosenLedger(choice: LedgerFileChoice): Promise<Ledger> {
  try {
    // Only the default folder is created: a typo in --ledger should fail, not start an empty ledger.
    if (choice.isDefault) fs.mkdirSync(path.dirname(choice.file), { recursive: true })
    return await openLedger(choice.file)
  } catch (e) {
    if (e instanceof LedgerError) throw e
    throw new LedgerError('ledger_open_failed', `无法打开台账文件 ${choice.file}：${e instanceof Error ? e.message : String(e)}`)
  }
}
