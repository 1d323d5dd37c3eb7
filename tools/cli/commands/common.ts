// What the commands of `npm run ledger` share once they run: the actor and the ways a command opens
// its ledger. The flags and the usage error are in flags.ts, which ledger.ts reads before it loads
// the one command asked for.
import fs from 'node:fs'
import { systemActor, type LedgerContext, type SystemActor } from '../../../db/core/context'
import { openLedger, type Ledger, type LocalLedger } from '../../../db/core/open'
import type { LedgerKeys } from '../../../db/keys/keys'
import { commandLineKeys, needsPassphrase } from '../passphrase'
import { PG_ENV } from '../server-address'
import { usage, UsageError, type CliValues } from './flags'

export function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`缺少参数 ${flag}`)
  return value
}

export function serverUrl(flag: string | undefined): string {
  const url = flag ?? process.env[PG_ENV]
  if (url === undefined || url === '') throw new UsageError(`缺少参数 --pg（台账服务器地址，也可用环境变量 ${PG_ENV}）`)
  return url
}

/** The key provider, asked for only when the command needs a key: an encrypted file, or one it writes (and so encrypts). */
export async function keysFor(values: CliValues, files: (string | undefined)[], writes: boolean): Promise<LedgerKeys | undefined> {
  return needsPassphrase(files, writes) ? commandLineKeys({ file: values['passphrase-file'], env: process.env }, usage) : undefined
}

export async function openExisting(file: string, keys: LedgerKeys | undefined, readonly = false): Promise<LocalLedger> {
  if (!fs.existsSync(file)) throw new UsageError(`台账文件不存在：${file}`)
  return openLedger(file, { readonly, keys })
}

// Commands that only read open the file read-only: they work while the app (or anyone) writes,
// and never upgrade or otherwise change it.
export const READ_ONLY = true

/** The command line acts with the system capability on the file: no person, no role, recorded as 命令行. */
export const commandLine: SystemActor = { ...systemActor, name: '命令行' }

export function context(ledger: Ledger): LedgerContext {
  return { db: ledger.db, actor: commandLine, now: () => new Date() }
}
