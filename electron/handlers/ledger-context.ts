import type { LedgerContext } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import type { LocalLedger } from '../../db/core/open'
import type { AppState } from './types'

/** The db/ view of the app state, built per call so a changed operator or ledger takes effect. */
export function ledgerContext(state: AppState): LedgerContext {
  return { db: state.ledger.db, actor: state.operator, now: state.now }
}

/** What the server does in place of a call that reaches the local file itself (the backups, the keys). */
export const ON_SERVER_INSTEAD = {
  backups: '服务器台账的备份与恢复由 IT 人员在服务器上完成（pg_dump / pg_restore）；本机的“立即备份”可另存一份加密的本地副本。',
  backupFolder: '服务器台账的本地副本在每次保存时选择保存位置，无需设置备份文件夹。',
  recovery: '服务器台账没有本机密钥与恢复口令：数据由服务器保管（数据库账号与 TLS 加密连接），本地副本在保存时设定它自己的恢复口令。',
} as const

export function notOnServer(what: string, instead: string): LedgerError {
  return new LedgerError('not_on_server', `服务器台账不支持此操作：${what}。${instead}`)
}

/** The open ledger when it is the local file; on a server, the call is refused in Chinese, saying what to do instead. */
export function localLedgerOf(state: AppState, what: string, instead: string): LocalLedger {
  if (state.ledger.engine === 'sqlite') return state.ledger
  throw notOnServer(what, instead)
}
