// What the tests need from the system and how each kind of machine installs it. Plain Node with
// no dependencies: tools/setup.mjs reads it before `npm ci` exists, and the preflight
// (test/support/preflight.ts) names the same commands, so the two never disagree.
// Types: setup-packages.d.mts.

import fs from 'node:fs'

export const NEEDS = ['browser', 'cjkFont', 'soffice', 'poppler', 'postgres']

export const NEED_LABELS = {
  browser: { zh: '浏览器（Chromium、Chrome 或 Edge）', en: 'a browser (Chromium, Chrome or Edge)' },
  cjkFont: { zh: '中文字体', en: 'a Chinese (CJK) font' },
  soffice: { zh: 'LibreOffice', en: 'LibreOffice' },
  poppler: { zh: 'Poppler（pdftotext、pdftoppm、pdfinfo）', en: 'Poppler (pdftotext, pdftoppm, pdfinfo)' },
  postgres: { zh: 'PostgreSQL 服务器（含 pg_trgm 扩展）', en: 'the PostgreSQL server (with the pg_trgm extension)' },
}

// fc-list, which the preflight asks for a Chinese font, is only a Recommends of the font package.
export const APT_PACKAGES = {
  browser: ['chromium'],
  cjkFont: ['fonts-wqy-microhei', 'fontconfig'],
  soffice: ['libreoffice-calc-nogui'],
  poppler: ['poppler-utils'],
  // The server ledger's tests start a cluster of their own; pg_trgm ships in postgresql-NN, contrib is its home elsewhere.
  postgres: ['postgresql', 'postgresql-contrib'],
}

const WINGET = {
  browser: 'Google.Chrome',
  soffice: 'TheDocumentFoundation.LibreOffice',
  poppler: 'oschwartz10612.Poppler',
  postgres: 'PostgreSQL.PostgreSQL.15',
}
const CHOCO = { browser: 'googlechrome', soffice: 'libreoffice-fresh', poppler: 'poppler', postgres: 'postgresql15' }
const BREW = {
  browser: 'brew install --cask google-chrome',
  soffice: 'brew install --cask libreoffice',
  poppler: 'brew install poppler',
  postgres: 'brew install postgresql@15',
}
const OTHER_LINUX = {
  browser: 'chromium',
  cjkFont: 'fontconfig + wqy-microhei / noto-sans-cjk',
  soffice: 'libreoffice-calc',
  poppler: 'poppler-utils',
  postgres: 'postgresql-server + postgresql-contrib',
}

export const SYSTEM_LABELS = {
  debian: { zh: 'Debian / Ubuntu', en: 'Debian / Ubuntu' },
  linux: { zh: '其他 Linux', en: 'other Linux' },
  win32: { zh: 'Windows', en: 'Windows' },
  darwin: { zh: 'macOS', en: 'macOS' },
}

/** LEDGER_SETUP_PLATFORM (debian, linux, win32, darwin) lets a test ask what another system would be told. */
export function detectSystem(env = process.env, platform = process.platform) {
  const forced = env.LEDGER_SETUP_PLATFORM
  if (forced === 'debian' || forced === 'linux' || forced === 'win32' || forced === 'darwin') return forced
  if (platform === 'win32' || platform === 'darwin') return platform
  let release = ''
  try {
    release = fs.readFileSync('/etc/os-release', 'utf8')
  } catch {
    return 'linux'
  }
  const ids = release
    .split('\n')
    .filter((line) => line.startsWith('ID=') || line.startsWith('ID_LIKE='))
    .flatMap((line) =>
      line
        .slice(line.indexOf('=') + 1)
        .replace(/"/g, '')
        .split(' '),
    )
  return ids.includes('debian') || ids.includes('ubuntu') ? 'debian' : 'linux'
}

/** Windows and macOS ship fonts with Chinese in them, so only Linux needs one installed. */
export function needsOn(system) {
  return system === 'win32' || system === 'darwin' ? NEEDS.filter((n) => n !== 'cjkFont') : NEEDS
}

/** Ways to install the given needs on this kind of machine; the first is the one to try first. */
export function installWays(system, needs, { root }) {
  const wanted = needsOn(system).filter((n) => needs.includes(n))
  if (wanted.length === 0) return []
  if (system === 'debian') {
    const sudo = root ? '' : 'sudo '
    return [
      {
        via: 'apt-get',
        commands: [`${sudo}apt-get update && ${sudo}apt-get install -y ${wanted.flatMap((n) => APT_PACKAGES[n]).join(' ')}`],
      },
    ]
  }
  if (system === 'linux') return [{ via: '包管理器 / package manager', commands: [wanted.map((n) => OTHER_LINUX[n]).join(', ')] }]
  if (system === 'win32') {
    return [
      { via: 'winget', commands: wanted.map((n) => `winget install -e --id ${WINGET[n]}`) },
      { via: 'choco', commands: [`choco install -y ${wanted.map((n) => CHOCO[n]).join(' ')}`] },
    ]
  }
  return [{ via: 'brew', commands: wanted.map((n) => BREW[n]) }]
}
