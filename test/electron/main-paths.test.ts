import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { chooseLedgerFile } from '../../electron/main/ledger-file'
import { isOwnPage, pageUrl, rendererPage } from '../../electron/main/renderer-page'

const userData = path.resolve('/data/接待日台账')
const cwd = path.resolve('/work')

describe('ledger file choice', () => {
  it('defaults to userData/ledger.sqlite', () => {
    expect(chooseLedgerFile(['app'], {}, userData, cwd)).toEqual({
      file: path.join(userData, 'ledger.sqlite'),
      isDefault: true,
    })
  })

  it('takes --ledger= over LEDGER_FILE, resolving relative paths from the working directory', () => {
    const env = { LEDGER_FILE: '/env/ledger.sqlite' }
    expect(chooseLedgerFile(['app', '--ledger=台账/2026.sqlite'], env, userData, cwd)).toEqual({
      file: path.join(cwd, '台账', '2026.sqlite'),
      isDefault: false,
    })
    expect(chooseLedgerFile(['app'], env, userData, cwd).file).toBe(path.resolve('/env/ledger.sqlite'))
    expect(chooseLedgerFile(['app', '--ledger='], { LEDGER_FILE: ' ' }, userData, cwd).isDefault).toBe(true)
  })
})

describe('own page check', () => {
  it('accepts only the built index.html in production, whatever its hash or encoding', () => {
    const mainDir = path.resolve('/opt/接待日台账/resources/app.asar/out/main')
    const page = rendererPage({ devServerUrl: 'http://localhost:5173', isPackaged: true, mainDir })
    const index = path.join(mainDir, '..', 'renderer', 'index.html')
    expect(page).toEqual({ kind: 'file', file: index })
    expect(pageUrl(page)).toBe(pathToFileURL(index).href)
    expect(isOwnPage(page, `${pageUrl(page)}#/issues`)).toBe(true)
    expect(isOwnPage(page, pathToFileURL(path.join(mainDir, '..', 'renderer', 'other.html')).href)).toBe(false)
    expect(isOwnPage(page, 'https://example.com/')).toBe(false)
    expect(isOwnPage(page, '')).toBe(false)
  })

  it('accepts the dev server origin only when not packaged', () => {
    const page = rendererPage({ devServerUrl: 'http://localhost:5173/', isPackaged: false, mainDir: '/x/out/main' })
    expect(page).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/', origin: 'http://localhost:5173' })
    expect(pageUrl(page)).toBe('http://localhost:5173/')
    expect(isOwnPage(page, 'http://localhost:5173/#/today')).toBe(true)
    expect(isOwnPage(page, 'http://localhost:5174/')).toBe(false)
    expect(isOwnPage(page, 'http://evil.test/')).toBe(false)
  })
})
