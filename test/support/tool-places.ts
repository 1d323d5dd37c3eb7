import fs from 'node:fs'
import path from 'node:path'

// Where each system's installers put the programs the tests drive (support/tools.ts searches
// these after the env vars and PATH).

export type Tool = 'browser' | 'soffice' | 'pdftotext' | 'pdftoppm' | 'pdfinfo'

/** Where to look: the tests pass their own env and platform to see what another machine would find. */
export interface Search {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
}

/** The names each program goes by on PATH. */
export const COMMANDS: Record<Tool, string[]> = {
  browser: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'],
  soffice: ['soffice', 'libreoffice'],
  pdftotext: ['pdftotext'],
  pdftoppm: ['pdftoppm'],
  pdfinfo: ['pdfinfo'],
}

/** Entries of `base/seg/seg…`, where a segment ending in `*` is a name prefix (newest version first). */
function expand(base: string | undefined, ...segments: string[]): string[] {
  if (base === undefined || base === '') return []
  let paths = [base]
  for (const segment of segments) {
    if (!segment.endsWith('*')) {
      paths = paths.map((p) => path.join(p, segment))
      continue
    }
    const prefix = segment.slice(0, -1)
    paths = paths.flatMap((p) => {
      try {
        return fs
          .readdirSync(p)
          .filter((name) => name.startsWith(prefix))
          .sort()
          .reverse()
          .map((name) => path.join(p, name))
      } catch {
        return []
      }
    })
  }
  return paths
}

function windowsFolders(env: NodeJS.ProcessEnv): { programs: string[]; local: string | undefined } {
  return {
    programs: [env.ProgramFiles ?? 'C:\\Program Files', env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)'],
    local: env.LOCALAPPDATA,
  }
}

function macApps(env: NodeJS.ProcessEnv): string[] {
  return ['/Applications', ...(env.HOME ? [path.join(env.HOME, 'Applications')] : [])]
}

function browserPlaces({ env, platform }: Search): string[] {
  if (platform === 'win32') {
    const { programs, local } = windowsFolders(env)
    return [
      ...[...programs, local].flatMap((base) => expand(base, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...[programs[1], programs[0]].flatMap((base) => expand(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
      ...expand(local, 'Chromium', 'Application', 'chrome.exe'),
    ]
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
    return macApps(env).flatMap((dir) => apps.map((app) => path.join(dir, app)))
  }
  return [
    ...COMMANDS.browser.map((c) => `/usr/bin/${c}`),
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
  ]
}

function officePlaces({ env, platform }: Search): string[] {
  if (platform === 'win32') return windowsFolders(env).programs.flatMap((base) => expand(base, 'LibreOffice', 'program', 'soffice.exe'))
  if (platform === 'darwin') return macApps(env).map((dir) => path.join(dir, 'LibreOffice.app/Contents/MacOS/soffice'))
  return [
    '/usr/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
    ...expand('/opt', 'libreoffice*', 'program', 'soffice'),
    '/snap/bin/libreoffice',
  ]
}

function popplerPlaces(name: string, { env, platform }: Search): string[] {
  if (platform === 'win32') {
    const exe = `${name}.exe`
    const { programs, local } = windowsFolders(env)
    return [
      ...expand(env.ChocolateyInstall ?? 'C:\\ProgramData\\chocolatey', 'bin', exe),
      ...expand(env.USERPROFILE, 'scoop', 'shims', exe),
      ...expand(local, 'Microsoft', 'WinGet', 'Links', exe),
      ...expand(local, 'Microsoft', 'WinGet', 'Packages', 'oschwartz10612.Poppler*', 'poppler-*', 'Library', 'bin', exe),
      ...programs.flatMap((base) => expand(base, 'poppler*', 'Library', 'bin', exe)),
    ]
  }
  const dirs = platform === 'darwin' ? ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin'] : ['/usr/bin', '/usr/local/bin']
  return dirs.map((dir) => path.join(dir, name))
}

export function systemPlaces(tool: Tool, search: Search): string[] {
  if (tool === 'browser') return browserPlaces(search)
  if (tool === 'soffice') return officePlaces(search)
  return popplerPlaces(tool, search)
}
