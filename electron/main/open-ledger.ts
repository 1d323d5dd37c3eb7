import fs from 'node:fs'
import path from 'node:path'
import { ensureDailyBackup } from '../../db/backup/files'
import { restoreFromBackup } from '../../db/backup/restore'
import { decideAtStartup, type StartupDecision } from '../../db/backup/startup'
import type { Actor } from '../../db/core/context'
import { systemActor } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import { holdLedger, type LedgerHold } from '../../db/core/hold'
import { refuseNetworkLedger } from '../../db/core/location'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { seedDefaults } from '../../db/reference/reference'
import type { LedgerFileChoice } from './ledger-file'
import type { LedgerKeys } from '../../db/keys/keys'
import { recoveryStatus } from '../../db/keys/recovery'

// No electron import here: main passes in how to ask the desk, so this runs (and is tested) in Node.

/** Shows the desk a damaged-ledger decision; resolves true when they choose to restore. */
export type AskRestore = (decision: Extract<StartupDecision, { action: 'offer-restore' }>) => Promise<boolean>

/**
 * The key provider for this start; `retry` gives the one to try after the desk typed the recovery
 * passphrase (another PC, another account), or null when they would not.
 */
export interface StartKeys {
  keys: LedgerKeys
  retry?: (refusal: LedgerError) => Promise<LedgerKeys | null>
}

const ASK_AGAIN = new Set(['passphrase_needed', 'wrong_passphrase'])

export interface OpenedLedger {
  ledger: LocalLedger
  /** The app's exclusive hold on the file for as long as it runs: other processes may not write meanwhile. */
  hold: LedgerHold
  /** Things the desk should know that did not stop the start, in Chinese (e.g. a backup that failed). */
  notices: string[]
  /** Until a supervisor has set the recovery passphrase, every start says so (null once it is set). */
  recoveryReminder: string | null
}

export const RECOVERY_REMINDER =
  '台账已加密，但尚未设置恢复口令：换电脑、重装系统或在另一台电脑上恢复备份时将无法打开台账。请负责人本人登录后，在“设置 → 加密与恢复口令”中设置恢复口令，并打印恢复口令单放入保险柜。'

/** How the app names itself to another process that is refused while it runs. */
export const APP_PROGRAM = '接待日台账'

const startupActor: Actor = { ...systemActor, name: '系统（启动时从备份恢复）' }

/**
 * Opens (and migrates) the ledger for the desk. Before anything writes to it: quick_check. A
 * damaged ledger is never opened for writing — the desk is told why and offered the newest good
 * backup (the damaged file is kept). Then the first start of the day takes the daily backup.
 * Any refusal is a LedgerError whose message the desk can read.
 */
export async function openChosenLedger(
  choice: LedgerFileChoice,
  ask: AskRestore,
  start: StartKeys,
  now: () => Date = () => new Date(),
): Promise<OpenedLedger> {
  let keys = start.keys
  for (let tries = 0; ; tries++) {
    try {
      return await openWithKeys(choice, ask, keys, now)
    } catch (e) {
      if (!(e instanceof LedgerError) || !ASK_AGAIN.has(e.code) || start.retry === undefined || tries >= 5) throw e
      const next = await start.retry(e)
      if (next === null) throw e
      keys = next
    }
  }
}

async function openWithKeys(choice: LedgerFileChoice, ask: AskRestore, keys: LedgerKeys, now: () => Date): Promise<OpenedLedger> {
  let ledger: LocalLedger
  let hold: LedgerHold | null = null
  try {
    // From the path's text alone, before anything touches a network share.
    refuseNetworkLedger(choice.file)
    // Only the default folder is created: a typo in --ledger should fail, not start an empty ledger.
    if (choice.isDefault) fs.mkdirSync(path.dirname(choice.file), { recursive: true })
    // Before the start-up check: another account's app or a script writing now would race it.
    hold = holdLedger(choice.file, 'exclusive', APP_PROGRAM)
    const decision = decideAtStartup(choice.file, undefined, keys)
    if (decision.action === 'refuse') throw new LedgerError('ledger_damaged', decision.message)
    if (decision.action === 'offer-restore') {
      if (!(await ask(decision))) throw new LedgerError('ledger_damaged', `${decision.message}\n\n您选择了不恢复，台账文件未作任何改动。`)
      ledger = (
        await restoreFromBackup({ current: null, file: choice.file, backupFile: decision.backup.file, now, actor: startupActor, keys })
      ).ledger
    } else {
      // Encrypted: an unencrypted ledger from before encryption is encrypted here, after a copy.
      ledger = await openLedger(choice.file, { now, keys })
    }
    // A new ledger starts with the usual categories and sections so the desk can work at once.
    await seedDefaults({ db: ledger.db, actor: systemActor, now })
  } catch (e) {
    hold?.release()
    if (e instanceof LedgerError) throw e
    throw new LedgerError('ledger_open_failed', `无法打开台账文件 ${choice.file}：${e instanceof Error ? e.message : String(e)}`)
  }
  const status = recoveryStatus(ledger)
  return {
    ledger,
    hold,
    notices: await dailyBackup(ledger, now),
    recoveryReminder: status.encrypted && !status.recoverySet ? RECOVERY_REMINDER : null,
  }
}

/** The daily copy; a failure is reported to the desk but never stops the app. */
export async function dailyBackup(ledger: LocalLedger, now: () => Date = () => new Date()): Promise<string[]> {
  try {
    const r = await ensureDailyBackup(ledger.sqlite, ledger.file, now())
    if (r.backup !== null && r.fallbackReason !== null) {
      return [`设置的备份文件夹暂时无法使用（${r.fallbackReason}），今天的自动备份已改存到 ${path.dirname(r.backup.file)}。`]
    }
    return []
  } catch (e) {
    return [`今天的自动备份未能完成：${e instanceof Error ? e.message : String(e)}。请在“设置 → 备份”中检查备份文件夹，或立即手动备份。`]
  }
}
