// The browser preview's bridge: serves the built renderer and answers window.api calls over
// loopback HTTP with the real handlers and a real ledger file. Only the transport differs from
// Electron's IPC. Used by `npm run dev:web` and the Playwright tests; never packaged.
//
// Any web page the user opens in their ordinary browser can send requests to 127.0.0.1, so a call
// is answered only when it provably comes from the preview's own page (see apiRefusal): the
// preview's own Origin, this run's token in a custom header, and a JSON body. The token is written
// into index.html only; another site can neither read that page nor send a custom header to this
// server (that needs a CORS preflight, which is never granted).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { signedOut } from '../../db/core/access'
import { systemActor } from '../../db/core/context'
import type { CallFailure } from '../../electron/contract/define'
import { openLedger, type Ledger } from '../../db/core/open'
import { openServerLedger } from '../../db/core/open-server'
import type { LedgerKeys } from '../../db/keys/keys'
import type { Sealer } from '../../db/keys/envelope'
import { seedDefaults } from '../../db/reference/reference'
import { contract } from '../../electron/contract'
import { methodName, type Envelope } from '../../electron/contract/define'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'

export interface BridgeOptions {
  /** The local ledger file (exports and decrypted views go beside it); absent with `server`. */
  ledgerFile?: string
  /**
   * A PostgreSQL server ledger instead of the file (`--pg URL` or LEDGER_PG): opened as a desk
   * opens it (its desk role, no migrations), as every desk PC's app does.
   */
  server?: string
  /**
   * No safeStorage in a browser: the key provider the preview opens (and encrypts) its ledger
   * with, and seals a server ledger's local copies with.
   */
  keys: LedgerKeys
  rendererDir?: string
  port?: number
  now?: () => Date
  /** The clock for what opening the ledger writes, without moving `now` (tests). */
  openedAt?: () => Date
  /** Where export-month / export-year / export-issues-csv write (no save dialog in a browser). */
  exportDir?: string
  /**
   * 设置 → 台账's choice file and sealer (a test's); by default a file of this run's own, shown as
   * chosen by the command line, since the preview's ledger is always the one it was started with.
   */
  ledgerChoice?: { file: string; sealer: Sealer | null; overridden: boolean }
  /** The file import-choose-file answers with (no open dialog in a browser); unset: as if cancelled. */
  importFile?: string
  /**
   * Tests only: told of every call after its handler answered, with the envelope exactly as it
   * goes back to the page (to check, for example, that no list crosses in one piece).
   */
  onCall?: (channel: string, input: unknown, envelope: Envelope<unknown>) => void
}

export interface Bridge {
  url: string
  /** This run's secret: the page sends it with every call in TOKEN_HEADER. */
  token: string
  state: AppState
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export const TOKEN_HEADER = 'x-ledger-bridge-token'
const TOKEN_META = 'ledger-bridge-token'

/**
 * The preload's job in the browser: one function per contract entry, posting to the bridge. The
 * script holds no secret (any site may load a script): it reads the token from the page.
 */
function bridgeScript(): string {
  const methods = Object.keys(contract).map((channel) => [methodName(channel), channel])
  return `(() => {
  const token = document.querySelector('meta[name="${TOKEN_META}"]')?.getAttribute('content') ?? ''
  const call = (channel) => async (input) => {
    const res = await fetch('/__api/' + channel, {
      method: 'POST',
      headers: { 'content-type': 'application/json', '${TOKEN_HEADER}': token },
      body: JSON.stringify(input === undefined ? null : input),
    })
    return res.json()
  }
  const api = {}
  for (const [name, channel] of ${JSON.stringify(methods)}) api[name] = call(channel)
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
})()
`
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      // The largest legitimate input is a file on an issue, its base64 over the 20 MB limit (so the
      // ledger, not the bridge, refuses a 21 MB photo); 40 MB leaves room for that.
      if (size > 40 * 1024 * 1024) req.destroy(new Error('请求过大'))
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function header(req: http.IncomingMessage, name: string): string {
  const value = req.headers[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

/** Why a call is refused, or null: it must come from the preview's own page of this run. */
export function apiRefusal(req: http.IncomingMessage, token: string): string | null {
  if (req.method !== 'POST') return '只接受 POST 调用'
  // The Host was checked already; a page of the preview sends its own origin, any other site its own.
  if (header(req, 'origin') !== `http://${header(req, 'host')}`) return '拒绝来自其他网页的调用'
  if (!sameSecret(header(req, TOKEN_HEADER), token)) return '调用缺少本次预览的凭据'
  if (!/^application\/json\s*(;|$)/i.test(header(req, 'content-type'))) return '调用须为 application/json'
  return null
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const rendererDir = options.rendererDir ?? path.resolve(import.meta.dirname, '../../out/renderer')
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`找不到已构建的界面 ${rendererDir}，请先运行 npm run build`)
  }
  if ((options.ledgerFile === undefined) === (options.server === undefined)) {
    throw new Error('浏览器预览须给出本地台账文件或台账服务器地址之一')
  }
  // What opening writes (the audit row vouching for rows a migration seeds) is stamped by the test's clock.
  const opened = options.openedAt ? { now: options.openedAt } : {}
  const ledger: Ledger =
    options.server !== undefined
      ? await openServerLedger(options.server, opened)
      : await openLedger(options.ledgerFile ?? '', { keys: options.keys, ...opened })
  const now = options.now ?? (() => new Date())
  // A desk may seed the defaults a new server ledger lacks, as the app does on its first day.
  await seedDefaults({ db: ledger.db, actor: systemActor, now })
  // Beside the ledger file; for a server ledger, a folder of this run's own.
  const placeDir =
    options.ledgerFile !== undefined
      ? path.dirname(path.resolve(options.ledgerFile))
      : fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-preview-'))
  // No save dialog in a browser: exports go to options.exportDir (default: a folder beside the ledger).
  const exportDir = options.exportDir ?? path.join(placeDir, 'exports')
  const chooseSavePath = async (suggestedName: string): Promise<string> => {
    fs.mkdirSync(exportDir, { recursive: true })
    return path.join(exportDir, suggestedName)
  }
  const chooseOpenPath = async (): Promise<string | null> => options.importFile ?? null
  // No folder dialog in a browser: as if cancelled (a screen test sets state.chooseFolder to answer).
  const chooseFolder = async (): Promise<string | null> => null
  // No system viewer in a browser: a file on an issue is offered once, as a download, at an
  // address nobody can guess; the path is the ledger's, never one the page sent.
  const downloads = new Map<string, { file: string; name: string; mediaType: string }>()
  const showStoredFile = async (file: string, name: string, mediaType: string): Promise<string> => {
    const key = randomBytes(24).toString('hex')
    downloads.set(key, { file, name, mediaType })
    return `/__download/${key}`
  }
  const state: AppState = {
    ledger,
    operator: signedOut,
    appVersion: 'preview',
    now,
    chooseSavePath,
    chooseOpenPath,
    chooseFolder,
    showStoredFile,
    viewFolder: path.join(placeDir, 'attachments-view'),
    // A server ledger's 立即备份: the copy wrapped by the passphrase typed for it, and sealed as the preview seals.
    localCopyKeys: (passphrase) => ({ ...options.keys, passphrase: () => passphrase }),
    ledgerChoice: options.ledgerChoice ?? {
      file: path.join(placeDir, 'ledger-choice.json'),
      sealer: options.keys.sealer,
      overridden: true,
    },
  }
  const script = bridgeScript()
  const token = randomBytes(32).toString('hex')

  const server = http.createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? ''
      // Loopback only, and no DNS-rebinding: the Host must be the loopback address we bound.
      if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
        res.writeHead(403).end()
        return
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (url.pathname.startsWith('/__api/')) {
        const refusal = apiRefusal(req, token)
        if (refusal !== null) {
          const error: CallFailure = { code: 'forbidden', message: refusal }
          res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: false, error }))
          return
        }
        const channel = decodeURIComponent(url.pathname.slice('/__api/'.length))
        let input: unknown
        try {
          input = JSON.parse(await readBody(req))
        } catch {
          input = undefined
        }
        const started = performance.now()
        const envelope = await dispatch(state, channel, input)
        const ledgerMs = performance.now() - started
        options.onCall?.(channel, input, envelope)
        // The handler's own time, which the page's resource timing shows beside the round trip (bench/screens.ts).
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'server-timing': `ledger;dur=${ledgerMs.toFixed(2)}` })
          .end(JSON.stringify(envelope))
        return
      }
      if (url.pathname.startsWith('/__download/')) {
        const key = url.pathname.slice('/__download/'.length)
        const offered = downloads.get(key)
        downloads.delete(key)
        if (req.method !== 'GET' || offered === undefined) {
          res.writeHead(404).end()
          return
        }
        const ascii = offered.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
        res
          .writeHead(200, {
            'content-type': offered.mediaType,
            'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(offered.name)}`,
            'x-content-type-options': 'nosniff',
            'cache-control': 'no-store',
          })
          .end(fs.readFileSync(offered.file))
        // Offered once: the decrypted copy goes with the answer.
        fs.rmSync(path.dirname(offered.file), { recursive: true, force: true })
        return
      }
      if (url.pathname === '/__bridge.js') {
        res.writeHead(200, { 'content-type': TYPES['.js'] ?? 'text/javascript' }).end(script)
        return
      }
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '')
      const file = path.resolve(rendererDir, rel)
      if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end()
        return
      }
      let body: Buffer | string = fs.readFileSync(file)
      if (rel === 'index.html') {
        // The bridge must exist before the app's module script runs, as preload's does.
        body = body
          .toString('utf8')
          .replace('<script', `<meta name="${TOKEN_META}" content="${token}" />\n    <script src="/__bridge.js"></script>\n    <script`)
      }
      // The page carries this run's token: never from a cache of an earlier run.
      const headers = rel === 'index.html' ? { 'cache-control': 'no-store' } : {}
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers }).end(body)
    })().catch((e: unknown) => {
      res.writeHead(500).end(e instanceof Error ? e.message : String(e))
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.address()
  const port = address !== null && typeof address === 'object' ? (address satisfies AddressInfo).port : 0
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    state,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await state.ledger.close()
      if (options.ledgerFile === undefined) fs.rmSync(placeDir, { recursive: true, force: true })
    },
  }
}
