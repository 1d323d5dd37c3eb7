import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { program, runNode, scratchDir } from '../support/programs'
import { findPgBinaries } from '../support/pg-server'
import { onPath, toolPath } from '../support/tools'

// The preflight as npm test runs it, in a child process whose environment is the whole story:
// PATH holds only what the case puts there and LEDGER_TOOLS_SEARCH_SYSTEM=0 keeps /usr/bin out.

const PREFLIGHT = path.resolve(import.meta.dirname, '../preflight.mjs')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A PATH folder with node in it and the given programs linked from this machine. */
function machine(links: Record<string, string> = {}): { dir: string; bin: string } {
  const dir = scratchDir('ledger-preflight-')
  dirs.push(dir)
  const bin = path.join(dir, 'bin')
  fs.mkdirSync(bin)
  for (const [name, target] of Object.entries({ node: process.execPath, ...links })) fs.symlinkSync(target, path.join(bin, name))
  return { dir, bin }
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1
}

describe.skipIf(process.platform === 'win32')('the preflight before npm test', () => {
  it('names the browser, LibreOffice and pdftotext in one message and exits 1 on a machine without them', () => {
    const { dir, bin } = machine()
    const r = runNode(PREFLIGHT, [], { PATH: bin, HOME: dir, LEDGER_TOOLS_SEARCH_SYSTEM: '0' })
    expect(r.code).toBe(1)
    expect(occurrences(r.stderr, '测试前检查未通过')).toBe(1)
    expect(occurrences(r.stderr, 'Preflight failed')).toBe(1)
    for (const missing of [
      '✗ 浏览器',
      '✗ LibreOffice',
      '✗ pdftotext',
      '✗ pdftoppm',
      'browser (Chromium, Chrome or Edge): not found',
      'LibreOffice (soffice): not found',
      'pdftotext (Poppler): not found',
    ]) {
      expect(r.stderr).toContain(missing)
    }
    // Chinese before English, and the way out after the list.
    expect(r.stderr.indexOf('测试前检查未通过')).toBeLessThan(r.stderr.indexOf('Preflight failed'))
    expect(r.stderr.indexOf('npm run setup')).toBeGreaterThan(r.stderr.indexOf('✗ pdfinfo'))
    expect(r.stderr).toContain('CHROMIUM_PATH=… SOFFICE_PATH=… PDFTOTEXT_PATH=…')
    expect(r.stdout).toBe('')
  })

  it('passes with exit 0 when every program is named by its env var and fc-list finds a Chinese font', () => {
    const fcList = onPath(['fc-list'], { env: process.env, platform: process.platform }) ?? '/usr/bin/fc-list'
    const { dir, bin } = machine({ 'fc-list': fcList })
    const given = {
      CHROMIUM_PATH: toolPath('browser'),
      SOFFICE_PATH: toolPath('soffice'),
      PDFTOTEXT_PATH: toolPath('pdftotext'),
      PDFTOPPM_PATH: toolPath('pdftoppm'),
      PDFINFO_PATH: toolPath('pdfinfo'),
      LEDGER_PG_BINDIR: findPgBinaries() ?? '',
    }
    const r = runNode(PREFLIGHT, [], { PATH: bin, HOME: dir, LEDGER_TOOLS_SEARCH_SYSTEM: '0', ...given })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('测试前检查通过 / preflight passed')
    for (const file of Object.values(given)) expect(r.stdout).toContain(file)
  })

  it('names the postgresql package in Chinese when the PostgreSQL server is not installed', () => {
    const { dir, bin } = machine()
    const r = runNode(PREFLIGHT, [], { PATH: bin, HOME: dir, LEDGER_TOOLS_SEARCH_SYSTEM: '0', LEDGER_SETUP_PLATFORM: 'debian' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('✗ PostgreSQL 服务器（postgresql 软件包')
    expect(r.stderr).toContain('请安装 postgresql 软件包')
    expect(r.stderr).toMatch(/apt-get install -y .*postgresql postgresql-contrib/)
  })

  it('says the npm dependencies are missing, rather than "tsx: not found", in a checkout without node_modules', () => {
    const { dir, bin } = machine()
    const copy = program(dir, 'checkout/test/preflight.mjs', fs.readFileSync(PREFLIGHT, 'utf8'))
    const r = runNode(copy, [], { PATH: bin, HOME: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('npm 依赖未安装')
    expect(r.stderr).toContain('the npm dependencies are not installed')
    expect(r.stderr).toContain('npm run setup')
  })
})
