import { describe, expect, it } from 'vitest'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { atVersion, withVersion, data, field, freshLedgerPerFile } from '../support/dispatch'
import { tableCounts, type TestLedger } from '../support/temp-ledger'

// The 信访 procedure, 来源 and 转办件 through dispatch, the path IPC takes: every step answers with
// the issue as it now stands, and every refusal as { code, message } with nothing changed.

let t: TestLedger
let state: AppState
freshLedgerPerFile((s) => ({ t, state } = s))

const first = (list: unknown): unknown => (Array.isArray(list) ? list[0] : undefined)
const petitionOf = (detail: unknown): unknown => field(field(detail, 'intake'), 'petition')

const SUPERVISOR_PIN = '8642'

/** Adds someone and signs them in; the office's first supervisor chooses their own PIN on the way. */
async function signIn(name: string, role: 'desk' | 'supervisor'): Promise<unknown> {
  const person = data(await dispatch(state, 'staff-save', { name, role }))
  const pin = role === 'supervisor' ? { newPin: SUPERVISOR_PIN } : {}
  data(await dispatch(state, 'operator-select', { staffId: field(person, 'id'), ...pin }))
  return person
}

async function expectRefused(channel: string, input: unknown, code: string, message: RegExp): Promise<void> {
  const before = await tableCounts(t)
  expect(await dispatch(state, channel, await withVersion(state, channel, input))).toEqual({
    ok: false,
    error: { code, message: expect.stringMatching(message) },
  })
  expect(await tableCounts(t)).toEqual(before)
}

describe('the 信访 calls through dispatch', () => {
  let issueId: unknown
  let supervisorId: unknown
  let deskId: unknown

  it('registers a letter as a 信访事项 with its 来源 and 文号, due fifteen days on', async () => {
    supervisorId = field(await signIn('李建国', 'supervisor'), 'id')
    deskId = field(await signIn('王晓丽', 'desk'), 'id')
    const sources = data(await dispatch(state, 'source-list', {}))
    const bureau = Array.isArray(sources) ? sources.find((s) => field(s, 'name') === '信访局转办') : undefined
    const visit = data(
      await dispatch(state, 'contact-register', {
        channel: 'letter',
        date: '2026-11-10',
        visitor: { name: '张桂芳', phone: '13812345678', kind: 'resident' },
        headcount: 1,
        matters: [
          {
            type: 'issue',
            categoryId: 1,
            content: '化工园区夜间异味，联系电话13812345678',
            intake: { sourceId: field(bureau, 'id'), sourceRef: '县信转〔2026〕88号', sourceBody: '县信访局' },
          },
        ],
      }),
    )
    issueId = field(first(field(visit, 'matters')), 'issueId')
    const detail = data(await dispatch(state, 'issue-get', { id: issueId }))
    expect(field(detail, 'procedure')).toBe('petition')
    expect(field(detail, 'dueDate')).toBe('2026-11-25')
    expect(field(field(detail, 'intake'), 'sourceRef')).toBe('县信转〔2026〕88号')
    expect(field(petitionOf(detail), 'actions')).toEqual(['decide'])
  })

  it('decides 受理 with the notice delivered, and prints the notice by name with no full phone', async () => {
    const detail = data(
      await dispatch(
        state,
        'petition-decide',
        await atVersion(state, {
          issueId,
          decision: 'accept',
          date: '2026-11-10',
          delivery: { date: '2026-11-10', method: 'post' },
        }),
      ),
    )
    expect(field(detail, 'dueDate')).toBe('2027-01-09')
    const notice = first(field(petitionOf(detail), 'notices'))
    const sheet = data(await dispatch(state, 'petition-notice', { noticeId: field(notice, 'id') }))
    expect(sheet).toMatchObject({
      kind: 'accept',
      visitorName: '张桂芳',
      dated: '2026-11-10',
      handlingDue: '2027-01-09',
      deliveryMethod: 'post',
    })
    expect(JSON.stringify(sheet)).not.toMatch(/1[3-9]\d{9}/)
  })

  it('refuses an extension from the desk clerk, then takes it from the signed-in 负责人', async () => {
    await expectRefused('petition-extend', { issueId, days: 30, reason: '需监测' }, 'forbidden', /负责人/)
    data(await dispatch(state, 'operator-select', { staffId: supervisorId, pin: SUPERVISOR_PIN }))
    await expectRefused('petition-extend', { issueId, days: 45, reason: '需监测' }, 'extension_too_long', /最多延长 30 日/)
    const detail = data(await dispatch(state, 'petition-extend', await atVersion(state, { issueId, days: 30, reason: '需第三方监测报告' })))
    expect(field(detail, 'dueDate')).toBe('2027-02-08')
    expect(field(petitionOf(detail), 'extensionApproverName')).toBe('李建国')
    data(await dispatch(state, 'operator-select', { staffId: deskId }))
  })

  it('answers in writing, then takes a 复查 request within its thirty days', async () => {
    const departments = data(await dispatch(state, 'department-list', {}))
    data(await dispatch(state, 'issue-assign', await atVersion(state, { issueId, departmentId: field(first(departments), 'id') })))
    const replied = data(
      await dispatch(
        state,
        'petition-reply',
        await atVersion(state, { issueId, text: '已责令企业整改', delivery: { date: '2026-11-10', method: 'in_person' } }),
      ),
    )
    expect(field(replied, 'status')).toBe('resolved')
    expect(field(petitionOf(replied), 'stage')).toBe('replied')
    const reviewed = data(
      await dispatch(state, 'petition-review-request', await atVersion(state, { issueId, level: 'review', body: '县人民政府' })),
    )
    expect(field(petitionOf(reviewed), 'stage')).toBe('review')
  })

  it('refuses a bad delivery method and an unknown field as input errors, before the ledger', async () => {
    await expectRefused('petition-deliver', { issueId, noticeId: 1, date: '2026-11-10', method: 'pigeon' }, 'invalid_input', /./)
    await expectRefused('petition-reply', { issueId, text: '答复', extra: true }, 'invalid_input', /./)
  })

  it('lets only a 负责人 change the procedure, and records a 转办件’s reply sent back', async () => {
    const visit = data(
      await dispatch(state, 'contact-register', {
        channel: 'phone',
        date: '2026-11-10',
        visitor: { name: '陈志强', kind: 'resident' },
        headcount: 1,
        matters: [{ type: 'issue', categoryId: 1, content: '夜间施工噪声' }],
      }),
    )
    const id = field(first(field(visit, 'matters')), 'issueId')
    const change = { issueId: id, procedure: 'referral', reason: '12345转来', referralDueDate: '2026-11-17' }
    await expectRefused('procedure-change', change, 'forbidden', /负责人/)
    data(await dispatch(state, 'operator-select', { staffId: supervisorId, pin: SUPERVISOR_PIN }))
    expect(field(data(await dispatch(state, 'procedure-change', await atVersion(state, change))), 'dueDate')).toBe('2026-11-17')
    const departments = data(await dispatch(state, 'department-list', {}))
    data(await dispatch(state, 'issue-assign', await atVersion(state, { issueId: id, departmentId: field(first(departments), 'id') })))
    data(await dispatch(state, 'issue-resolve', await atVersion(state, { issueId: id, result: '已停工' })))
    const done = data(await dispatch(state, 'referral-reply', await atVersion(state, { issueId: id, method: 'online', text: '已处理' })))
    expect(field(field(field(done, 'intake'), 'referral'), 'repliedOn')).toBe('2026-11-10')
  })

  it('adds a source to the office’s list', async () => {
    const saved = data(await dispatch(state, 'source-save', { name: '市长信箱', kind: 'online', sortOrder: 4 }))
    expect(saved).toMatchObject({ name: '市长信箱', kind: 'online', active: true })
    await expectRefused('source-save', { name: '市长信箱', kind: 'online' }, 'duplicate', /已有同名来源/)
  })
})
