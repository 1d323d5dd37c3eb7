import fs from 'node:fs'
import path from 'node:path'
import { LedgerError } from './errors'

// Where a ledger or its backups may live: on this computer. SQLite's write-ahead log keeps its
// index in shared memory, which only works when every connection runs on one host; a ledger on
// a network share can be corrupted by two desks writing at once. A backup folder on a share
// copies the whole ledger to another machine, and on Windows merely trying to reach
// \\host\share can send the user's sign-in credentials to that host. So neither is allowed, and
// a UNC path is refused from its text alone, before anything touches it.

/** How the place is looked at; tests pass their own to stand in for a Windows mapped drive or an NFS mount. */
export interface LocationProbe {
  platform: NodeJS.Platform
  exists(p: string): boolean
  /** The final path of an existing file or folder: on Windows a mapped drive resolves to its \\server\share. */
  realpath(p: string): string
  /** statfs f_type of an existing path, or null where the system does not say. */
  fsType(p: string): number | null
}

export const systemProbe: LocationProbe = {
  platform: process.platform,
  exists: (p) => fs.existsSync(p),
  realpath: (p) => fs.realpathSync.native(p),
  fsType: (p) => {
    try {
      return fs.statfsSync(p).type
    } catch {
      return null
    }
  },
}

// Linux statfs magic numbers of network file systems (linux/magic.h and the file systems' own).
const NETWORK_FS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x564c, 'NCP'],
  [0x73757245, 'Coda'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'AFS'],
  [0x01021997, '9P'],
  [0x00c36400, 'Ceph'],
  [0x0bd00bd0, 'Lustre'],
])

/** `\\server\share…`, `//server/share…` or `\\?\UNC\…`, but not `\\?\C:\…` (a long local path). */
export function isUncPath(raw: string): boolean {
  const p = raw.trim()
  if (/^[\\/]{2}[?.][\\/]/.test(p)) return /^[\\/]{2}[?.][\\/]UNC[\\/]/i.test(p)
  return /^[\\/]{2}[^\\/]/.test(p)
}

function nearestExisting(p: string, probe: LocationProbe): string | null {
  const paths = probe.platform === 'win32' ? path.win32 : path
  let at = paths.resolve(p)
  for (;;) {
    if (probe.exists(at)) return at
    const up = paths.dirname(at)
    if (up === at) return null
    at = up
  }
}

/** Why `raw` is a network location, in Chinese, or null for a place on this computer. */
export function networkLocation(raw: string, probe: LocationProbe = systemProbe): string | null {
  if (isUncPath(raw)) return `网络共享路径 ${raw.trim().slice(0, 200)}`
  const existing = nearestExisting(raw, probe)
  if (existing === null) return null
  if (probe.platform === 'win32') {
    let real: string
    try {
      real = probe.realpath(existing)
    } catch {
      return null
    }
    if (isUncPath(real)) return `映射的网络驱动器 ${path.win32.parse(existing).root}（实际位置 ${real.slice(0, 200)}）`
    return null
  }
  if (probe.platform === 'linux') {
    const type = probe.fsType(existing)
    const name = type === null ? undefined : NETWORK_FS.get(type)
    if (name !== undefined) return `网络文件系统（${name}）上的 ${existing}`
  }
  return null
}

/** Refuses a ledger file on a network share or mapped network drive, saying why. */
export function refuseNetworkLedger(file: string, probe: LocationProbe = systemProbe): void {
  const where = networkLocation(file, probe)
  if (where === null) return
  throw new LedgerError(
    'ledger_on_network',
    `台账文件位于${where}，不能打开。台账使用 SQLite 的预写日志（WAL），要求所有打开它的程序都在同一台电脑上；` +
      '经网络共享盘打开，几台电脑同时写入时可能损坏台账。请把台账放在本机磁盘上（例如 D:\\台账\\ledger.sqlite）。' +
      '几个前台需要共用一本台账时，请使用服务器模式（后续版本提供），不要使用共享盘。',
  )
}

/** Refuses a backup folder on a network share or mapped network drive, saying why. */
export function refuseNetworkFolder(folder: string, probe: LocationProbe = systemProbe): void {
  const where = networkLocation(folder, probe)
  if (where === null) return
  throw new LedgerError(
    'backup_folder_on_network',
    `备份文件夹不能设在${where}：备份是整本台账（含个人信息）的完整副本，不应写到其他电脑上；` +
      '在 Windows 上，连接网络共享时还可能把本机用户的登录凭据发给对方。请选择本机磁盘或 U 盘上的文件夹。',
  )
}
