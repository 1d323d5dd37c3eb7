import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { chooseLedgerFile } from '../../electron/main/ledger-file'

const root = path.resolve(import.meta.dirname, '../..')
const config: unknown = parse(fs.readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8'))
const pkg: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))

/** Reads a nested value of parsed config without casting. */
function at(value: unknown, ...keys: string[]): unknown {
  let v = value
  for (const k of keys)
    v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? Object.getOwnPropertyDescriptor(v, k)?.value : undefined
  return v
}

describe('the Windows installer config', () => {
  it('names the product and its id', () => {
    expect(at(config, 'productName')).toBe('接待日台账')
    expect(at(config, 'appId')).toMatch(/^[a-z0-9.-]+$/)
    expect(at(pkg, 'productName')).toBe('接待日台账')
  })

  it('builds a per-user x64 NSIS installer in Chinese with a choice of folder and both shortcuts', () => {
    expect(at(config, 'win', 'target')).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(at(config, 'nsis')).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      installerLanguages: ['zh_CN'],
      deleteAppDataOnUninstall: false,
    })
  })

  it('packs only the built app, with the encrypting SQLite driver unpacked and rebuilt for Electron', () => {
    const files = at(config, 'files')
    expect(files).toContain('out/**')
    for (const excluded of ['!test/**', '!db/**', '!renderer/**', '!electron/**', '!**/*.sqlite*']) expect(files).toContain(excluded)
    expect(at(config, 'asar')).toBe(true)
    expect(at(config, 'asarUnpack')).toContain('**/node_modules/better-sqlite3-multiple-ciphers/**')
    expect(at(config, 'npmRebuild')).toBe(true)
  })

  it('turns off the run-as-node, NODE_OPTIONS and inspector fuses', () => {
    expect(at(config, 'electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
  })

  it('has a 256×256 PNG icon in build/', () => {
    const icon = at(config, 'win', 'icon')
    expect(icon).toBe('build/icon.png')
    const png = fs.readFileSync(path.join(root, 'build/icon.png'))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256])
  })

  it('keeps renderer-only libraries out of the packaged dependencies', () => {
    const deps = Object.keys(at(pkg, 'dependencies') ?? {})
    for (const bundled of ['react', 'react-dom', 'antd', 'echarts']) expect(deps).not.toContain(bundled)
    for (const runtime of ['better-sqlite3-multiple-ciphers', 'kysely', 'zod']) expect(deps).toContain(runtime)
  })

  it('keeps the ledger in the user app-data folder, outside the install folder', () => {
    const installDir = 'C:\\Users\\wang\\AppData\\Local\\Programs\\接待日台账'
    const userData = 'C:\\Users\\wang\\AppData\\Roaming\\接待日台账'
    const choice = chooseLedgerFile([`${installDir}\\ReceptionLedger.exe`], {}, userData, installDir)
    expect(choice.isDefault).toBe(true)
    expect(choice.file.startsWith(userData)).toBe(true)
    expect(choice.file.startsWith(installDir)).toBe(false)
  })
})
