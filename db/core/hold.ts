import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import dayjs from 'dayjs'
import { isSqliteBusy, LedgerError } from './errors'

// Who may write a ledger file, across processes (another Windows account's app, the command
// line, a script). Beside the ledger sits `<ledger>.lock`, a tiny SQLite file used only for its
// locks, which the operating system drops when a process ends however it ends (a crash, a kill):
//   - a writer holds it shared: any number of writers at once, as SQLite itself allows;
//   - the app, and a restore while it runs, hold it exclusive: nobody else may write meanwhile.
// The exclusive holder says who it is in `<ledger>.lock.json`, so a refused process can say who.

export type HoldMode = 'shared' | 'exclusive'

export interface HolderInfo {
  /** What holds it, in Chinese: 接待日台账, 命令行（恢复台账）… */
  program: string
  user: string
  host: string
  pid: number
  since: string
}

export interface LedgerHold {
  readonly file: string
  readonly mode: HoldMode
  /** Gives this hold back; the lock goes when the process's last hold on the file does. */
  release(): void
}

interface Held {
  conn: Database.Database
  shared: number
  exclusive: number
}

// One lock connection per ledger file per process: holds taken by the same process stack.
const held = new Map<string, Held>()

export function lockFileOf(ledgerFile: string): string {
  return `${path.resolve(ledgerFile)}.lock`
}

export function holderFileOf(ledgerFile: string): string {
  return `${lockFileOf(ledgerFile)}.json`
}

function keyOf(ledgerFile: string): string {
  const resolved = path.resolve(ledgerFile)
  return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists, under another account.
    return e !== null && typeof e === 'object' && 'code' in e && e.code === 'EPERM'
  }
}

/** The exclusive holder as it described itself, unless that description is left over from a process that is gone. */
export function currentHolder(ledgerFile: string): HolderInfo | null {
  let info: unknown
  try {
    info = JSON.parse(fs.readFileSync(holderFileOf(ledgerFile), 'utf8'))
  } catch {
    return null
  }
  if (info === null || typeof info !== 'object') return null
  const fields = new Map(Object.entries(info))
  const read = (k: string) => fields.get(k)
  const h: HolderInfo = {
    program: String(read('program') ?? ''),
    user: String(read('user') ?? ''),
    host: String(read('host') ?? ''),
    pid: Number(read('pid') ?? 0),
    since: String(read('since') ?? ''),
  }
  if (h.host === os.hostname() && !alive(h.pid)) return null
  return h
}

function describe(h: HolderInfo): string {
  return `“${h.program}”（电脑 ${h.host}，用户 ${h.user}，进程 ${h.pid}，${h.since} 起）`
}

function inUse(ledgerFile: string, wanted: HoldMode): LedgerError {
  const h = currentHolder(ledgerFile)
  const what = wanted === 'exclusive' ? '需要独占台账的操作（如从备份恢复）不能进行' : '不能同时写入'
  if (h !== null) {
    return new LedgerError(
      'ledger_in_use',
      `台账文件正由${describe(h)}使用，${what}。请在该程序中操作，或等它关闭后再试。台账文件：${ledgerFile}`,
    )
  }
  return new LedgerError(
    'ledger_in_use',
    `台账文件正被另一个程序使用（命令行工具，或另一个 Windows 账户中的接待日台账），${what}。请等它结束或关闭后再试。台账文件：${ledgerFile}`,
  )
}

function openLock(ledgerFile: string): Database.Database {
  try {
    const conn = new Database(lockFileOf(ledgerFile))
    // A writer momentarily taking the lock must not look like a holder: wait a moment first.
    conn.pragma('busy_timeout = 1500')
    conn.pragma('locking_mode = EXCLUSIVE')
    return conn
  } catch (e) {
    throw new LedgerError(
      'ledger_open_failed',
      `无法在台账文件旁建立占用标记 ${lockFileOf(ledgerFile)}：${e instanceof Error ? e.message : String(e)}`,
    )
  }
}

/** In EXCLUSIVE locking mode a read keeps a shared lock, a write an exclusive one, until the connection says otherwise. */
function lockShared(conn: Database.Database): void {
  conn.pragma('journal_mode = MEMORY')
  conn.prepare('select count(*) from sqlite_master').get()
}

function lockExclusive(conn: Database.Database): void {
  conn.pragma('journal_mode = MEMORY')
  conn.pragma(`user_version = ${process.pid}`)
}

function writeHolder(ledgerFile: string, program: string): void {
  const info: HolderInfo = {
    program,
    user: os.userInfo().username,
    host: os.hostname(),
    pid: process.pid,
    since: dayjs().format('YYYY-MM-DD HH:mm'),
  }
  try {
    fs.writeFileSync(holderFileOf(ledgerFile), JSON.stringify(info))
  } catch {
    // Only the refusal message of another process loses detail.
  }
}

/**
 * Takes a hold on the ledger file for this process, or refuses in Chinese, saying who holds it.
 * `program` names the holder for others' messages (exclusive holds only).
 */
export function holdLedger(ledgerFile: string, mode: HoldMode, program = '接待日台账'): LedgerHold {
  const key = keyOf(ledgerFile)
  let h = held.get(key)
  if (h === undefined) {
    const conn = openLock(ledgerFile)
    try {
      if (mode === 'exclusive') {
        conn.pragma('busy_timeout = 0')
        lockExclusive(conn)
      } else lockShared(conn)
    } catch (e) {
      conn.close()
      if (isSqliteBusy(e)) throw inUse(ledgerFile, mode)
      throw e
    }
    h = { conn, shared: 0, exclusive: 0 }
    held.set(key, h)
    if (mode === 'exclusive') writeHolder(ledgerFile, program)
  } else if (mode === 'exclusive' && h.exclusive === 0) {
    // This process's writers hold it shared; exclusive only if no other process does.
    try {
      h.conn.pragma('busy_timeout = 0')
      lockExclusive(h.conn)
    } catch (e) {
      if (isSqliteBusy(e)) throw inUse(ledgerFile, mode)
      throw e
    }
    writeHolder(ledgerFile, program)
  }
  const entry = h
  if (mode === 'exclusive') entry.exclusive++
  else entry.shared++
  let released = false
  return {
    file: ledgerFile,
    mode,
    release() {
      if (released) return
      released = true
      if (mode === 'exclusive') entry.exclusive--
      else entry.shared--
      if (entry.exclusive === 0 && mode === 'exclusive') fs.rmSync(holderFileOf(ledgerFile), { force: true })
      if (entry.exclusive === 0 && entry.shared === 0) {
        entry.conn.close()
        held.delete(key)
      } else if (entry.exclusive === 0 && mode === 'exclusive') {
        // Back to shared: let go of everything, then read again. Should another process take it
        // exclusive in between, this process's remaining writers simply write without the lock.
        try {
          entry.conn.pragma('locking_mode = NORMAL')
          entry.conn.prepare('select count(*) from sqlite_master').get()
          entry.conn.pragma('locking_mode = EXCLUSIVE')
          entry.conn.pragma('busy_timeout = 1500')
          entry.conn.prepare('select count(*) from sqlite_master').get()
        } catch {
          // See above.
        }
      }
    },
  }
}
