import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { signedOut } from '../../db/core/access'
import { dispatch } from '../../electron/handlers/dispatch'
import { data, field } from '../support/dispatch'
import { LEADER_PIN, worldPerFile, type World } from '../support/world'
import { localOf } from '../support/temp-ledger'

// The PIN, audit, reveal, void and backup calls end to end through dispatch, as the 设置 backup panel, the audit viewer
// and the sign-in box will make them.

let w: World
worldPerFile((built) => (w = built))

describe('signing in', () => {
  it('operator-select takes the PIN, app-info shows who is on duty, null signs out', async () => {
    w.state.operator = signedOut
    expect(await dispatch(w.state, 'operator-select', { staffId: w.f.leader.id })).toEqual({
      ok: false,
      error: { code: 'pin_required', message: '请输入“李建国”的 PIN' },
    })
    expect(await dispatch(w.state, 'operator-select', { staffId: w.f.leader.id, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    })
    expect(w.state.operator).toBe(signedOut)
    expect(data(await dispatch(w.state, 'operator-select', { staffId: w.f.leader.id, pin: LEADER_PIN }))).toEqual({
      id: w.f.leader.id,
      name: '李建国',
      role: 'supervisor',
    })
    expect(field(data(await dispatch(w.state, 'app-info', {})), 'operator')).toEqual({
      id: w.f.leader.id,
      name: '李建国',
      role: 'supervisor',
    })
    expect(data(await dispatch(w.state, 'operator-select', { staffId: null }))).toBeNull()
    expect(w.state.operator).toBe(signedOut)
  })

  it('staff-set-pin lets the person set their own and a supervisor reset anyone’s', async () => {
    w.state.operator = w.desk
    expect(field(data(await dispatch(w.state, 'staff-set-pin', { staffId: w.f.desk.id, pin: '1357' })), 'hasPin')).toBe(true)
    expect(await dispatch(w.state, 'staff-set-pin', { staffId: w.f.handler.id, pin: '1357' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    w.state.operator = w.supervisor
    expect(field(data(await dispatch(w.state, 'staff-set-pin', { staffId: w.f.desk.id, pin: null })), 'hasPin')).toBe(false)
  })
})

describe('audit viewer calls', () => {
  it('audit-list pages the log for a supervisor; audit-verify reports the chain', async () => {
    w.state.operator = w.supervisor
    const page = data(await dispatch(w.state, 'audit-list', { pageSize: 5 }))
    expect(page).toMatchObject({ page: 1, pageSize: 5, total: expect.any(Number) })
    const rows = field(page, 'rows')
    expect(Array.isArray(rows) && rows.length).toBe(5)
    expect(Array.isArray(rows) ? rows[0] : null).toMatchObject({
      id: expect.any(Number),
      at: expect.any(String),
      actorName: expect.any(String),
      summary: expect.any(String),
      detail: expect.any(String),
    })
    expect(data(await dispatch(w.state, 'audit-verify', {}))).toMatchObject({ rows: field(page, 'total'), brokenAt: null, ok: true })
  })
})

describe('voiding through the contract', () => {
  it('visit-void and session-void answer what was voided', async () => {
    w.state.operator = w.supervisor
    const v = data(await dispatch(w.state, 'visit-void', { visitId: w.playVisitId, reason: '登记错误' }))
    expect(v).toMatchObject({ entity: 'visit', id: w.playVisitId, reason: '登记错误', issueNumbers: [] })
    const s = data(await dispatch(w.state, 'session-void', { id: w.sessions.plannedToVoid.id, reason: '日期定错' }))
    expect(s).toMatchObject({ entity: 'session', id: w.sessions.plannedToVoid.id })
  })
})

describe('the 设置 backup panel', () => {
  it('lists, backs up now, moves the folder, and restores — swapping the open ledger', async () => {
    w.state.operator = w.supervisor
    const overview = data(await dispatch(w.state, 'backup-list', {}))
    expect(overview).toMatchObject({ isDefault: true, keepDays: 14, keepMonths: 12, folder: path.join(w.t.dir, 'backups') })
    const made = data(await dispatch(w.state, 'backup-now', {}))
    expect(made).toMatchObject({ kind: 'manual', kindLabel: '手动备份' })

    // Picked in main's folder dialog; the renderer never sends a path.
    const usb = path.join(w.t.dir, 'U盘')
    const dialog = w.state.chooseFolder
    w.state.chooseFolder = async () => usb
    const moved = data(await dispatch(w.state, 'backup-folder-choose', {}))
    expect(moved).toMatchObject({ folder: usb, isDefault: false, backups: [] })
    expect(field(data(await dispatch(w.state, 'backup-now', {})), 'file')).toMatch(/U盘/)
    w.state.chooseFolder = async () => null
    expect(await dispatch(w.state, 'backup-folder-choose', {})).toEqual({ ok: true, data: null })
    w.state.chooseFolder = dialog
    data(await dispatch(w.state, 'backup-folder-reset', {}))

    // Something written after the backup that the restore takes back.
    data(await dispatch(w.state, 'department-save', { name: '备份之后新建的股室' }))
    const before = w.state.ledger
    const result = data(await dispatch(w.state, 'backup-restore', { name: field(made, 'name') }))
    expect(result).toMatchObject({ restoredFrom: field(made, 'name'), operator: null, keptCopy: { kind: 'pre-restore' } })
    expect(w.state.ledger).not.toBe(before)
    expect(w.state.operator).toBe(signedOut)
    const departments = data(await dispatch(w.state, 'department-list', {}))
    expect(JSON.stringify(departments)).not.toContain('备份之后新建的股室')
    // The replaced ledger is kept and listed.
    const after = data(await dispatch(w.state, 'backup-list', {}))
    expect(JSON.stringify(after)).toContain('pre-restore')
    expect(fs.existsSync(w.t.file)).toBe(true)
    // Restoring needs a supervisor again.
    expect(await dispatch(w.state, 'backup-restore', { name: field(made, 'name') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    w.t.ledger = localOf(w.state.ledger)
  })
})

describe('calls during a restore', () => {
  it('are answered 正在恢复台账，请稍候 and nothing else; calls already running finish first', async () => {
    w.state.operator = signedOut
    data(await dispatch(w.state, 'operator-select', { staffId: w.f.leader.id, pin: LEADER_PIN }))
    const made = data(await dispatch(w.state, 'backup-now', {}))
    const answers: unknown[] = []
    const running = Array.from({ length: 20 }, (_, i) =>
      dispatch(w.state, i % 2 === 0 ? 'issue-list' : 'summary-month', i % 2 === 0 ? {} : { month: '2026-11' }),
    )
    let restored = false
    const restore = dispatch(w.state, 'backup-restore', { name: field(made, 'name') }).finally(() => (restored = true))
    while (!restored) {
      answers.push(await dispatch(w.state, 'session-list', { month: '2026-11' }))
      // Let the restore's file work run between calls, as a window's clicks would.
      await new Promise((resolve) => setImmediate(resolve))
    }
    answers.push(...(await Promise.all(running)))
    expect(await restore).toMatchObject({ ok: true })
    const turnedAway = { ok: false, error: { code: 'restoring', message: '正在恢复台账，请稍候' } }
    expect(answers.filter((a) => JSON.stringify(a) === JSON.stringify(turnedAway)).length).toBeGreaterThan(0)
    for (const a of answers)
      expect(field(a, 'ok') === true || JSON.stringify(a) === JSON.stringify(turnedAway), JSON.stringify(a)).toBe(true)
    expect(await dispatch(w.state, 'session-list', { month: '2026-11' })).toMatchObject({ ok: true })
    w.t.ledger = localOf(w.state.ledger)
  })
})
