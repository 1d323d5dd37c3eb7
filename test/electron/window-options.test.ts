import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mainWindowOptions, secureWebPreferences, windowSize } from '../../electron/main/window-options'

function cspOf(html: string): Map<string, string[]> {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
  if (!match?.[1]) throw new Error('renderer/index.html has no CSP meta tag')
  return new Map(
    match[1]
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  )
}

describe('main window', () => {
  it('isolates the renderer from Node and Electron', () => {
    expect(secureWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    })
    const options = mainWindowOptions('/app/out/preload/index.cjs')
    expect(options.webPreferences).toMatchObject({ ...secureWebPreferences, preload: '/app/out/preload/index.cjs' })
    expect(options.show).toBe(false)
  })

  it('is 1366×768 and never smaller than 1024×700', () => {
    expect(windowSize).toEqual({ width: 1366, height: 768, minWidth: 1024, minHeight: 700 })
  })
})

describe('renderer CSP', () => {
  const html = fs.readFileSync(path.join(import.meta.dirname, '../../renderer/index.html'), 'utf8')
  const csp = cspOf(html)

  it('runs only the app’s own scripts', () => {
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(html).not.toContain('unsafe-eval')
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
  })

  it('declares the page Chinese', () => {
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('<title>接待日台账</title>')
  })
})
