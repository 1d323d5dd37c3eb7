import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../db/core/audit'
import { systemActor } from '../../db/core/context'
import { openLedger, type LocalLedger } from '../../db/core/open'
import { openServerLedger, type ServerLedger } from '../../db/core/open-server'
import { keyFileOf, readKeyFile } from '../../db/keys/keys'
import { compareRecordState } from '../../db/core/record-state'
import { exportToLocal } from '../../db/move/to-local'
import { moveToServer } from '../../db/move/to-server'
import { countOn, localTables, movedFigures } from '../../db/move/tables'
import { createServerDatabase, dropServerDatabase } from '../support/engine-ledger'
import { otherPcKeys, TEST_RECOVERY_PASSPHRASE, testKeys } from '../support/keys'
import { refused } from '../support/refusals'
import { tempDir } from '../support/temp-ledger'
import { LEDGER_WRITE_LOCK } from '../../db/core/server-dialect'
import { worldPerFile, type World } from '../support/world'

// `ledger export-local` after `migrate-to-pg`: a seeded local ledger goes to the server and comes
// back as a new local file with every record, number and figure it had, its audit chain intact, a
// key of its own that the recovery passphrase opens on another PC.

let w: World
worldPerFile((world) => (w = world))

const TODAY = '2026-11-20'
const now = () => new Date(`${TODAY}T10:00:00+08:00`)
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function onServer(): Promise<ServerLedger> {
  const { name, url } = await createServerDatabase()
  cleanup.push(() => dropServerDatabase(name))
  await moveToServer(w.t.ledger, url, { actor: { ...systemActor, name: '命令行' }, now })
  const server = await openServerLedger(url, { maintenance: true })
  cleanup.push(() => server.close())
  return server
}

function outFile(): string {
  const dir = tempDir()
  cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, '导出', 'ledger.sqlite')
}

async function backHome(server: ServerLedger): Promise<LocalLedger> {
  const out = outFile()
  await exportToLocal(server, out, testKeys(), now)
  // Another PC, with only the recovery passphrase: the key file is sealed to no seal it has.
  const local = await openLedger(out, { keys: otherPcKeys(TEST_RECOVERY_PASSPHRASE), readonly: true })
  cleanup.push(() => local.close())
  return local
}

describe('a ledger moved to the server and back', () => {
  it('comes back with as many rows in every table as the server has', async () => {
    const server = await onServer()
    const back = await backHome(server)
    for (const table of localTables(back.sqlite)) {
      expect({ table, n: await countOn(back.db, table) }).toEqual({ table, n: await countOn(server.db, table) })
    }
  })

  it('comes back with every issue number the original had', async () => {
    const back = await backHome(await onServer())
    const numbers = (db: LocalLedger['db']) => db.selectFrom('issues').select(['id', 'number']).orderBy('id').execute()
    expect(await numbers(back.db)).toEqual(await numbers(w.t.ledger.db))
  })

  it("comes back with the original's month, year and all-time figures", async () => {
    const back = await backHome(await onServer())
    expect(await movedFigures(back.db, TODAY)).toEqual(await movedFigures(w.t.ledger.db, TODAY))
  })

  it("comes back with an audit chain that verifies and ends in the server's migrate_to_pg row", async () => {
    const back = await backHome(await onServer())
    expect(await verifyAuditChain(back.db)).toEqual({ rows: (await countOn(w.t.ledger.db, 'audit_log')) + 1, brokenAt: null })
    const last = await back.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(last.action).toBe('migrate_to_pg')
  })

  it('comes back searchable: the local search index is built from the copied issues', async () => {
    const back = await backHome(await onServer())
    const hits = back.sqlite.prepare("select count(*) as n from issue_search where issue_search match '已受理'").get()
    expect(hits).toEqual({ n: expect.any(Number) })
    expect(hits !== null && typeof hits === 'object' && 'n' in hits ? Number(hits.n) : 0).toBeGreaterThan(0)
  })

  it("has a key of its own, not the original file's", async () => {
    const back = await backHome(await onServer())
    const check = (file: string) => readKeyFile(file)?.[0]?.check
    expect(check(back.file)).toEqual(expect.any(String))
    expect(check(back.file)).not.toBe(check(w.t.file))
  })

  it('comes back with every record vouched for by its audit rows as it stands', async () => {
    const back = await backHome(await onServer())
    const state = compareRecordState(back.sqlite)
    expect({ changed: state.changed, unaudited: state.unaudited, deleted: state.deleted }).toEqual({
      changed: [],
      unaudited: [],
      deleted: [],
    })
    expect(state.matching).toBeGreaterThan(20)
  })
})

describe('export-local refusals', () => {
  it('refuses a file that already exists and leaves it as it was', async () => {
    const server = await onServer()
    const out = outFile()
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(out, '别的文件')
    expect(await refused(exportToLocal(server, out, testKeys(), now))).toMatchObject({ code: 'export_local_exists' })
    expect(fs.readFileSync(out, 'utf8')).toBe('别的文件')
    expect(fs.existsSync(keyFileOf(out))).toBe(false)
  })

  it('refuses a file name whose key file is already there, leaving that key file as it was', async () => {
    const server = await onServer()
    const out = outFile()
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(keyFileOf(out), '别的密钥')
    expect(await refused(exportToLocal(server, out, testKeys(), now))).toMatchObject({ code: 'export_local_exists' })
    expect(fs.readFileSync(keyFileOf(out), 'utf8')).toBe('别的密钥')
    expect(fs.existsSync(out)).toBe(false)
  })

  it('leaves no file behind when the export fails after copying', async () => {
    const server = await onServer()
    const out = outFile()
    const fault = () => {
      throw new Error('磁盘已满（测试）')
    }
    await expect(exportToLocal(server, out, testKeys(), now, fault)).rejects.toThrow('磁盘已满')
    expect(fs.readdirSync(path.dirname(out))).toEqual([])
  })

  it('exports while another desk holds the write lock: the snapshot does not wait for it', async () => {
    const server = await onServer()
    const desk = await server.pool.connect()
    try {
      await desk.query('begin')
      await desk.query(`select pg_advisory_xact_lock(${LEDGER_WRITE_LOCK})`)
      const made = await exportToLocal(server, outFile(), testKeys(), now)
      expect(made.rows).toBeGreaterThan(100)
    } finally {
      await desk.query('rollback')
      desk.release()
    }
  })
})
