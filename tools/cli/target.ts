import fs from 'node:fs'
import { openServerLedger } from '../../db/core/open-server'
import { openLedger, type Ledger } from '../../db/core/open'
import type { LedgerKeys } from '../../db/keys/keys'
import { PG_ENV } from './server-address'

// Which ledger a command reads: a local file (--db) or a PostgreSQL server (--pg URL, or the
// environment variable LEDGER_PG for scripts, so the password stays out of the process list).
// Never both: a command that could reach either would be a guess.

export type LedgerTarget = { kind: 'file'; file: string } | { kind: 'server'; url: string }

export function chooseLedger(
  values: { db?: string | undefined; pg?: string | undefined },
  env: NodeJS.ProcessEnv,
  fail: (message: string) => Error,
): LedgerTarget {
  const fromEnv = env[PG_ENV] !== undefined && env[PG_ENV] !== '' ? env[PG_ENV] : undefined
  if (values.db !== undefined && values.pg !== undefined) throw fail('--db 与 --pg 只能给一个：台账要么是本地文件，要么在服务器上')
  if (values.db !== undefined && fromEnv !== undefined)
    throw fail(`给了 --db，环境变量 ${PG_ENV} 又指向台账服务器：只能选一个（请取消 ${PG_ENV}，或不给 --db）`)
  if (values.db !== undefined && values.db !== '') return { kind: 'file', file: values.db }
  const url = values.pg ?? fromEnv
  if (url !== undefined && url !== '') return { kind: 'server', url }
  throw fail(`缺少参数 --db（本地台账文件）或 --pg（台账服务器地址，也可用环境变量 ${PG_ENV}）`)
}

/** Opens the chosen ledger for a command; a local file read-only when the command only reads. */
export async function openTarget(
  target: LedgerTarget,
  keys: () => Promise<LedgerKeys | undefined>,
  readonly: boolean,
  fail: (message: string) => Error,
): Promise<Ledger> {
  // The command line is IT's tool, run with the owner's account (README): no desk role checks.
  if (target.kind === 'server') return openServerLedger(target.url, { maintenance: true })
  if (!fs.existsSync(target.file)) throw fail(`台账文件不存在：${target.file}`)
  return openLedger(target.file, { readonly, keys: await keys() })
}
