import { LedgerError } from './errors'

// What the desk is told when the network or the server fails under a save: one place that reads
// pg's and Node's error codes. A transaction whose connection is gone is rolled back by the
// server (PostgreSQL aborts the open transaction of a session that ends), so "nothing was saved"
// is true for every fault before COMMIT; a connection lost during COMMIT itself is the one case
// where the desk cannot know, and is told so.

/** Node's socket errors: the server host does not answer, refuses, or the line drops. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
const SOCKET_CODES = new Set([...UNREACHABLE_CODES, 'ETIMEDOUT', 'ECONNRESET', 'EPIPE'])

/**
 * PostgreSQL's codes for a session the server ended: shut down, terminated by an administrator,
 * crashed, a transaction left idle too long, or a protocol failure.
 */
const ENDED_CODES = new Set(['57P01', '57P02', '57P03', '57P05', '08000', '08003', '08006', '08001', '08004', '08007', '08P01', '25P03'])

/**
 * A wait the server gave up (the desk's session lives on): the statement timeout, the lock timeout,
 * or a deadlock it broke by rolling this save back (a registration holds its new visit's links
 * while it waits for the write lock; an undo deleting that visitor under the lock would wait for it).
 */
const BUSY_CODES = new Set(['57014', '55P03', '40P01'])

/**
 * A statement a desk keeps prepared (server-dialect.ts) whose table IT's upgrade has just changed:
 * the server refuses to run it on that connection again, so the connection is given up and the
 * next try gets a fresh one, which prepares it anew.
 */
const REPLANNED = /cached plan must not change result type/i

// pg reports a socket that ends mid-query, a client used after that, and its own connect
// timeout by message only (no code).
const ENDED_MESSAGES = /Connection terminated|not queryable|Client was closed|Connection ended/i
const CONNECT_TIMEOUT = /timeout exceeded when trying to connect|connection timeout/i

function errorCode(e: unknown): string {
  return e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : ''
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export type FaultKind = 'unreachable' | 'lost' | 'busy' | 'changed'

/** Which kind of server fault an error is, or null when it is not one (a refusal, a constraint, a bug). */
export function faultKind(e: unknown): FaultKind | null {
  if (e instanceof LedgerError) return null
  const code = errorCode(e)
  const message = errorMessage(e)
  if (BUSY_CODES.has(code)) return 'busy'
  if (code === '0A000' && REPLANNED.test(message)) return 'changed'
  if (CONNECT_TIMEOUT.test(message)) return 'unreachable'
  if (UNREACHABLE_CODES.has(code)) return 'unreachable'
  if (SOCKET_CODES.has(code) || ENDED_CODES.has(code) || ENDED_MESSAGES.test(message)) return 'lost'
  return null
}

/** host:port of a server description (host:port/database), for the desk's message. */
function hostPort(where: string): string {
  return where.split('/')[0] ?? where
}

/**
 * The LedgerError for a server fault met while the desk works (a save, a list), or the error as it
 * was when it is no fault. `atCommit`: the connection went while COMMIT was under way.
 */
export function serverFault(e: unknown, where: string, atCommit = false): unknown {
  const kind = faultKind(e)
  const at = hostPort(where)
  if (kind === null) return e
  if (kind === 'busy') {
    return new LedgerError(
      'server_busy',
      `台账服务器（${at}）正忙（其他窗口的保存长时间未完成），本次保存未完成，台账未作改动；已填写的内容仍保留，请稍后重试。`,
    )
  }
  if (kind === 'changed') {
    return new LedgerError(
      'server_changed',
      `台账服务器（${at}）上的台账刚刚升级，本次操作未完成，台账未作改动；已填写的内容仍保留，请重试。`,
    )
  }
  if (kind === 'unreachable') {
    return new LedgerError('server_unreachable', `无法连接台账服务器（${at}），本次保存未完成，已填写的内容仍保留，请检查网络后重试。`)
  }
  if (atCommit) {
    return new LedgerError(
      'connection_lost_at_commit',
      `保存的最后一步与台账服务器（${at}）的连接中断，无法确定这次是否已保存。请恢复网络后刷新查看：没有这条记录再重新保存，不要重复登记。`,
    )
  }
  return new LedgerError(
    'connection_lost',
    `与台账服务器（${at}）的连接中断，本次保存未完成，台账未作改动；已填写的内容仍保留，请检查网络后重试。`,
  )
}

/** Whether a fault left the connection unusable (as opposed to a timeout the session survives). */
export function isConnectionFault(e: unknown): boolean {
  if (e instanceof LedgerError)
    return (
      e.code === 'connection_lost' ||
      e.code === 'server_unreachable' ||
      e.code === 'connection_lost_at_commit' ||
      e.code === 'server_changed'
    )
  const kind = faultKind(e)
  return kind === 'lost' || kind === 'unreachable' || kind === 'changed'
}
