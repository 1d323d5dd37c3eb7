import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandLineTestKeys } from '../support/keys'
import { backupNow, setBackupFolder } from '../../db/backup/backup'
import { openLedger } from '../../db/core/open'
import { saveStaff } from '../../db/reference/reference'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { ledgerCli } from '../support/cli'
import { acceptIssue, openDay } from '../support/desk'
import { appState } from '../support/dispatch'
import { actorOf, bySupervisor, openTempLedger, seedFixture, type Fixture, type TestLedger } from '../support/temp-ledger'

// A save dialog will return ledger.sqlite if the user picks it; the export, written beside it and
// renamed into place, then replaced the live ledger: later writes "succeeded" and were lost, and
// the next start failed. Every export (and the PDF of a print) refuses the ledger, the files
// SQLite and the app keep beside it, and the backup folder.

let t: TestLedger
let f: Fixture
let state: AppState
let target = ''
beforeEach(async () => {
  t = await openTempLedger('2026-11-10 09:00:00', { keys: commandLineTestKeys })
  f = await seedFixture(t)
  const day = await openDay(t, f, '2026-11-10')
  await acceptIssue(t, f, day.id)
  await backupNow(t.ledger, new Date(2026, 10, 10, 9))
  state = appState(t, actorOf(f.leader), { chooseSavePath: async () => target })
})
afterEach(async () => {
  await t.close()
})

const EXPORTS = [
  ['export-month', { month: '2026-11' }],
  ['export-year', { year: 2026 }],
  ['export-issues-csv', { month: '2026-11' }],
  ['audit-export', {}],
] as const

async function issuesAfterReopen(): Promise<number> {
  await t.ledger.close()
  t.ledger = await openLedger(t.file, { keys: commandLineTestKeys })
  state.ledger = t.ledger
  t.ctx.db = t.ledger.db
  expect(t.ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  return Number(t.ledger.sqlite.prepare('select count(*) from issues').pluck().get())
}

describe('an export pointed at the ledger', () => {
  it('is refused for the ledger file, its -wal, -shm, lock and key file, and the ledger still opens with every record', async () => {
    for (const name of ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'ledger.sqlite.lock', 'ledger.sqlite.key']) {
      target = path.join(t.dir, name)
      for (const [key, input] of EXPORTS) {
        const r = await dispatch(state, key, input)
        expect(r, `${key} → ${name}`).toMatchObject({ ok: false, error: { code: 'export_target_is_ledger' } })
        expect(r.ok ? '' : r.error.message).toMatch(/这是台账文件本身（或它旁边的工作文件），保存过去会把台账替换掉/)
      }
    }
    // A write after the refusals is kept, and the file is still the ledger.
    await saveStaff(bySupervisor(t, f), { name: '导出之后新来的人' })
    expect(await issuesAfterReopen()).toBe(1)
    expect(t.ledger.sqlite.prepare('select count(*) from staff where name = ?').pluck().get('导出之后新来的人')).toBe(1)
  })

  it('is refused under another name for the same file (a hard link) and inside either backup folder', async () => {
    const link = path.join(t.dir, '台账副本.xlsx')
    fs.linkSync(t.file, link)
    target = link
    expect(await dispatch(state, 'export-month', { month: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'export_target_is_ledger' },
    })
    fs.rmSync(link)

    target = path.join(t.dir, 'backups', '接待日台账-2026-11.xlsx')
    expect(await dispatch(state, 'export-month', { month: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'export_target_is_backup' },
    })
    const usb = path.join(t.dir, 'U盘')
    await setBackupFolder(bySupervisor(t, f), t.ledger, usb)
    target = path.join(usb, '问题台账.csv')
    expect(await dispatch(state, 'export-issues-csv', { month: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'export_target_is_backup', message: `不能保存到备份文件夹中：${target}。备份文件夹只存放台账的备份，请另选文件夹。` },
    })
    expect(fs.readdirSync(usb)).toEqual([])
    // Somewhere else is fine.
    target = path.join(t.dir, '接待日台账-2026-11.xlsx')
    expect(await dispatch(state, 'export-month', { month: '2026-11' })).toMatchObject({ ok: true })
  })

  it('is refused for a print saved as PDF before anything is written', async () => {
    let written = false
    state.printer = {
      print: async () => true,
      savePdf: async (_name, accept) => {
        await accept(t.file)
        written = true
        return t.file
      },
    }
    const r = await dispatch(state, 'print-page', { mode: 'pdf', fileName: '交办单' })
    expect(r).toMatchObject({ ok: false, error: { code: 'export_target_is_ledger' } })
    expect(written).toBe(false)
  })

  it('is refused on the command line, exit 2, and the ledger still opens', async () => {
    await t.ledger.close()
    const r = await ledgerCli('export', '--db', t.file, '--month', '2026-11', '--csv', '--out', path.join(t.dir, 'backups', '问题台账.csv'))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/不能保存到备份文件夹中/)
    t.ledger = await openLedger(t.file, { keys: commandLineTestKeys })
    state.ledger = t.ledger
    t.ctx.db = t.ledger.db
    expect(await issuesAfterReopen()).toBe(1)
  })
})
