import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signedOut } from '../../db/core/access'
import { openServerLedger } from '../../db/core/open-server'
import type { Ledger } from '../../db/core/open'
import { dispatch } from '../../electron/handlers/dispatch'
import { chooseAtStart, readLedgerChoice } from '../../electron/handlers/ledger-choice'
import type { AppState } from '../../electron/handlers/types'
import { data, field } from '../support/dispatch'
import { openServerTestLedger } from '../support/engine-ledger'
import { testPcSealer } from '../support/keys'
import { PG_DESK, PG_OWNER } from '../support/pg-server'
import { FIXTURE_LEADER_PIN, seedFixture, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

// 设置 → 台账 against a real server: 测试连接 opens it as a desk does (连接成功, or the refusal in
// Chinese), 保存 is a supervisor's, audited in the ledger that is open, and what it saved is what
// the next start opens.

let t: TestLedger<Ledger>
let f: Fixture
let state: AppState
let choiceFile: string

/** The test server's address split as 设置 → 台账 asks for it (the test server speaks no TLS). */
function fieldsOf(url: string, user: string = PG_DESK.user) {
  const u = new URL(url)
  return { host: u.hostname, port: Number(u.port), database: u.pathname.slice(1), user, tls: 'off' as const }
}

beforeEach(async () => {
  t = await openServerTestLedger()
  f = await seedFixture(t)
  choiceFile = path.join(t.dir, 'ledger-choice.json')
  state = {
    ledger: t.ledger,
    operator: signedOut,
    appVersion: 'test',
    now: t.clock.now,
    ledgerChoice: { file: choiceFile, sealer: testPcSealer(), overridden: false },
  }
})

afterEach(async () => {
  await t.close()
})

async function signIn(who: 'leader' | 'desk'): Promise<void> {
  const person = who === 'leader' ? f.leader : f.desk
  data(await dispatch(state, 'operator-select', { staffId: person.id, ...(who === 'leader' ? { pin: FIXTURE_LEADER_PIN } : {}) }))
}

describe('测试连接', () => {
  it('answers 连接成功 for the desk account, writing nothing', async () => {
    await signIn('desk')
    const before = await tableCounts(t)
    const answer = data(await dispatch(state, 'ledger-choice-test', { ...fieldsOf(t.file), password: PG_DESK.password }))
    expect(field(answer, 'message')).toMatch(/^连接成功：台账服务器 127\.0\.0\.1:\d+\/ledger_\d+_\d+ 上的台账可由本机打开。$/)
    expect(await tableCounts(t)).toEqual(before)
  })

  it('is refused with nobody on duty', async () => {
    const answer = await dispatch(state, 'ledger-choice-test', { ...fieldsOf(t.file), password: PG_DESK.password })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('tells a wrong password in Chinese, without repeating it', async () => {
    await signIn('desk')
    const answer = await dispatch(state, 'ledger-choice-test', { ...fieldsOf(t.file), password: 'not-the-password' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'server_auth' } })
    expect(field(field(answer, 'error'), 'message')).toMatch(/用户名或密码不正确/)
    expect(JSON.stringify(answer)).not.toContain('not-the-password')
  })

  it('refuses the ledger owner’s account, which may alter the audit log, as a desk refuses it at start', async () => {
    await signIn('desk')
    const answer = await dispatch(state, 'ledger-choice-test', { ...fieldsOf(t.file, PG_OWNER.user), password: PG_OWNER.password })
    expect(field(answer, 'ok')).toBe(false)
    expect(field(field(answer, 'error'), 'message')).toMatch(/[\u4e00-\u9fa5]/)
    expect(field(field(answer, 'error'), 'code')).not.toBe('internal')
  })
})

describe('保存', () => {
  it('is refused to a desk clerk, with nothing saved', async () => {
    await signIn('desk')
    const answer = await dispatch(state, 'ledger-choice-save', { kind: 'server', ...fieldsOf(t.file), password: PG_DESK.password })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(fs.existsSync(choiceFile)).toBe(false)
  })

  it('by a supervisor is audited in the open ledger and says the password is saved, never showing it', async () => {
    await signIn('leader')
    const view = data(await dispatch(state, 'ledger-choice-save', { kind: 'server', ...fieldsOf(t.file), password: PG_DESK.password }))
    expect(field(view, 'saved')).toMatchObject({ kind: 'server', user: PG_DESK.user, tls: 'off', passwordSaved: true })
    expect(JSON.stringify(view)).not.toContain(PG_DESK.password)
    expect(fs.readFileSync(choiceFile, 'utf8')).not.toContain(PG_DESK.password)
    const row = await t.ledger.db
      .selectFrom('audit_log')
      .select(['actor_name', 'detail'])
      .where('action', '=', 'choose_ledger')
      .executeTakeFirstOrThrow()
    expect(row.actor_name).toBe('李建国')
    expect(JSON.parse(row.detail)).toEqual({
      before: '本机文件',
      after: expect.stringMatching(/^台账服务器 ledger_desk@127\.0\.0\.1:\d+\/ledger_\d+_\d+（未加密）$/),
    })
    expect(row.detail).not.toContain(PG_DESK.password)
  })

  it('is what the next start opens: the server, as a desk, with the sealed password', async () => {
    await signIn('leader')
    data(await dispatch(state, 'ledger-choice-save', { kind: 'server', ...fieldsOf(t.file), password: PG_DESK.password }))
    const start = chooseAtStart(['app'], {}, readLedgerChoice(choiceFile), testPcSealer())
    if (start.kind !== 'server') throw new Error('the next start would open the file')
    const next = await openServerLedger(start.target)
    try {
      const staff = await next.db.selectFrom('staff').select('name').orderBy('id').execute()
      expect(staff.map((s) => s.name)).toEqual(['王晓丽', '李建国', '赵刚'])
    } finally {
      await next.close()
    }
  })

  it('back to 本机文件 is saved and audited too', async () => {
    await signIn('leader')
    data(await dispatch(state, 'ledger-choice-save', { kind: 'server', ...fieldsOf(t.file), password: PG_DESK.password }))
    const view = data(await dispatch(state, 'ledger-choice-save', { kind: 'file' }))
    expect(field(view, 'saved')).toEqual({ kind: 'file' })
    expect(field(view, 'running')).toMatchObject({ engine: 'pg' })
    const rows = await t.ledger.db.selectFrom('audit_log').select('detail').where('action', '=', 'choose_ledger').orderBy('id').execute()
    expect(rows.map((r) => JSON.parse(r.detail).after)).toEqual([expect.stringMatching(/^台账服务器 /), '本机文件'])
  })
})
