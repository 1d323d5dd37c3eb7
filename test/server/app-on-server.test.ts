import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signedOut } from '../../db/core/access'
import { openLedger } from '../../db/core/open'
import { saveStaff } from '../../db/reference/reference'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { TINY_PNG } from '../support/attachments'
import { acceptIssue, openDay } from '../support/desk'
import { data, field } from '../support/dispatch'
import { openServerTestLedger } from '../support/engine-ledger'
import { otherPcKeys, testPcSealer } from '../support/keys'
import { FIXTURE_LEADER_PIN, seedFixture, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'
import type { Ledger } from '../../db/core/open'

// The app's calls on a server ledger, through dispatch as IPC makes them: what reaches the local
// file (backups, restore, the keys) is refused in Chinese with nothing written,
// 立即备份 keeps a verified local copy, the audit check and who is on duty read the server.

const COPY_PASSPHRASE = '副本口令：白日依山尽，黄河入海流'

let t: TestLedger<Ledger>
let f: Fixture
let state: AppState
let saved: string[]

beforeEach(async () => {
  t = await openServerTestLedger()
  f = await seedFixture(t)
  saved = []
  state = {
    ledger: t.ledger,
    operator: signedOut,
    appVersion: 'test',
    now: t.clock.now,
    chooseSavePath: async (name) => {
      const file = path.join(t.dir, name)
      saved.push(file)
      return file
    },
    chooseFolder: async () => t.dir,
    localCopyKeys: (passphrase) => ({ sealer: testPcSealer(), passphrase: () => passphrase, recoveryLogN: 10 }),
  }
})

afterEach(async () => {
  await t.close()
})

async function signIn(who: 'leader' | 'desk'): Promise<void> {
  const person = who === 'leader' ? f.leader : f.desk
  data(await dispatch(state, 'operator-select', { staffId: person.id, ...(who === 'leader' ? { pin: FIXTURE_LEADER_PIN } : {}) }))
}

describe('app-info on a server ledger', () => {
  it('names the engine, the server as host:port/database without the password, and the data version', async () => {
    const info = data(await dispatch(state, 'app-info', {}))
    expect(field(info, 'engine')).toBe('pg')
    expect(field(info, 'ledgerFile')).toMatch(/^127\.0\.0\.1:\d+\/ledger_\d+_\d+$/)
    expect(JSON.stringify(info)).not.toMatch(/password|:\/\//)
    expect(field(info, 'schemaVersion')).toMatch(/^\d{4}_/)
  })
})

describe('calls that reach the local file, on a server ledger', () => {
  const refused: [string, unknown][] = [
    ['backup-list', {}],
    ['backup-now', {}],
    ['backup-restore', { name: 'ledger-backup.sqlite' }],
    ['backup-folder-choose', {}],
    ['backup-folder-reset', {}],
    ['recovery-status', {}],
    ['recovery-set', { passphrase: COPY_PASSPHRASE, confirm: COPY_PASSPHRASE }],
    ['print-recovery-sheet', {}],
  ]
  for (const [channel, input] of refused) {
    it(`${channel} is refused as not on the server, in Chinese, with nothing written`, async () => {
      await signIn('leader')
      const before = await tableCounts(t)
      const answer = await dispatch(state, channel, input)
      expect(answer).toMatchObject({ ok: false, error: { code: 'not_on_server' } })
      expect(field(field(answer, 'error'), 'message')).toMatch(/^服务器台账不支持此操作：.+。.*(IT 人员|服务器|立即备份)/)
      expect(await tableCounts(t)).toEqual(before)
    })
  }

  it('adds a file to an issue on the server and opens it again as the bytes that were added', async () => {
    await signIn('desk')
    const day = await openDay(t, f, '2026-11-10')
    const { issueId } = await acceptIssue(t, f, day.id)
    const shown: string[] = []
    state.showStoredFile = async (file) => {
      shown.push(file)
      return null
    }
    const detail = data(
      await dispatch(state, 'issue-attachment-add', {
        issueId,
        kind: 'site_photo',
        fileName: '现场.png',
        contentBase64: TINY_PNG.toString('base64'),
      }),
    )
    const timeline = field(detail, 'timeline')
    const files = Array.isArray(timeline)
      ? timeline.filter((e) => field(e, 'kind') === 'attachment').map((e) => field(e, 'attachment'))
      : []
    expect(files.map((a) => field(a, 'originalName'))).toEqual(['现场.png'])
    const attachmentId = Number(field(files[0], 'id'))
    state.viewFolder = path.join(t.dir, 'view')
    data(await dispatch(state, 'issue-attachment-open', { attachmentId }))
    expect(shown).toHaveLength(1)
    expect(fs.readFileSync(shown[0] ?? '')).toEqual(TINY_PNG)
  })
})

describe('立即备份 on a server ledger', () => {
  it('writes a local copy that opens on another PC with the passphrase typed for it, holding what the server held', async () => {
    await signIn('desk')
    const day = await openDay(t, f, '2026-11-10')
    const { number } = await acceptIssue(t, f, day.id)
    await signIn('leader')
    const made = data(await dispatch(state, 'backup-server-copy', { passphrase: COPY_PASSPHRASE, confirm: COPY_PASSPHRASE }))
    const file = String(field(made, 'file'))
    expect(saved).toHaveLength(1)
    expect(file).toBe(path.resolve(saved[0] ?? ''))
    expect(path.basename(file)).toBe('台账服务器副本-2026-11-10.sqlite')
    const copy = await openLedger(file, { keys: otherPcKeys(COPY_PASSPHRASE), readonly: true })
    try {
      const issues = await copy.db.selectFrom('issues').select('number').execute()
      expect(issues.map((i) => i.number)).toEqual([number])
    } finally {
      await copy.close()
    }
  })

  it('leaves an audit row naming the supervisor and the file, in the server ledger', async () => {
    await signIn('leader')
    const made = data(await dispatch(state, 'backup-server-copy', { passphrase: COPY_PASSPHRASE, confirm: COPY_PASSPHRASE }))
    const row = await t.ledger.db
      .selectFrom('audit_log')
      .select(['actor_name', 'detail'])
      .where('action', '=', 'copy_to_local')
      .executeTakeFirstOrThrow()
    expect(row.actor_name).toBe('李建国')
    expect(JSON.parse(row.detail)).toMatchObject({ file: field(made, 'file') })
  })

  it('is refused to a desk clerk before the save dialog opens, with no file written', async () => {
    await signIn('desk')
    const answer = await dispatch(state, 'backup-server-copy', { passphrase: COPY_PASSPHRASE, confirm: COPY_PASSPHRASE })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(saved).toEqual([])
    expect(fs.readdirSync(t.dir)).toEqual([])
  })

  it('is refused when the passphrase is typed differently twice, before the save dialog opens', async () => {
    await signIn('leader')
    const answer = await dispatch(state, 'backup-server-copy', { passphrase: COPY_PASSPHRASE, confirm: `${COPY_PASSPHRASE}。` })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '两次输入的恢复口令不一致，请重新输入' } })
    expect(saved).toEqual([])
  })

  it('writes nothing when the save dialog is cancelled', async () => {
    await signIn('leader')
    state.chooseSavePath = async () => null
    expect(data(await dispatch(state, 'backup-server-copy', { passphrase: COPY_PASSPHRASE, confirm: COPY_PASSPHRASE }))).toBeNull()
    expect(fs.readdirSync(t.dir)).toEqual([])
  })
})

describe('the audit check and who is on duty, on a server ledger', () => {
  it('设置 → 审计日志 → 校验 verifies the server ledger', async () => {
    await signIn('leader')
    const status = data(await dispatch(state, 'audit-verify', {}))
    expect(status).toMatchObject({ ok: true })
  })

  it('signs out a person deactivated on the server, at their next call', async () => {
    await signIn('desk')
    await saveStaff(
      { ...t.ctx, actor: { kind: 'staff', id: f.leader.id, name: f.leader.name, role: 'supervisor', ownPin: true } },
      {
        id: f.desk.id,
        name: f.desk.name,
        role: 'desk',
        active: false,
      },
    )
    const answer = await dispatch(state, 'session-list', { month: '2026-11' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'signed_out' } })
    expect(state.operator).toEqual(signedOut)
  })
})
