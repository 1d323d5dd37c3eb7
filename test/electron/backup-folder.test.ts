import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUP_FOLDER_SETTING, defaultBackupFolder, ensureDailyBackup, listBackupFiles } from '../../db/backup/files'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { appState, data } from '../support/dispatch'
import { actorOf, openTempLedger, seedFixture, tableCounts, type TestLedger } from '../support/temp-ledger'

// The backup folder was a typed path: `\\host\share` went through, sending full copies of the
// ledger to another machine (and on Windows, the attempt alone can send the user's credentials).
// Now it is picked in main's folder dialog, and a share or network drive is refused there too.

let t: TestLedger
let state: AppState
let answer: string | null
beforeEach(async () => {
  t = await openTempLedger('2026-11-10 09:00:00')
  const f = await seedFixture(t)
  answer = null
  state = appState(t, actorOf(f.leader), { chooseFolder: async () => answer })
})
afterEach(async () => {
  await t.close()
})

function configured(): string | undefined {
  const row = t.ledger.sqlite.prepare('select value from settings where key = ?').pluck().get(BACKUP_FOLDER_SETTING)
  return typeof row === 'string' ? row : undefined
}

describe('the backup folder', () => {
  it('is taken from main’s folder dialog, never from a path the renderer sends', async () => {
    expect(await dispatch(state, 'backup-folder-set', { folder: '\\\\fileserver\\备份' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    })
    expect(await dispatch(state, 'backup-folder-choose', { folder: '\\\\fileserver\\备份' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await dispatch(state, 'backup-folder-choose', {})).toEqual({ ok: true, data: null })
    expect(configured()).toBeUndefined()

    answer = path.join(t.dir, 'U盘', '台账备份')
    expect(data(await dispatch(state, 'backup-folder-choose', {}))).toMatchObject({ folder: answer, isDefault: false })
    expect(configured()).toBe(answer)
    expect(data(await dispatch(state, 'backup-folder-reset', {}))).toMatchObject({ isDefault: true, folder: defaultBackupFolder(t.file) })
  })

  it('refuses a network share from the dialog, saying why, and changes nothing', async () => {
    const before = await tableCounts(t)
    for (const share of ['\\\\fileserver\\备份', '//fileserver/备份', '\\\\?\\UNC\\fileserver\\备份']) {
      answer = share
      const r = await dispatch(state, 'backup-folder-choose', {})
      expect(r).toMatchObject({ ok: false, error: { code: 'backup_folder_on_network' } })
      expect(r.ok ? '' : r.error.message).toMatch(/^备份文件夹不能设在网络共享路径 .*不应写到其他电脑上.*登录凭据.*本机磁盘或 U 盘/)
    }
    expect(configured()).toBeUndefined()
    expect(await tableCounts(t)).toEqual(before)
  })

  it('never writes to a share an earlier version was told to use: the day’s copy goes to the default folder, saying why', async () => {
    t.ledger.sqlite.prepare('insert into settings (key, value) values (?, ?)').run(BACKUP_FOLDER_SETTING, '\\\\fileserver\\备份')
    const made = await ensureDailyBackup(t.ledger.sqlite, t.file, new Date(2026, 10, 10, 8))
    expect(made.fallbackReason).toMatch(/备份文件夹不能设在网络共享路径 \\\\fileserver\\备份/)
    expect(path.dirname(made.backup?.file ?? '')).toBe(defaultBackupFolder(t.file))
    expect(listBackupFiles('\\\\fileserver\\备份')).toEqual([])
    expect(fs.existsSync(path.join(process.cwd(), '\\\\fileserver\\备份'))).toBe(false)
  })
})
