import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { APT_PACKAGES, detectSystem } from '../../tools/setup-packages.mjs'
import { program, runNode, scratchDir } from '../support/programs'

// npm run setup in a child process. Where it would install, it is given stand-ins for dpkg-query,
// apt-get and sudo on an otherwise empty PATH, so the cases see what it runs without changing
// this machine.

const SETUP = path.resolve(import.meta.dirname, '../../tools/setup.mjs')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A Debian machine where dpkg lacks `missing`; apt-get and sudo only write down how they were called. */
function debianMissing(...missing: string[]): { env: NodeJS.ProcessEnv; log: string } {
  const dir = scratchDir('ledger-setup-')
  dirs.push(dir)
  const log = path.join(dir, 'apt.log')
  program(
    dir,
    'bin/dpkg-query',
    `#!/bin/sh\nfor last; do :; done\ncase " ${missing.join(' ')} " in *" $last "*) echo "dpkg-query: no packages found matching $last" >&2; exit 1;; esac\nprintf 'install ok installed'\n`,
  )
  program(dir, 'bin/apt-get', '#!/bin/sh\necho "apt-get $* ($DEBIAN_FRONTEND)" >> "$APT_LOG"\n')
  program(dir, 'bin/sudo', '#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in *=*) export "$1"; shift;; *) break;; esac; done\nexec "$@"\n')
  const env = { PATH: path.join(dir, 'bin'), HOME: dir, APT_LOG: log, LEDGER_SETUP_PLATFORM: 'debian', LEDGER_TOOLS_SEARCH_SYSTEM: '0' }
  return { env, log }
}

const allApt = Object.values(APT_PACKAGES).flat()

describe.skipIf(process.platform === 'win32')('npm run setup', () => {
  it.runIf(detectSystem() === 'debian')(
    'on this Debian machine, a dry run changes nothing and names every system package it checked',
    () => {
      const r = runNode(SETUP, ['--no-npm', '--dry-run'], process.env)
      expect(r.code).toBe(0)
      for (const pkg of allApt) expect(r.stdout).toContain(pkg)
      expect(`${r.stdout}${r.stderr}`).toMatch(
        /系统软件包均已安装|\(dry run\) (sudo DEBIAN_FRONTEND=noninteractive )?apt-get install -y -qq |安装需要 root 或 sudo/,
      )
      expect(r.stdout).toContain('跳过 npm ci（--no-npm）')
      expect(r.stdout).toContain('Would finish with the preflight check')
    },
  )

  it('in a dry run lists the apt-get commands for only the missing packages and runs none of them', () => {
    const { env, log } = debianMissing('chromium', 'poppler-utils')
    const r = runNode(SETUP, ['--no-npm', '--dry-run'], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('将安装缺少的系统软件包：chromium、poppler-utils')
    expect(r.stdout).toMatch(/\(dry run\) .*apt-get update -qq\n {2}\(dry run\) .*apt-get install -y -qq chromium poppler-utils\n/)
    expect(fs.existsSync(log)).toBe(false)
  })

  it('installs only what dpkg lacks, after apt-get update, and exits 1 when the preflight still finds it missing', () => {
    const { env, log } = debianMissing('chromium', 'poppler-utils')
    const r = runNode(SETUP, ['--no-npm'], env)
    expect(fs.readFileSync(log, 'utf8')).toBe(
      'apt-get update -qq (noninteractive)\napt-get install -y -qq chromium poppler-utils (noninteractive)\n',
    )
    // The stand-in apt-get installed nothing, so the browser is still missing: that is the verdict.
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('✗ 浏览器')
  })

  it('with nothing missing runs no apt-get at all', () => {
    const { env, log } = debianMissing()
    const r = runNode(SETUP, ['--no-npm', '--dry-run'], env)
    expect(r.stdout).toContain(`系统软件包均已安装：${allApt.join('、')}`)
    expect(r.stdout).not.toContain('apt-get')
    expect(fs.existsSync(log)).toBe(false)
  })

  it('on Windows names the winget and choco packages and no Linux font', () => {
    const r = runNode(SETUP, ['--no-npm', '--dry-run'], { PATH: '', LEDGER_SETUP_PLATFORM: 'win32' })
    expect(r.code).toBe(0)
    for (const id of ['Google.Chrome', 'TheDocumentFoundation.LibreOffice', 'oschwartz10612.Poppler'])
      expect(r.stdout).toContain(`winget install -e --id ${id}`)
    expect(r.stdout).toContain('choco install -y googlechrome libreoffice-fresh poppler')
    expect(r.stdout).not.toContain('apt-get')
    expect(r.stdout).not.toContain('中文字体')
  })

  it('on macOS names the brew packages', () => {
    const r = runNode(SETUP, ['--no-npm', '--dry-run'], { PATH: '', LEDGER_SETUP_PLATFORM: 'darwin' })
    expect(r.code).toBe(0)
    for (const command of ['brew install --cask google-chrome', 'brew install --cask libreoffice', 'brew install poppler'])
      expect(r.stdout).toContain(command)
  })

  it('says it would run npm ci with the Electron download skipped unless told --no-npm', () => {
    const r = runNode(SETUP, ['--dry-run'], { PATH: '', LEDGER_SETUP_PLATFORM: 'darwin' })
    expect(r.stdout).toContain('将运行 npm ci（ELECTRON_SKIP_BINARY_DOWNLOAD=1）')
    expect(r.stdout).toContain('(dry run) npm ci --no-audit --no-fund')
  })

  it('refuses an argument it does not know with exit 2', () => {
    const r = runNode(SETUP, ['--no-nmp'], { PATH: '' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('不认识的参数：--no-nmp')
  })
})
