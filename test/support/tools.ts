import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { COMMANDS, systemPlaces, type Search, type Tool } from './tool-places'

export type { Search, Tool } from './tool-places'

// The programs the tests drive (a Chromium-family browser, LibreOffice, Poppler), found on any
// machine: an explicit env var first, then (for the browser) Playwright's own Chromium, then PATH,
// then where each system's installers put them (tool-places.ts).

export interface Label {
  zh: string
  en: string
}

export type Lookup = { found: true; path: string; via: string } | ({ found: false } & Label)

export const TOOL_LABELS: Record<Tool, Label> = {
  browser: { zh: '浏览器（Chromium、Chrome 或 Edge）', en: 'browser (Chromium, Chrome or Edge)' },
  soffice: { zh: 'LibreOffice（soffice）', en: 'LibreOffice (soffice)' },
  pdftotext: { zh: 'pdftotext（Poppler）', en: 'pdftotext (Poppler)' },
  pdftoppm: { zh: 'pdftoppm（Poppler）', en: 'pdftoppm (Poppler)' },
  pdfinfo: { zh: 'pdfinfo（Poppler）', en: 'pdfinfo (Poppler)' },
}

export const TOOL_ENV: Record<Tool, string> = {
  browser: 'CHROMIUM_PATH',
  soffice: 'SOFFICE_PATH',
  pdftotext: 'PDFTOTEXT_PATH',
  pdftoppm: 'PDFTOPPM_PATH',
  pdfinfo: 'PDFINFO_PATH',
}

/**
 * LEDGER_TOOLS_SEARCH_SYSTEM=0 limits the search to the env vars and PATH: no Playwright download,
 * no fixed folders. Tests use it to see what a machine without the programs is told.
 */
export function searchesSystem(env: NodeJS.ProcessEnv): boolean {
  return env.LEDGER_TOOLS_SEARCH_SYSTEM !== '0'
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

function isProgram(file: string, platform: NodeJS.Platform): boolean {
  if (!isFile(file)) return false
  if (platform === 'win32') return true
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The first of `names` in a PATH folder, as the shell would run it. */
export function onPath(names: string[], { env, platform }: Search): string | null {
  const delimiter = platform === 'win32' ? ';' : ':'
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '')
  const files = platform === 'win32' ? names.map((n) => `${n}.exe`) : names
  for (const dir of dirs) {
    for (const file of files) {
      const candidate = path.join(dir, file)
      if (isProgram(candidate, platform)) return candidate
    }
  }
  return null
}

function playwrightChromium(): string | null {
  try {
    const file = chromium.executablePath()
    return isFile(file) ? file : null
  } catch {
    // Playwright has no build for this system at all.
    return null
  }
}

/** Poppler's programs sit together: PDFTOTEXT_PATH says where the others are too. */
function besidePdftotext(tool: Tool, env: NodeJS.ProcessEnv): string | null {
  const pdftotext = env.PDFTOTEXT_PATH
  if ((tool !== 'pdftoppm' && tool !== 'pdfinfo') || !pdftotext || !isFile(pdftotext)) return null
  const candidate = path.join(path.dirname(pdftotext), `${tool}${path.extname(pdftotext)}`)
  return isFile(candidate) ? candidate : null
}

export function findTool(tool: Tool, { env = process.env, platform = process.platform }: Partial<Search> = {}): Lookup {
  const search = { env, platform }
  const envVar = TOOL_ENV[tool]
  const given = env[envVar]
  // A path the user gave and got wrong is reported as such, not quietly replaced by another program.
  if (given) {
    if (isFile(given)) return { found: true, path: given, via: envVar }
    return { found: false, zh: `${envVar}=${given} 指向的文件不存在`, en: `${envVar}=${given} names a file that does not exist` }
  }
  const system = searchesSystem(env)
  // Playwright knows only the machine it runs on, not the one a test pretends to be.
  const playwright = tool === 'browser' && system && platform === process.platform ? playwrightChromium() : null
  if (playwright) return { found: true, path: playwright, via: 'Playwright' }
  const beside = besidePdftotext(tool, env)
  if (beside) return { found: true, path: beside, via: 'PDFTOTEXT_PATH' }
  const fromPath = onPath(COMMANDS[tool], search)
  if (fromPath) return { found: true, path: fromPath, via: 'PATH' }
  const placed = system ? systemPlaces(tool, search).find((p) => isProgram(p, platform)) : undefined
  if (placed) return { found: true, path: placed, via: 'system' }
  const names = COMMANDS[tool].join('、')
  return system
    ? {
        found: false,
        zh: `未找到（已查 ${envVar}、PATH 中的 ${names}、常见安装位置）`,
        en: `not found (looked at ${envVar}, ${COMMANDS[tool].join(', ')} on PATH, the usual install folders)`,
      }
    : {
        found: false,
        zh: `未找到（只查了 ${envVar} 和 PATH 中的 ${names}：LEDGER_TOOLS_SEARCH_SYSTEM=0）`,
        en: `not found (looked only at ${envVar} and ${COMMANDS[tool].join(', ')} on PATH: LEDGER_TOOLS_SEARCH_SYSTEM=0)`,
      }
}

const found = new Map<Tool, string>()

/** The program's path for a test to run; a missing one fails the test with what to do about it. */
export function toolPath(tool: Tool): string {
  const known = found.get(tool)
  if (known) return known
  const lookup = findTool(tool)
  if (!lookup.found) {
    const { zh, en } = TOOL_LABELS[tool]
    throw new Error(
      `${zh}：${lookup.zh}。运行 npm run preflight 查看安装方法。\n${en}: ${lookup.en}. Run npm run preflight for how to install it.`,
    )
  }
  found.set(tool, lookup.path)
  return lookup.path
}

export type FontCheck = { found: true; family: string } | ({ found: false } & Label)

/**
 * Chromium draws every Chinese character as a box without a CJK font. Windows and macOS ship one;
 * on Linux, fontconfig (which Chromium uses) is asked.
 */
export function findCjkFont({ env = process.env, platform = process.platform }: Partial<Search> = {}): FontCheck {
  if (platform === 'win32' || platform === 'darwin') return { found: true, family: '(system)' }
  const search = { env, platform }
  const fcList = onPath(['fc-list'], search) ?? (searchesSystem(env) && isProgram('/usr/bin/fc-list', platform) ? '/usr/bin/fc-list' : null)
  if (!fcList) return { found: false, zh: '无法检查：未找到 fc-list（fontconfig）', en: 'cannot check: no fc-list (fontconfig)' }
  let listed: string
  try {
    listed = execFileSync(fcList, [':lang=zh', 'family'], { encoding: 'utf8', env, timeout: 10_000 })
  } catch (e) {
    return { found: false, zh: `fc-list 运行失败：${String(e)}`, en: `fc-list failed: ${String(e)}` }
  }
  const family = listed.split('\n').find((line) => line.trim() !== '')
  return family
    ? { found: true, family: family.split(',')[0] ?? family }
    : {
        found: false,
        zh: 'fc-list :lang=zh 没有列出任何字体，中文会显示成方框',
        en: 'fc-list :lang=zh lists no font, so every Chinese character would render as a box',
      }
}
