import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ledgerCli, ledgerCliWith, type CliResult } from '../support/cli'
import { dropServerDatabase, onPlainConnection } from '../support/engine-ledger'
import { tempDir } from '../support/temp-ledger'
import { TEST_RECOVERY_PASSPHRASE } from '../support/keys'
import { setRecoveryPassphrase } from '../../db/keys/recovery'
import { worldPerFile, type World } from '../support/world'

// The command line between a local file and a server: migrate-to-pg, export-local, and summary,
// check and export reading the server ledger with --pg or LEDGER_PG. The server's password, in
// the address or the environment, appears in no message, whether the command works or fails.

let w: World
worldPerFile((world) => (w = world))

const ROLE = `mover_${process.pid}`
const PASSWORD = 'Geheim-7Q9x-口令'
const DATABASE = `moved_${process.pid}`
let url = ''
let wrongUrl = ''
let dir = ''

async function asAdmin(text: string): Promise<void> {
  await onPlainConnection(`${inject('pgServerUrl')}postgres`, async (client) => {
    await client.query(text)
  })
}

beforeAll(async () => {
  const admin = new URL(inject('pgServerUrl'))
  await asAdmin(`create role ${ROLE} login password '${PASSWORD}'`)
  await asAdmin(`create database ${DATABASE} owner ${ROLE}`)
  url = `postgres://${ROLE}:${encodeURIComponent(PASSWORD)}@${admin.host}/${DATABASE}`
  wrongUrl = `postgres://${ROLE}:${encodeURIComponent(`${PASSWORD}-错`)}@${admin.host}/${DATABASE}`
  dir = tempDir()
  // The command line reaches the file's key with the recovery passphrase, as on IT's own PC.
  await setRecoveryPassphrase({ ...w.t.ctx, actor: w.supervisor }, w.t.ledger, TEST_RECOVERY_PASSPHRASE, TEST_RECOVERY_PASSPHRASE)
})

afterAll(async () => {
  await dropServerDatabase(DATABASE)
  await asAdmin(`drop role if exists ${ROLE}`)
  fs.rmSync(dir, { recursive: true, force: true })
})

function printed(r: CliResult): string {
  return `${r.stdout}\n${r.stderr}`
}

function withoutPassword(r: CliResult): void {
  expect(printed(r)).not.toContain(PASSWORD)
  expect(printed(r)).not.toContain(encodeURIComponent(PASSWORD))
}

describe('ledger migrate-to-pg and export-local', () => {
  it('refuses a wrong server password in Chinese without printing either password', async () => {
    const r = await ledgerCli('migrate-to-pg', '--db', w.t.file, '--pg', wrongUrl)
    expect({ code: r.code, message: r.stderr }).toEqual({ code: 2, message: expect.stringContaining('用户名或密码不正确') })
    withoutPassword(r)
    expect(printed(r)).not.toContain(`${PASSWORD}-错`)
  })

  it('moves the file onto the server, naming the server without its password', async () => {
    const r = await ledgerCli('migrate-to-pg', '--db', w.t.file, '--pg', url)
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' })
    expect(r.stdout).toContain(`已迁入台账服务器 127.0.0.1:`)
    withoutPassword(r)
  })

  it('refuses to move into the same database again, now that it holds records', async () => {
    const r = await ledgerCli('migrate-to-pg', '--db', w.t.file, '--pg', url)
    expect({ code: r.code, message: r.stderr }).toEqual({ code: 2, message: expect.stringContaining('已有台账记录') })
    withoutPassword(r)
  })

  it("gives the server ledger's summary, through LEDGER_PG, as the file gives it", async () => {
    const fromFile = await ledgerCli('summary', '--db', w.t.file, '--month', '2026-11', '--json')
    const fromServer = await ledgerCliWith({ env: { LEDGER_PG: url } }, 'summary', '--month', '2026-11', '--json')
    expect(fromServer.code).toBe(0)
    const report: unknown = JSON.parse(fromServer.stdout)
    expect(report).toMatchObject({ visits: expect.any(Number), sentence: expect.any(String) })
    expect(report).toEqual(JSON.parse(fromFile.stdout))
    withoutPassword(fromServer)
  })

  it('checks the moved ledger with --pg and finds its chain whole and every record as the file vouched for it', async () => {
    const r = await ledgerCli('check', '--pg', url)
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' })
    expect(r.stdout).toContain('哈希链完整')
    expect(r.stdout).toMatch(/记录与审计：\d+ 条记录与最近一次审计时一致/)
    expect(r.stdout).toContain('结论：台账正常')
    withoutPassword(r)
  })

  it('finds nothing to carry with files-to-pg after a move of this version, and says every file is on the server', async () => {
    const r = await ledgerCli('files-to-pg', '--db', w.t.file, '--pg', url)
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' })
    expect(r.stdout).toContain('补迁附件文件 0 个')
    expect(r.stdout).toContain('服务器上各附件的文件齐全且未被改动')
    withoutPassword(r)
  })

  it('exports a month of the server ledger to Excel with --pg', async () => {
    const out = path.join(dir, '2026-11.xlsx')
    const r = await ledgerCli('export', '--pg', url, '--month', '2026-11', '--out', out)
    expect(r.code).toBe(0)
    expect(fs.statSync(out).size).toBeGreaterThan(1000)
    withoutPassword(r)
  })

  it('refuses --db beside --pg in Chinese, naming neither password', async () => {
    const r = await ledgerCli('summary', '--db', w.t.file, '--pg', url, '--month', '2026-11')
    expect({ code: r.code, message: r.stderr }).toEqual({ code: 2, message: expect.stringContaining('--db 与 --pg 只能给一个') })
    withoutPassword(r)
  })

  it('refuses --db while LEDGER_PG names a server', async () => {
    const r = await ledgerCliWith({ env: { LEDGER_PG: url } }, 'summary', '--db', w.t.file, '--month', '2026-11')
    expect({ code: r.code, message: r.stderr }).toEqual({ code: 2, message: expect.stringContaining('只能选一个') })
    withoutPassword(r)
  })

  it("writes the server ledger back to a local file whose summary is the original's", async () => {
    const out = path.join(dir, '回到单机.sqlite')
    const r = await ledgerCli('export-local', '--pg', url, '--out', out)
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' })
    withoutPassword(r)
    const back = await ledgerCli('summary', '--db', out, '--month', '2026-11', '--json')
    const original = await ledgerCli('summary', '--db', w.t.file, '--month', '2026-11', '--json')
    expect(JSON.parse(back.stdout)).toEqual(JSON.parse(original.stdout))
  })

  it('refuses to export onto an existing file', async () => {
    const out = path.join(dir, '已有.sqlite')
    fs.writeFileSync(out, '别的文件')
    const r = await ledgerCli('export-local', '--pg', url, '--out', out)
    expect({ code: r.code, message: r.stderr }).toEqual({ code: 2, message: expect.stringContaining('文件已存在') })
    expect(fs.readFileSync(out, 'utf8')).toBe('别的文件')
  })

  // Last: it changes the server ledger beside the app, as psql would.
  it('exits 1 from check when a record on the server was changed beside the app, naming the record', async () => {
    await onPlainConnection(`${inject('pgServerUrl')}${DATABASE}`, async (admin) => {
      await admin.query("update visitors set name = '改过的名字' where id = (select min(id) from visitors)")
    })
    const r = await ledgerCli('check', '--pg', url)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/记录与审计：1 条记录在程序之外被改动（改动 1、删除 0、未经审计写入 0）：来访人 #\d+：改动未经审计/)
    expect(r.stdout).toContain('结论：台账存在问题')
    withoutPassword(r)
  })
})
