import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { program, scratchDir } from '../support/programs'
import { findCjkFont, findTool, toolPath } from '../support/tools'

// The finder is asked with its own env and platform, so each case sees exactly the machine it
// describes; LEDGER_TOOLS_SEARCH_SYSTEM=0 keeps this machine's /usr/bin out of the POSIX cases.

const dirs: string[] = []
function scratch(): string {
  const dir = scratchDir('ledger-tools-')
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  vi.unstubAllEnvs()
})

const posix = process.platform === 'win32' ? 'linux' : process.platform

describe.skipIf(process.platform === 'win32')('finding the programs from env vars and PATH', () => {
  it('takes the browser from CHROMIUM_PATH when it names a file, before a chromium on PATH', () => {
    const dir = scratch()
    program(dir, 'bin/chromium')
    const chosen = program(dir, 'elsewhere/chrome')
    const env = { PATH: path.join(dir, 'bin'), CHROMIUM_PATH: chosen, LEDGER_TOOLS_SEARCH_SYSTEM: '0' }
    expect(findTool('browser', { env, platform: posix })).toEqual({ found: true, path: chosen, via: 'CHROMIUM_PATH' })
    expect(findTool('browser', { env: { ...env, CHROMIUM_PATH: '' }, platform: posix })).toEqual({
      found: true,
      path: path.join(dir, 'bin/chromium'),
      via: 'PATH',
    })
  })

  it('takes LibreOffice from SOFFICE_PATH when it names a file, before a soffice on PATH', () => {
    const dir = scratch()
    program(dir, 'bin/soffice')
    const chosen = program(dir, 'lo/program/soffice')
    const env = { PATH: path.join(dir, 'bin'), SOFFICE_PATH: chosen, LEDGER_TOOLS_SEARCH_SYSTEM: '0' }
    expect(findTool('soffice', { env, platform: posix })).toEqual({ found: true, path: chosen, via: 'SOFFICE_PATH' })
  })

  it.each([
    ['CHROMIUM_PATH', 'browser', 'chromium'],
    ['SOFFICE_PATH', 'soffice', 'soffice'],
  ] as const)('reports %s naming a missing file instead of quietly using another program', (envVar, tool, onPath) => {
    const dir = scratch()
    program(dir, `bin/${onPath}`)
    const wrong = path.join(dir, 'no-such-program')
    const lookup = findTool(tool, {
      env: { PATH: path.join(dir, 'bin'), [envVar]: wrong, LEDGER_TOOLS_SEARCH_SYSTEM: '0' },
      platform: posix,
    })
    expect(lookup).toEqual({
      found: false,
      zh: `${envVar}=${wrong} 指向的文件不存在`,
      en: `${envVar}=${wrong} names a file that does not exist`,
    })
  })

  it('finds LibreOffice under the name libreoffice on PATH, and nothing on an empty PATH with the system folders left out', () => {
    const dir = scratch()
    const libreoffice = program(dir, 'bin/libreoffice')
    expect(findTool('soffice', { env: { PATH: path.join(dir, 'bin'), LEDGER_TOOLS_SEARCH_SYSTEM: '0' }, platform: posix })).toMatchObject({
      path: libreoffice,
    })
    const none = findTool('soffice', { env: { PATH: '', LEDGER_TOOLS_SEARCH_SYSTEM: '0' }, platform: posix })
    expect(none.found).toBe(false)
    expect(none).toMatchObject({ zh: expect.stringContaining('LEDGER_TOOLS_SEARCH_SYSTEM=0'), en: expect.stringContaining('SOFFICE_PATH') })
  })

  it('does not take a file on PATH that cannot be run', () => {
    const dir = scratch()
    fs.mkdirSync(path.join(dir, 'bin'))
    fs.writeFileSync(path.join(dir, 'bin/pdftotext'), 'not a program', { mode: 0o644 })
    expect(findTool('pdftotext', { env: { PATH: path.join(dir, 'bin'), LEDGER_TOOLS_SEARCH_SYSTEM: '0' }, platform: posix }).found).toBe(
      false,
    )
  })

  it('finds pdftoppm and pdfinfo beside PDFTOTEXT_PATH, as Poppler installs them together', () => {
    const dir = scratch()
    const pdftotext = program(dir, 'poppler/bin/pdftotext')
    const pdftoppm = program(dir, 'poppler/bin/pdftoppm')
    const pdfinfo = program(dir, 'poppler/bin/pdfinfo')
    const env = { PATH: '', PDFTOTEXT_PATH: pdftotext, LEDGER_TOOLS_SEARCH_SYSTEM: '0' }
    expect(findTool('pdftotext', { env, platform: posix })).toMatchObject({ path: pdftotext })
    expect(findTool('pdftoppm', { env, platform: posix })).toEqual({ found: true, path: pdftoppm, via: 'PDFTOTEXT_PATH' })
    expect(findTool('pdfinfo', { env, platform: posix })).toEqual({ found: true, path: pdfinfo, via: 'PDFTOTEXT_PATH' })
  })

  it('finds a CJK font only when fc-list :lang=zh lists one', () => {
    const dir = scratch()
    program(dir, 'with/fc-list', '#!/bin/sh\n[ "$1" = ":lang=zh" ] && echo "WenQuanYi Micro Hei,文泉驿微米黑"\nexit 0\n')
    program(dir, 'without/fc-list', '#!/bin/sh\nexit 0\n')
    const env = (bin: string) => ({ PATH: path.join(dir, bin), LEDGER_TOOLS_SEARCH_SYSTEM: '0' })
    expect(findCjkFont({ env: env('with'), platform: 'linux' })).toEqual({ found: true, family: 'WenQuanYi Micro Hei' })
    expect(findCjkFont({ env: env('without'), platform: 'linux' })).toMatchObject({ found: false, zh: expect.stringContaining('方框') })
    expect(findCjkFont({ env: env('nowhere'), platform: 'linux' })).toMatchObject({
      found: false,
      en: expect.stringContaining('no fc-list'),
    })
    expect(findCjkFont({ env: env('nowhere'), platform: 'win32' }).found).toBe(true)
  })

  it('fails a test that needs a missing program with what to do about it', () => {
    vi.stubEnv('SOFFICE_PATH', '/no/such/soffice')
    expect(() => toolPath('soffice')).toThrow(
      /LibreOffice（soffice）：SOFFICE_PATH=\/no\/such\/soffice 指向的文件不存在。运行 npm run preflight[\s\S]*npm run preflight for how to install it/,
    )
  })
})

describe('finding the programs where each system installs them', () => {
  it('looks on Windows in Program Files and LOCALAPPDATA for Chrome, Edge, LibreOffice and winget’s Poppler', () => {
    const dir = scratch()
    const env = {
      ProgramFiles: path.join(dir, 'pf'),
      'ProgramFiles(x86)': path.join(dir, 'pf86'),
      LOCALAPPDATA: path.join(dir, 'local'),
      ChocolateyInstall: path.join(dir, 'choco'),
    }
    const edge = program(dir, 'pf86/Microsoft/Edge/Application/msedge.exe')
    expect(findTool('browser', { env, platform: 'win32' })).toEqual({ found: true, path: edge, via: 'system' })
    const chrome = program(dir, 'local/Google/Chrome/Application/chrome.exe')
    expect(findTool('browser', { env, platform: 'win32' })).toMatchObject({ path: chrome })
    const soffice = program(dir, 'pf/LibreOffice/program/soffice.exe')
    expect(findTool('soffice', { env, platform: 'win32' })).toMatchObject({ path: soffice })
    program(
      dir,
      'local/Microsoft/WinGet/Packages/oschwartz10612.Poppler_Microsoft.Winget.Source_8wekyb3d8bbwe/poppler-24.08.0/Library/bin/pdftotext.exe',
    )
    const newest = program(
      dir,
      'local/Microsoft/WinGet/Packages/oschwartz10612.Poppler_Microsoft.Winget.Source_8wekyb3d8bbwe/poppler-25.07.0/Library/bin/pdftotext.exe',
    )
    expect(findTool('pdftotext', { env, platform: 'win32' })).toMatchObject({ path: newest })
  })

  // On a real Mac, /Applications comes first and holds the real programs.
  it.skipIf(process.platform === 'darwin')('looks on macOS in the Applications folders for Chrome and LibreOffice', () => {
    const dir = scratch()
    const env = { HOME: dir }
    const chrome = program(dir, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
    const soffice = program(dir, 'Applications/LibreOffice.app/Contents/MacOS/soffice')
    expect(findTool('browser', { env, platform: 'darwin' })).toEqual({ found: true, path: chrome, via: 'system' })
    expect(findTool('soffice', { env, platform: 'darwin' })).toEqual({ found: true, path: soffice, via: 'system' })
  })
})
