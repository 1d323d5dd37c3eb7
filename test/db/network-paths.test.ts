import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testKeys } from '../support/keys'
import { isUncPath, networkLocation, systemProbe, type LocationProbe } from '../../db/core/location'
import { openLedger } from '../../db/core/open'
import { chooseLedgerFile } from '../../electron/main/ledger-file'
import { openChosenLedger } from '../../electron/main/open-ledger'
import { refused } from '../support/refusals'
import { tempDir } from '../support/temp-ledger'

// SQLite's write-ahead log keeps its index in shared memory: every connection must be on one
// host. A ledger on a network share is refused by every door (the app, the command line, db/),
// saying why and that several desks use the server mode.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const WHY = /台账文件位于.*不能打开。台账使用 SQLite 的预写日志（WAL），要求所有打开它的程序都在同一台电脑上.*服务器模式/

/** A Windows PC whose Z: is mapped to \\fileserver\共享 (fs.realpathSync.native resolves a mapped drive to its share). */
const mappedZ: LocationProbe = {
  platform: 'win32',
  exists: (p) => /^[DZ]:\\$/i.test(p) || /^D:\\台账$/.test(p),
  realpath: (p) => (p.toUpperCase().startsWith('Z:') ? `\\\\fileserver\\共享${p.slice(2)}` : p),
  fsType: () => null,
}

describe('a ledger on a network location', () => {
  it('is refused on a UNC path by the app, naming the reason, and nothing is created', async () => {
    const cwd = tempDir('network-')
    dirs.push(cwd)
    for (const arg of ['\\\\fileserver\\共享\\台账\\ledger.sqlite', '//fileserver/共享/ledger.sqlite']) {
      const choice = chooseLedgerFile([`--ledger=${arg}`], {}, path.join(cwd, 'userData'), cwd)
      const e = await refused(openChosenLedger(choice, async () => false, { keys: testKeys() }))
      expect(e.code).toBe('ledger_on_network')
      expect(e.message).toMatch(WHY)
      expect(e.message).toContain(arg)
    }
    expect(fs.readdirSync(cwd)).toEqual([])
  })

  it('is refused by the command line and db/ alike', async () => {
    for (const file of ['//fileserver/共享/ledger.sqlite', '\\\\?\\UNC\\fileserver\\共享\\ledger.sqlite']) {
      expect((await refused(openLedger(file))).code).toBe('ledger_on_network')
      expect((await refused(openLedger(file, { readonly: true }))).code).toBe('ledger_on_network')
    }
  })

  it('is refused on a mapped network drive and on an NFS or SMB mount', () => {
    expect(networkLocation('Z:\\台账\\ledger.sqlite', mappedZ)).toBe('映射的网络驱动器 Z:\\（实际位置 \\\\fileserver\\共享\\）')
    expect(networkLocation('D:\\台账\\ledger.sqlite', mappedZ)).toBeNull()
    const dir = tempDir('network-')
    dirs.push(dir)
    for (const [type, name] of [
      [0x6969, 'NFS'],
      [0xff534d42, 'CIFS'],
      [0xfe534d42, 'SMB2'],
    ] as const) {
      expect(networkLocation(path.join(dir, 'ledger.sqlite'), { ...systemProbe, platform: 'linux', fsType: () => type })).toBe(
        `网络文件系统（${name}）上的 ${dir}`,
      )
    }
    // This machine's own temp folder is local.
    expect(networkLocation(path.join(dir, 'ledger.sqlite'))).toBeNull()
  })

  it('tells a long local path from a share by its text alone', () => {
    expect(isUncPath('\\\\fileserver\\共享')).toBe(true)
    expect(isUncPath('//fileserver/共享')).toBe(true)
    expect(isUncPath('\\\\?\\UNC\\fileserver\\共享')).toBe(true)
    expect(isUncPath('\\\\?\\C:\\台账\\ledger.sqlite')).toBe(false)
    expect(isUncPath('C:\\台账\\ledger.sqlite')).toBe(false)
    expect(isUncPath('/home/desk/ledger.sqlite')).toBe(false)
  })
})
