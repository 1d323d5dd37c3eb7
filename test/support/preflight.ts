import fs from 'node:fs'
import path from 'node:path'
import { detectSystem, installWays, type Need, type System } from '../../tools/setup-packages.mjs'
import { findPgBinaries, hasPgTrgm } from './pg-server'
import { TOOL_ENV, TOOL_LABELS, findCjkFont, findTool, type Label, type Search, type Tool } from './tools'

// What the whole suite needs, checked in a second before type-check and build, so a machine
// without it gets one message saying what to install instead of a cascade of failed tests.

const ROOT = path.resolve(import.meta.dirname, '../..')
const TOOLS: Tool[] = ['browser', 'soffice', 'pdftotext', 'pdftoppm', 'pdfinfo']
const NEED_OF: Record<Tool, Need> = {
  browser: 'browser',
  soffice: 'soffice',
  pdftotext: 'poppler',
  pdftoppm: 'poppler',
  pdfinfo: 'poppler',
}

export interface Missing {
  what: Label
  why: Label
  /** The system package that brings it, when one does. */
  need?: Need
  envVar?: string
}

export interface Preflight {
  found: string[]
  missing: Missing[]
}

function nodeVersion(): Missing | null {
  const major = Number(process.versions.node.split('.')[0])
  if (major >= 20) return null
  return {
    what: { zh: 'Node.js 20 或更新版本', en: 'Node.js 20 or newer' },
    why: { zh: `当前是 ${process.versions.node}`, en: `this is ${process.versions.node}` },
  }
}

function dependencyNames(): string[] {
  const pkg: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  const names = (field: string): string[] => {
    const deps: unknown = pkg !== null && typeof pkg === 'object' ? Object.getOwnPropertyDescriptor(pkg, field)?.value : undefined
    return deps !== null && typeof deps === 'object' ? Object.keys(deps) : []
  }
  return [...names('dependencies'), ...names('devDependencies')]
}

async function nodeModules(): Promise<Missing | null> {
  const what = { zh: 'npm 依赖（node_modules）', en: 'npm dependencies (node_modules)' }
  const absent = dependencyNames().filter((name) => !fs.existsSync(path.join(ROOT, 'node_modules', name, 'package.json')))
  if (absent.length > 0)
    return { what, why: { zh: `未安装或不完整，缺少 ${absent.join('、')}`, en: `not installed or incomplete: no ${absent.join(', ')}` } }
  try {
    // The binding loads with the first database, not with the import.
    const { default: Database } = await import('better-sqlite3-multiple-ciphers')
    new Database(':memory:').close()
    return null
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''
    return {
      what,
      why: {
        zh: `better-sqlite3-multiple-ciphers 无法加载（${first}）；重新安装依赖，或 npm rebuild better-sqlite3-multiple-ciphers（需要 Python 3 和 C++ 编译器）`,
        en: `better-sqlite3-multiple-ciphers does not load (${first}); reinstall the dependencies, or npm rebuild better-sqlite3-multiple-ciphers (needs Python 3 and a C++ compiler)`,
      },
    }
  }
}

/** The server ledger's tests start their own PostgreSQL: its programs and pg_trgm must be installed. */
function postgresServer(env: NodeJS.ProcessEnv): Missing | string {
  const what = {
    zh: 'PostgreSQL 服务器（postgresql 软件包：initdb、postgres、pg_trgm）',
    en: 'the PostgreSQL server (package postgresql: initdb, postgres, pg_trgm)',
  }
  const bindir = findPgBinaries(env)
  if (bindir === null) {
    return {
      what,
      why: {
        zh: '未找到 initdb 和 postgres（pg_config --bindir、/usr/lib/postgresql/*/bin、LEDGER_PG_BINDIR 都没有）；请安装 postgresql 软件包',
        en: 'no initdb and postgres (not in pg_config --bindir, /usr/lib/postgresql/*/bin or LEDGER_PG_BINDIR); install the postgresql package',
      },
      need: 'postgres',
      envVar: 'LEDGER_PG_BINDIR',
    }
  }
  if (!hasPgTrgm(bindir)) {
    return {
      what,
      why: {
        zh: `${bindir} 旁没有 pg_trgm 扩展；请安装 postgresql-contrib 软件包`,
        en: `no pg_trgm extension beside ${bindir}; install postgresql-contrib`,
      },
      need: 'postgres',
    }
  }
  return `PostgreSQL ${bindir}`
}

export async function preflight(search: Search): Promise<Preflight> {
  const found: string[] = [`Node ${process.versions.node}`]
  const missing: Missing[] = []
  const node = nodeVersion()
  if (node) missing.push(node)
  const modules = await nodeModules()
  if (modules) missing.push(modules)
  for (const tool of TOOLS) {
    const lookup = findTool(tool, search)
    if (lookup.found) found.push(`${tool} ${lookup.path}`)
    else missing.push({ what: TOOL_LABELS[tool], why: lookup, need: NEED_OF[tool], envVar: TOOL_ENV[tool] })
  }
  const font = findCjkFont(search)
  if (font.found) found.push(`CJK ${font.family}`)
  else missing.push({ what: { zh: '中文字体', en: 'a Chinese (CJK) font' }, why: font, need: 'cjkFont' })
  const server = postgresServer(search.env)
  if (typeof server === 'string') found.push(server)
  else missing.push(server)
  return { found, missing }
}

/** One message: every missing thing, Chinese then English, then the commands that install them. */
export function report({ missing }: Preflight, system: System, root: boolean): string {
  const lines = [
    `测试前检查未通过，测试没有运行。缺少 ${missing.length} 项：`,
    `  Preflight failed; no test was run. Missing (${missing.length}):`,
  ]
  for (const m of missing) lines.push(`  ✗ ${m.what.zh}：${m.why.zh}`, `    ${m.what.en}: ${m.why.en}`)
  lines.push('安装 / To install:')
  if (missing.some((m) => m.what.en.startsWith('Node.js'))) lines.push('  Node.js 20 LTS: https://nodejs.org')
  lines.push(
    '  npm run setup',
    '    （安装 npm 依赖；在 Debian / Ubuntu 上以 root 或 sudo 运行时也安装系统软件包）',
    '    (installs the npm dependencies; on Debian / Ubuntu as root or with sudo, the system packages too)',
  )
  const needs = [...new Set(missing.flatMap((m) => (m.need ? [m.need] : [])))]
  for (const way of installWays(system, needs, { root })) {
    lines.push(`  或手动安装 / or by hand (${way.via}):`, ...way.commands.map((c) => `    ${c}`))
  }
  // pdftoppm and pdfinfo are looked for beside PDFTOTEXT_PATH, so that one names all three.
  const envVars = missing
    .flatMap((m) => (m.envVar ? [m.envVar] : []))
    .filter((v, _, all) => !(all.includes('PDFTOTEXT_PATH') && (v === 'PDFTOPPM_PATH' || v === 'PDFINFO_PATH')))
  if (envVars.length > 0) {
    lines.push(`  已装在别处的程序可用环境变量指定 / or name programs installed elsewhere: ${envVars.map((v) => `${v}=…`).join(' ')}`)
  }
  return `${lines.join('\n')}\n`
}

export async function main(): Promise<number> {
  const search = { env: process.env, platform: process.platform }
  const result = await preflight(search)
  if (result.missing.length === 0) {
    process.stdout.write(`测试前检查通过 / preflight passed: ${result.found.join('; ')}\n`)
    return 0
  }
  process.stderr.write(report(result, detectSystem(process.env), process.getuid?.() === 0))
  return 1
}
