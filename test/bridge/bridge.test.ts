import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testKeys } from '../support/keys'
import { signedOut } from '../../db/core/access'
import { saveStaff } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import { startBridge, TOKEN_HEADER, type Bridge } from './server'
import { actorOf, tempDir } from '../support/temp-ledger'
import { systemActor } from '../../db/core/context'

// The attack: a page in the user's ordinary browser posts to the preview on 127.0.0.1 with
// `Content-Type: text/plain` (no CORS preflight needed) and its own Origin, signs in, reveals a
// phone, exports a month unmasked and moves the backups. Only the preview's own page may call.

const PIN = '8642'
let dir: string
let bridge: Bridge
let port: number

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function request(method: string, pathname: string, headers: Record<string, string>, body = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const own = () => `http://127.0.0.1:${port}`
const call = (channel: string, input: unknown, headers: Record<string, string>) =>
  request('POST', `/__api/${channel}`, { host: `127.0.0.1:${port}`, ...headers }, JSON.stringify(input))

beforeAll(async () => {
  dir = tempDir('ledger-bridge-')
  const rendererDir = path.join(dir, 'renderer')
  fs.mkdirSync(rendererDir)
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./app.js"></script></head></html>',
  )
  bridge = await startBridge({ ledgerFile: path.join(dir, 'ledger.sqlite'), rendererDir, keys: testKeys() })
  port = Number(new URL(bridge.url).port)
  const ctx = { db: bridge.state.ledger.db, actor: systemActor, now: () => new Date() }
  const boss = await saveStaff(ctx, { name: '李建国', role: 'supervisor' })
  await setStaffPin({ ...ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: PIN })
})

afterAll(async () => {
  await bridge.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the preview bridge', () => {
  it('refuses a cross-site text/plain post, however plausible, and nobody is signed in', async () => {
    const boss = (await bridge.state.ledger.db.selectFrom('staff').select('id').executeTakeFirstOrThrow()).id
    const signIn = { staffId: boss, pin: PIN }
    const attempts: Record<string, string>[] = [
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      { origin: 'http://evil.example', 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token },
      { 'content-type': 'text/plain' },
      { origin: own(), 'content-type': 'text/plain', [TOKEN_HEADER]: bridge.token },
      { origin: own(), 'content-type': 'application/json' },
      { origin: own(), 'content-type': 'application/json', [TOKEN_HEADER]: 'guessed' },
      { origin: 'null', 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token },
    ]
    for (const headers of attempts) {
      const reply = await call('operator-select', signIn, headers)
      expect(reply.status, JSON.stringify(headers)).toBe(403)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    }
    expect(bridge.state.operator).toEqual(signedOut)
    for (const [channel, input] of [
      ['backup-folder-set', { folder: path.join(dir, 'elsewhere') }],
      ['export-month', { month: '2026-11', unmasked: true, reason: '核查' }],
      ['visitor-reveal', { visitorId: 1, field: 'phone', reason: '回访' }],
    ] as const) {
      expect((await call(channel, input, { origin: 'http://evil.example', 'content-type': 'text/plain' })).status).toBe(403)
    }
  })

  it('grants no CORS preflight, so another site cannot even send the custom header', async () => {
    const reply = await request('OPTIONS', '/__api/operator-select', {
      host: `127.0.0.1:${port}`,
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': `content-type, ${TOKEN_HEADER}`,
    })
    expect(reply.status).toBe(403)
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    expect(reply.headers['access-control-allow-headers']).toBeUndefined()
  })

  it('answers its own page: own Origin, this run’s token in the custom header, application/json', async () => {
    const page = await request('GET', '/', { host: `127.0.0.1:${port}` })
    const token = /<meta name="ledger-bridge-token" content="([0-9a-f]+)"/.exec(page.body)?.[1]
    expect(token).toBe(bridge.token)
    expect(page.headers['cache-control']).toBe('no-store')
    // The script any site may load holds no secret.
    expect((await request('GET', '/__bridge.js', { host: `127.0.0.1:${port}` })).body).not.toContain(bridge.token)
    const reply = await call(
      'app-info',
      {},
      { origin: own(), 'content-type': 'application/json; charset=utf-8', [TOKEN_HEADER]: token ?? '' },
    )
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { version: 'preview' } })
  })
})
