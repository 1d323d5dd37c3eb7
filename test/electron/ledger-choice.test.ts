import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  chooseAtStart,
  readLedgerChoice,
  savedPassword,
  serverConfigOf,
  writeLedgerChoice,
  type LedgerChoiceRequest,
} from '../../electron/handlers/ledger-choice'
import { poolConfig } from '../../db/core/open-server'
import { testPcSealer } from '../support/keys'
import { tempDir } from '../support/temp-ledger'

// 设置 → 台账's choice as main keeps it in userData: the file by default, a server with its
// password sealed by this PC (a test PC's sealer stands in for safeStorage), and which one a
// start opens when the command line or the environment also says something.

const PASSWORD = 'desk-口令-2026'
const withoutPassword = {
  kind: 'server',
  host: '192.168.1.20',
  port: 5432,
  database: 'ledger',
  user: 'ledger_desk',
  tls: 'verify',
} as const satisfies LedgerChoiceRequest
const server: LedgerChoiceRequest = { ...withoutPassword, password: PASSWORD }

let dir: string
let file: string
beforeEach(() => {
  dir = tempDir('ledger-choice-')
  file = path.join(dir, 'ledger-choice.json')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('the saved ledger choice', () => {
  it('is the local file when nothing was ever saved', () => {
    expect(readLedgerChoice(file)).toEqual({ kind: 'file' })
  })

  it('keeps a server password sealed: never plain on disk, given back to the same PC only', () => {
    writeLedgerChoice(file, server, testPcSealer())
    const text = fs.readFileSync(file, 'utf8')
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'))
    const saved = readLedgerChoice(file)
    if (saved.kind !== 'server') throw new Error('not saved as a server')
    expect(savedPassword(saved, testPcSealer())).toBe(PASSWORD)
    expect(() => savedPassword(saved, testPcSealer('另一台电脑'))).toThrow(/无法在本机（当前 Windows 账户）解开/)
  })

  it('refuses to save a password where this PC cannot seal one, and leaves the saved choice as it was', () => {
    expect(() => writeLedgerChoice(file, server, null)).toThrow(/本机无法加密保存密码/)
    expect(fs.existsSync(file)).toBe(false)
  })

  it('keeps the saved password when none is typed, for the same server, database and user only', () => {
    writeLedgerChoice(file, server, testPcSealer())
    const kept = writeLedgerChoice(file, { ...withoutPassword, tls: 'require' }, testPcSealer())
    expect(kept).toMatchObject({ kind: 'server', tls: 'require', sealedPassword: expect.any(String) })
    const otherUser = writeLedgerChoice(file, { ...withoutPassword, user: 'someone_else' }, testPcSealer())
    expect(otherUser).toMatchObject({ kind: 'server', sealedPassword: null })
  })

  it('refuses a damaged choice file instead of quietly opening a ledger of the PC’s own', () => {
    fs.writeFileSync(file, '{"kind":"server","host":')
    expect(() => readLedgerChoice(file)).toThrow(/已损坏，未打开任何台账/)
  })
})

describe('the ledger a start opens', () => {
  it('opens the saved server, TLS verifying the certificate by default, with the unsealed password', () => {
    const saved = writeLedgerChoice(file, server, testPcSealer())
    expect(chooseAtStart(['app'], {}, saved, testPcSealer())).toEqual({
      kind: 'server',
      target: { host: '192.168.1.20', port: 5432, database: 'ledger', user: 'ledger_desk', password: PASSWORD, ssl: true },
      overridden: false,
    })
  })

  it('takes TLS 要求 as encrypted without checking the certificate, and 关闭 as plain', () => {
    const require = writeLedgerChoice(file, { ...server, tls: 'require' }, testPcSealer())
    expect(chooseAtStart([], {}, require, testPcSealer())).toMatchObject({ target: { ssl: 'no-verify' } })
    const off = writeLedgerChoice(file, { ...server, tls: 'off' }, testPcSealer())
    expect(chooseAtStart([], {}, off, testPcSealer())).toMatchObject({ target: { ssl: false } })
  })

  it('connects verifying the certificate, encrypted without checking it, or plain, as TLS was chosen', () => {
    const pool = (tls: 'verify' | 'require' | 'off') => poolConfig(serverConfigOf({ ...withoutPassword, tls }, PASSWORD), {}).ssl
    expect(pool('verify')).toEqual({ rejectUnauthorized: true })
    expect(pool('require')).toEqual({ rejectUnauthorized: false })
    expect(pool('off')).toBe(false)
  })

  it('takes --pg on the command line over LEDGER_PG and over the saved choice', () => {
    const saved = writeLedgerChoice(file, { kind: 'file' }, testPcSealer())
    expect(chooseAtStart(['app', '--pg', 'postgres://a@h/x'], { LEDGER_PG: 'postgres://b@h/y' }, saved, null)).toEqual({
      kind: 'server',
      target: 'postgres://a@h/x',
      overridden: true,
    })
    expect(chooseAtStart(['app', '--pg=postgres://c@h/z'], {}, saved, null)).toMatchObject({ target: 'postgres://c@h/z' })
    expect(chooseAtStart(['app'], { LEDGER_PG: 'postgres://b@h/y' }, saved, null)).toMatchObject({ target: 'postgres://b@h/y' })
  })

  it('takes --ledger or LEDGER_FILE over a saved server, and refuses --pg beside --ledger', () => {
    const saved = writeLedgerChoice(file, server, testPcSealer())
    expect(chooseAtStart(['app', '--ledger=D:\\台账\\ledger.sqlite'], {}, saved, testPcSealer())).toEqual({
      kind: 'file',
      overridden: true,
    })
    expect(chooseAtStart(['app'], { LEDGER_FILE: 'x.sqlite' }, saved, testPcSealer())).toEqual({ kind: 'file', overridden: true })
    expect(() => chooseAtStart(['app', '--pg', 'postgres://a@h/x', '--ledger=x.sqlite'], {}, saved, null)).toThrow(/只能给一个/)
  })
})
