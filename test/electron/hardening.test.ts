import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { signedOut } from '../../db/core/access'
import { guardContents } from '../../electron/main/guard-contents'
import { registerIpc } from '../../electron/main/ipc'
import { isOwnPage, pageUrl, rendererPage } from '../../electron/main/renderer-page'
import { mainWindowOptions } from '../../electron/main/window-options'
import type { AppState } from '../../electron/handlers/types'
import { openTempLedger, type TestLedger } from '../support/temp-ledger'

// Electron's security checklist, item by item, as tests that fail when one regresses. The window
// options and the CSP are read as data; the handlers that guard navigation and IPC are run
// against stand-ins for Electron's objects; what can only be seen in the source (the
// single-instance lock, how shell.openExternal is called) is checked in the source of
// electron/main and electron/preload. The packaging fuses are read from the installer config.

type IpcHandler = (event: unknown, input: unknown) => Promise<unknown>
const handled = vi.hoisted(() => new Map<string, IpcHandler>())
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: IpcHandler) => {
      handled.set(channel, handler)
    },
  },
}))

const root = path.resolve(import.meta.dirname, '../..')
const source = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `${dir}/${f}`, text: fs.readFileSync(path.join(root, dir, f), 'utf8') }))
const mainSources = source('electron/main')
const preloadSources = source('electron/preload')
const mainIndex = fs.readFileSync(path.join(root, 'electron/main/index.ts'), 'utf8')

describe('window', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webviews, web security on', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(prefs).not.toHaveProperty('enableRemoteModule')
    expect(prefs).not.toHaveProperty('experimentalFeatures')
  })

  it('loads only the app’s own page', () => {
    const loads = [...mainIndex.matchAll(/\.loadURL\(([^)]*\))\)/g)].map((m) => m[1])
    expect(loads).toEqual(['pageUrl(page)'])
    expect(mainIndex).not.toMatch(/\.loadFile\(/)
  })
})

describe('content security policy', () => {
  const html = fs.readFileSync(path.join(root, 'renderer/index.html'), 'utf8')
  const content = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1] ?? ''
  const csp = new Map(
    content
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  )

  it('allows no remote content, no inline or eval’d script, no plugins, no framing', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    for (const [directive, values] of csp) {
      for (const v of values) expect(v, `${directive} ${v}`).not.toMatch(/^(https?:|wss?:|\*|'unsafe-eval'|'unsafe-hashes')/)
    }
    expect(csp.get('connect-src') ?? ["'self'"]).toEqual(["'self'"])
  })
})

describe('navigation and new windows', () => {
  const page = rendererPage({
    devServerUrl: undefined,
    isPackaged: true,
    mainDir: path.resolve('/opt/接待日台账/resources/app.asar/out/main'),
  })

  /** Stand-in for Electron's WebContents: records the handlers guardContents installs. */
  function fakeContents() {
    const listeners = new Map<string, (event: { url: string; preventDefault: () => void }) => void>()
    let openHandler: (() => unknown) | null = null
    const contents = {
      setWindowOpenHandler: (handler: () => unknown) => {
        openHandler = handler
      },
      on: (name: string, listener: (event: { url: string; preventDefault: () => void }) => void) => {
        listeners.set(name, listener)
        return contents
      },
    }
    const fire = (name: string, url: string): boolean => {
      let prevented = false
      listeners.get(name)?.({ url, preventDefault: () => (prevented = true) })
      return prevented
    }
    return { contents, fire, open: () => openHandler?.(), listeners }
  }

  it('denies every new window and every navigation or redirect away from the app’s page', () => {
    const fake = fakeContents()
    Reflect.apply(guardContents, undefined, [fake.contents, page])
    expect(fake.open()).toEqual({ action: 'deny' })
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(fake.fire(event, 'https://example.com/')).toBe(true)
      expect(fake.fire(event, 'file:///etc/passwd')).toBe(true)
      expect(fake.fire(event, `${pageUrl(page)}#/issues`)).toBe(false)
    }
    expect(fake.fire('will-attach-webview', pageUrl(page))).toBe(true)
  })

  it('fails closed on URLs that cannot be read as a file path: an encoded slash, a file URL with a host', () => {
    // fileURLToPath throws on both; the guard used to throw before it could refuse.
    const fake = fakeContents()
    Reflect.apply(guardContents, undefined, [fake.contents, page])
    const own = pageUrl(page)
    const tricky = [
      own.replace('/index.html', '%2Findex.html'),
      own.replace('/out/renderer/', '/out%2Frenderer/'),
      own.replace('file:///', 'file://evil-host/'),
      'file://localhost%2F/etc/passwd',
      'file:///%2E%2E%2F%2E%2E%2Fetc/passwd',
    ]
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of tricky) expect(fake.fire(event, url), `${event} ${url}`).toBe(true)
    }
    for (const url of tricky) expect(isOwnPage(page, url), url).toBe(false)
    expect(isOwnPage(page, `${own}#/today`)).toBe(true)
  })

  it('guards every web contents the app creates, and grants no permissions but copying', () => {
    expect(mainIndex).toMatch(/app\.on\('web-contents-created',[^\n]*guardContents\(contents, page\)/)
    expect(mainIndex).toMatch(/denyPermissions\(session\.defaultSession, page\)/)
  })
})

describe('IPC', () => {
  let t: TestLedger
  let state: AppState
  const page = rendererPage({ devServerUrl: undefined, isPackaged: true, mainDir: path.resolve('/opt/app/out/main') })

  beforeAll(async () => {
    t = await openTempLedger()
    state = { ledger: t.ledger, operator: signedOut, appVersion: 'hardening', now: t.clock.now }
    registerIpc(state, page)
  })
  afterAll(async () => {
    await t.close()
  })

  it('answers only the app’s own page, checking the sender of every call', async () => {
    const appInfo = handled.get('app-info')
    expect(appInfo).toBeDefined()
    const forbidden = { ok: false, error: { code: 'forbidden', message: '拒绝来自非本程序页面的调用' } }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(await appInfo?.({ senderFrame: { url: 'https://evil.example/' } }, {})).toEqual(forbidden)
      expect(
        await appInfo?.(
          { senderFrame: { url: pageUrl(rendererPage({ devServerUrl: undefined, isPackaged: true, mainDir: '/tmp/other/out/main' })) } },
          {},
        ),
      ).toEqual(forbidden)
      expect(await appInfo?.({ senderFrame: null }, {})).toEqual(forbidden)
      const detached = {
        get senderFrame(): never {
          throw new Error('Render frame was disposed')
        },
      }
      expect(await appInfo?.(detached, {})).toEqual(forbidden)
      expect(await appInfo?.({ senderFrame: { url: pageUrl(page).replace('/index.html', '%2Findex.html') } }, {})).toEqual(forbidden)
      expect(await appInfo?.({ senderFrame: { url: pageUrl(page).replace('file:///', 'file://evil-host/') } }, {})).toEqual(forbidden)
    } finally {
      warn.mockRestore()
    }
    expect(await appInfo?.({ senderFrame: { url: `${pageUrl(page)}#/today` } }, {})).toMatchObject({
      ok: true,
      data: { version: 'hardening' },
    })
  })

  it('registers exactly the contract’s calls, and the preload exposes nothing else', () => {
    expect(handled.size).toBeGreaterThan(40)
    for (const f of preloadSources) {
      expect(f.text).toMatch(/contextBridge\.exposeInMainWorld\('api', rawApi\)/)
      expect(f.text.match(/exposeInMainWorld/g)).toHaveLength(1)
      expect(f.text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\b[^.]/)
    }
  })
})

describe('main process source', () => {
  it('takes the single-instance lock before anything else and quits when another instance has it', () => {
    expect(mainIndex).toMatch(/if \(!app\.requestSingleInstanceLock\(\)\) \{\s*app\.quit\(\)/)
    expect(mainIndex).toMatch(/app\.on\('second-instance', focusMainWindow\)/)
  })

  it('never hands shell.openExternal anything but a fixed https address', () => {
    for (const f of [...mainSources, ...preloadSources]) {
      for (const m of f.text.matchAll(/openExternal\(([^)]*)\)/g)) {
        expect(m[1], `${f.file}: openExternal(${m[1]})`).toMatch(/^'https:\/\/[^'$`]+'$/)
      }
      expect(f.text, f.file).not.toMatch(/\bshowItemInFolder\(\s*[a-z]+\.(input|data)/)
      // The one openPath: a file on an issue, by the decrypted copy the ledger wrote after finding its row
      // (test/electron/attachment-calls.test.ts checks which path the handler hands over).
      const opened = [...f.text.matchAll(/\bopenPath\(([^)]*)\)/g)].map((m) => m[1])
      expect(opened, f.file).toEqual(f.file === 'electron/main/show-file.ts' ? ['file'] : [])
    }
  })

  it('never turns the page’s powers back on', () => {
    for (const f of [...mainSources, ...preloadSources]) {
      expect(f.text, f.file).not.toMatch(
        /nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|webviewTag:\s*true/,
      )
      expect(f.text, f.file).not.toMatch(/@electron\/remote|enableRemoteModule|allowRunningInsecureContent:\s*true/)
      expect(f.text, f.file).not.toMatch(/ipcMain\.on\(/)
    }
  })
})

describe('packaging fuses', () => {
  it('turn off ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect in the packaged app', () => {
    const config: unknown = parse(fs.readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8'))
    const fuses = config !== null && typeof config === 'object' && 'electronFuses' in config ? config.electronFuses : undefined
    expect(fuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false })
  })
})
