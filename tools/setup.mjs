// npm run setup: readies a fresh machine for the tests and says what it did. Plain Node with no
// dependencies, because it runs before `npm ci`. On Debian / Ubuntu as root (or with sudo) it
// installs the missing system packages; elsewhere it names them with the command. Then `npm ci`,
// then the preflight, whose verdict is the exit status: non-zero only when something the tests
// need is still missing.
//
//   node tools/setup.mjs [--no-npm] [--dry-run]

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { APT_PACKAGES, NEED_LABELS, SYSTEM_LABELS, detectSystem, installWays, needsOn } from './setup-packages.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PREFLIGHT = path.join(ROOT, 'test', 'preflight.mjs')
const USAGE = '用法 / usage: node tools/setup.mjs [--no-npm] [--dry-run]'

function say(zh, en) {
  process.stdout.write(`${zh}\n  ${en}\n`)
}

function fail(zh, en) {
  process.stderr.write(`${zh}\n  ${en}\n`)
}

function onPath(name) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '')
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name]
  return dirs.some((dir) => names.some((n) => fs.existsSync(path.join(dir, n))))
}

function run(command, args, env = process.env) {
  process.stdout.write(`$ ${command} ${args.join(' ')}\n`)
  const r = spawnSync(command, args, { stdio: 'inherit', env, cwd: ROOT, shell: process.platform === 'win32' && command === 'npm' })
  return r.status === 0
}

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim().endsWith(' installed')
}

/** Debian / Ubuntu: apt-get what dpkg does not already have. */
function aptPackages(dryRun) {
  const wanted = needsOn('debian').flatMap((n) => APT_PACKAGES[n])
  const missing = wanted.filter((p) => !installed(p))
  if (missing.length === 0) {
    say(`系统软件包均已安装：${wanted.join('、')}`, `System packages already installed: ${wanted.join(', ')}`)
    return
  }
  const root = process.getuid?.() === 0
  if (!root && !onPath('sudo')) {
    fail(
      `缺少系统软件包 ${missing.join('、')}，安装需要 root 或 sudo。请以 root 运行：\n  apt-get update && apt-get install -y ${missing.join(' ')}`,
      `Missing system packages ${missing.join(', ')}; installing them needs root or sudo. As root, run: apt-get update && apt-get install -y ${missing.join(' ')}`,
    )
    return
  }
  const prefix = root ? [] : ['sudo', 'DEBIAN_FRONTEND=noninteractive']
  const steps = [
    [...prefix, 'apt-get', 'update', '-qq'],
    [...prefix, 'apt-get', 'install', '-y', '-qq', ...missing],
  ]
  if (dryRun) {
    say(`将安装缺少的系统软件包：${missing.join('、')}`, `Would install the missing system packages: ${missing.join(', ')}`)
    for (const step of steps) process.stdout.write(`  (dry run) ${step.join(' ')}\n`)
    return
  }
  say(`安装缺少的系统软件包：${missing.join('、')}`, `Installing the missing system packages: ${missing.join(', ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!steps.every(([command = 'apt-get', ...args]) => run(command, args, env))) {
    fail(
      'apt-get 未能完成安装（见上方输出）；继续安装 npm 依赖，最后的检查会列出仍缺少的项目。',
      'apt-get did not finish (see above); going on with npm ci, and the check at the end lists whatever is still missing.',
    )
  }
}

/** Windows, macOS, other Linux: this script does not install system software there; it names it. */
function namePackages(system) {
  const needs = needsOn(system)
  say(
    `${SYSTEM_LABELS[system].zh}：测试需要以下软件（已有的不必再装，最后的检查会逐项核对）：`,
    `${SYSTEM_LABELS[system].en}: the tests need the following (skip what you have; the check at the end looks for each):`,
  )
  for (const n of needs) process.stdout.write(`  - ${NEED_LABELS[n].zh} / ${NEED_LABELS[n].en}\n`)
  if (system === 'win32')
    say('  Windows 10/11 自带 Edge，一般不必另装浏览器。', '  Windows 10/11 comes with Edge, which usually serves as the browser.')
  for (const [i, way] of installWays(system, needs, { root: false }).entries()) {
    process.stdout.write(`  ${i === 0 ? '安装 / install' : '或 / or'} (${way.via}):\n${way.commands.map((c) => `    ${c}\n`).join('')}`)
  }
  say(
    '  装在别处的程序可用 CHROMIUM_PATH、SOFFICE_PATH、PDFTOTEXT_PATH 指定。',
    '  Programs installed elsewhere can be named with CHROMIUM_PATH, SOFFICE_PATH, PDFTOTEXT_PATH.',
  )
}

function npmCi(dryRun) {
  const args = ['ci', '--no-audit', '--no-fund']
  // Run through npm's own script when npm started us: no shell, and the same npm as `npm run`.
  const npmCli = process.env.npm_execpath
  const [command, commandArgs] = npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli, ...args]] : ['npm', args]
  if (dryRun) {
    say('将运行 npm ci（ELECTRON_SKIP_BINARY_DOWNLOAD=1）', 'Would run npm ci (ELECTRON_SKIP_BINARY_DOWNLOAD=1)')
    process.stdout.write(`  (dry run) ${['npm', ...args].join(' ')}\n`)
    return true
  }
  say('安装 npm 依赖（npm ci）', 'Installing npm dependencies (npm ci)')
  // The tests never start Electron, and its binary download is refused on machines without internet.
  return run(command, commandArgs, { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
}

function main() {
  const args = process.argv.slice(2)
  const known = new Set(['--no-npm', '--dry-run'])
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const unknown = args.filter((a) => !known.has(a))
  if (unknown.length > 0) {
    fail(`不认识的参数：${unknown.join(' ')}`, `Unknown argument: ${unknown.join(' ')}`)
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const dryRun = args.includes('--dry-run')
  const system = detectSystem()
  say(
    `接待日台账：准备测试环境（${SYSTEM_LABELS[system].zh}）${dryRun ? '——仅列出将做的事，不做改动' : ''}`,
    `Reception ledger: setting up for the tests (${SYSTEM_LABELS[system].en})${dryRun ? ' — dry run, nothing is changed' : ''}`,
  )

  const major = Number(process.versions.node.split('.')[0])
  if (major < 20) {
    fail(
      `需要 Node.js 20 或更新版本，当前是 ${process.versions.node}：请先安装 Node.js 20 LTS（https://nodejs.org）。`,
      `Node.js 20 or newer is needed, this is ${process.versions.node}: install Node.js 20 LTS first (https://nodejs.org).`,
    )
    return 1
  }

  if (system === 'debian') aptPackages(dryRun)
  else namePackages(system)

  if (args.includes('--no-npm')) say('跳过 npm ci（--no-npm）', 'Skipping npm ci (--no-npm)')
  else if (!npmCi(dryRun)) {
    fail(
      'npm ci 失败（见上方输出）。better-sqlite3-multiple-ciphers 从源码编译时需要 Python 3 和 C++ 编译器。',
      'npm ci failed (see above). Compiling better-sqlite3-multiple-ciphers from source needs Python 3 and a C++ compiler.',
    )
    return 1
  }

  if (dryRun) {
    say('最后将运行测试前检查：npm run preflight', 'Would finish with the preflight check: npm run preflight')
    return 0
  }
  say('测试前检查', 'Preflight check')
  const check = spawnSync(process.execPath, [PREFLIGHT], { stdio: 'inherit', cwd: ROOT })
  return check.status ?? 1
}

process.exitCode = main()
