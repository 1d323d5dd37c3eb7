import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { signedOut } from '../../db/core/access'
import { systemActor } from '../../db/core/context'
import { saveStaff } from '../../db/reference/reference'
import { LedgerError } from '../../db/core/errors'
import { openLedger } from '../../db/core/open'
import { dispatch } from '../../electron/handlers/dispatch'
import { handlers } from '../../electron/handlers/index'
import { assertComplete, registerAll, rejectDuplicates, type Invoke } from '../../electron/handlers/register'
import type { AppState } from '../../electron/handlers/types'

let dir: string
let state: AppState

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-test-'))
  const ledger = await openLedger(path.join(dir, 'ledger.sqlite'))
  state = { ledger, operator: signedOut, appVersion: '9.9.9', now: () => new Date(2026, 10, 10, 9) }
})

afterAll(async () => {
  await state.ledger.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('dispatch', () => {
  it('refuses a call the contract does not list', async () => {
    expect(await dispatch(state, 'session-drop-all', {})).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: '未知的调用：session-drop-all' },
    })
    // Inherited object keys are not calls either.
    const proto = await dispatch(state, 'constructor', {})
    expect(proto.ok).toBe(false)
    expect(proto.ok ? '' : proto.error.code).toBe('unknown_call')
  })

  it('refuses an extra field with a Chinese message naming it', async () => {
    const result = await dispatch(state, 'app-info', { extra: 1 })
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: '输入有误：包含不认识的字段：extra' } })
  })

  it('refuses input of the wrong type', async () => {
    for (const bad of ['hello', 42, null, undefined, []]) {
      const result = await dispatch(state, 'app-info', bad)
      expect(result.ok).toBe(false)
      if (result.ok) continue
      expect(result.error.code).toBe('invalid_input')
      expect(result.error.message).toMatch(/^输入有误：/)
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('answers app-info from the open ledger', async () => {
    const result = await dispatch(state, 'app-info', {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data).toEqual({
      version: '9.9.9',
      engine: 'sqlite',
      ledgerFile: path.join(dir, 'ledger.sqlite'),
      schemaVersion: expect.stringMatching(/^\d{4}_/),
      operator: null,
    })
  })

  it('reports the operator once someone on duty is chosen', async () => {
    const staff = await saveStaff({ db: state.ledger.db, actor: systemActor, now: state.now }, { name: '王芳', role: 'desk' })
    state.operator = { kind: 'staff', id: staff.id, name: staff.name, role: staff.role, ownPin: false }
    try {
      const result = await dispatch(state, 'app-info', {})
      expect(result.ok && result.data).toMatchObject({ operator: { id: staff.id, name: '王芳', role: 'desk' } })
    } finally {
      state.operator = signedOut
    }
  })

  it('passes a LedgerError through as code and message', async () => {
    const spy = vi.spyOn(handlers, 'app-info').mockRejectedValueOnce(new LedgerError('not_found', '找不到接待日（编号 3）'))
    try {
      expect(await dispatch(state, 'app-info', {})).toEqual({
        ok: false,
        error: { code: 'not_found', message: '找不到接待日（编号 3）' },
      })
    } finally {
      spy.mockRestore()
    }
  })

  it('turns any other failure into internal and logs it', async () => {
    const spy = vi.spyOn(handlers, 'app-info').mockRejectedValueOnce(new TypeError('boom'))
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect(await dispatch(state, 'app-info', {})).toEqual({ ok: false, error: { code: 'internal', message: '内部错误：boom' } })
      expect(log).toHaveBeenCalledOnce()
    } finally {
      spy.mockRestore()
      log.mockRestore()
    }
  })
})

describe('registerAll', () => {
  it('registers every contract channel, each reaching dispatch', async () => {
    const registered = new Map<string, Invoke>()
    registerAll(
      rejectDuplicates((channel, invoke) => registered.set(channel, invoke)),
      state,
    )
    expect([...registered.keys()]).toContain('app-info')
    const invoke = registered.get('app-info')
    expect(await invoke?.({})).toMatchObject({ ok: true, data: { version: '9.9.9' } })
  })

  it('throws when the same channel is registered twice', () => {
    const register = rejectDuplicates(() => undefined)
    registerAll(register, state)
    expect(() => registerAll(register, state)).toThrow('调用 app-info 重复注册')
    expect(() => register('app-info', async () => ({ ok: true, data: null }))).toThrow('重复注册')
  })

  it('throws when a contract entry has no handler', () => {
    expect(() => assertComplete({})).toThrow('调用 app-info 没有处理函数')
    expect(() => assertComplete(handlers)).not.toThrow()
  })
})
