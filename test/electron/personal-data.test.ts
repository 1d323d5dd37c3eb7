import { atVersion } from '../support/dispatch'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { saveOrganization, saveVisitor } from '../../db/directory/records'
import { assignIssue, addProgress } from '../../db/issues/actions'
import { registerVisit } from '../../db/visits/register'
import { toHalfWidth } from '../../db/validation/text'
import { generateDemoMonth } from '../../tools/demo'
import { contract, type ContractKey } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import { readXlsx, rowsOf, textOf } from '../support/export-files'
import { baseInputs } from '../support/contract-inputs'
import { FULL_ID, FULL_PHONE, UNMASKED_ID, UNMASKED_PHONE, worldPerFile, type World } from '../support/world'
import { localOf } from '../support/temp-ledger'

// 个人信息保护法 art. 51 / GB/T 35273 §7.2: full phone and ID numbers are on file, and no call
// but visitor-reveal (supervisor, reason, audited) and callback-reveal-phone (the caller, for a
// callback, audited) may hand one to the screen. Every contract
// call is made with valid input over a ledger holding such numbers (a demo month on top of a
// ledger with an ID number, a staff phone and enterprise contacts), and its JSON is scanned.

// Numbers as people type them into free text: dashes, spaces, +86, full-width digits, an ID number
// in groups, a landline with its area code. Each must leave main masked, whatever call, print or
// export carries the text.
const TYPED = {
  dashes: '139-1234-5670',
  spaces: '139 1234 5671',
  international: '+8613912345672',
  fullWidth: '１３９１２３４５６７３',
  idInGroups: '110105 19491231 002X',
  landline: '0571-88886666',
}
/** The digits each stands for, as a scan finds them once separators and full-width forms are gone. */
const TYPED_DIGITS = ['13912345670', '13912345671', '13912345672', '13912345673', '11010519491231002X', '057188886666']

/** The typed numbers in any form: the text folded to half-width and stripped of everything but letters and digits. */
function typedNumbersIn(text: string): string[] {
  const folded = toHalfWidth(text).replace(/[^0-9A-Za-z]/g, '')
  return TYPED_DIGITS.filter((d) => folded.includes(d))
}

let w: World
let typed: { issueId: number; visitId: number; visitorId: number; organizationId: number }
const exportDir = () => path.join(w.t.dir, '导出')
worldPerFile((built) => (w = built))
beforeAll(async () => {
  await generateDemoMonth({ ...w.t.ctx, actor: w.supervisor }, '2026-10')
  const ctx = { ...w.t.ctx, actor: w.supervisor }
  const v = await registerVisit(ctx, {
    sessionId: w.sessions.open.id,
    visitor: { name: '邹平', kind: 'enterprise', address: `城南路5号，电话${TYPED.dashes}` },
    organization: { name: '南溪电镀厂', address: `工业园 座机${TYPED.landline}` },
    headcount: 1,
    matters: [
      {
        type: 'issue',
        categoryId: w.f.category('水').id,
        content: `夜间偷排电镀废水，举报人电话${TYPED.dashes}，身份证${TYPED.idInGroups}`,
        place: `南溪桥下（联系${TYPED.international}）`,
      },
      { type: 'consultation', categoryId: w.f.category('水').id, content: '排污许可证如何延续', answer: `请致电${TYPED.fullWidth}咨询` },
    ],
  })
  await saveVisitor(ctx, {
    id: v.visitorId,
    name: '邹平',
    kind: 'enterprise',
    address: `城南路5号，电话${TYPED.dashes}`,
    note: `另一号码 ${TYPED.spaces}`,
  })
  await saveOrganization(ctx, {
    id: v.organizationId ?? 0,
    name: '南溪电镀厂',
    address: `工业园 座机${TYPED.landline}`,
    note: `法人手机${TYPED.international}`,
  })
  const issueId = v.matters.find((m) => m.issueId !== null)?.issueId ?? 0
  await assignIssue(ctx, { issueId, departmentId: w.f.departments[1]?.id ?? 1, note: `请联系举报人${TYPED.spaces}` })
  await addProgress(ctx, { issueId, date: '2026-11-10', note: `已电话联系${TYPED.fullWidth}，约定现场核查` })
  typed = { issueId, visitId: v.id, visitorId: v.visitorId, organizationId: v.organizationId ?? 0 }
  // Exports write to a folder of the test's, as main's save dialog would.
  w.state.chooseSavePath = async (name) => {
    fs.mkdirSync(exportDir(), { recursive: true })
    return path.join(exportDir(), name)
  }
})

const keys = Object.keys(contract).filter((k): k is ContractKey => Object.hasOwn(contract, k))

// Reads the screens use to show people, visits and issues: each must answer (and be scanned).
const MUST_ANSWER: ContractKey[] = [
  'staff-list',
  'session-list',
  'visit-list',
  'directory-lookup',
  'visitor-history',
  'organization-history',
  'issue-list',
  'issue-get',
  'callback-due',
  'callback-to-close',
  'summary-month',
  'audit-list',
  'petition-notice',
]

describe('personal data in call results', () => {
  it('is on file in full, so the scan below could find it', () => {
    const stored = localOf(w.state.ledger).sqlite.prepare('select phone, id_number from visitors').all()
    expect(JSON.stringify(stored)).toMatch(UNMASKED_PHONE)
    expect(JSON.stringify(stored)).toContain(FULL_ID)
    expect(JSON.stringify(stored)).toContain(FULL_PHONE)
  })

  it('never leaves main unmasked, whichever call asks', async () => {
    const bases = baseInputs(w)
    const answered: ContractKey[] = []
    const findings: string[] = []
    for (const key of keys) {
      if (key === 'visitor-reveal' || key === 'callback-reveal-phone') continue
      w.state.operator = w.supervisor
      const input = Object.hasOwn(bases, key) ? bases[key] : {}
      const result = await dispatch(w.state, key, input)
      if (!result.ok) continue
      answered.push(key)
      const json = JSON.stringify(result.data) ?? ''
      const phone = UNMASKED_PHONE.exec(json)
      if (phone) findings.push(`${key}: ${phone[0]}`)
      const id = UNMASKED_ID.exec(json)
      if (id) findings.push(`${key}: ${id[0]}`)
    }
    // The desk's own directory search by a full number finds the person, still masked.
    for (const query of [FULL_PHONE, '139 1234 5678', FULL_ID]) {
      const r = await dispatch(w.state, 'directory-lookup', { query })
      if (r.ok) expect(JSON.stringify(r.data)).not.toMatch(UNMASKED_PHONE)
    }
    expect(findings).toEqual([])
    for (const key of MUST_ANSWER) expect(answered, key).toContain(key)
    console.log(`个人信息扫描：${answered.length} 个调用的返回结果中未发现完整手机号或身份证号`)
  })

  it('holds the typed numbers in full, so the scans below could find them', () => {
    const stored = JSON.stringify(localOf(w.state.ledger).sqlite.prepare('select content, place, answer from matters').all())
    const more = JSON.stringify(
      localOf(w.state.ledger).sqlite.prepare('select address, note from visitors union all select address, note from organizations').all(),
    )
    expect(typedNumbersIn(stored + more).sort()).toEqual([...TYPED_DIGITS].sort())
  })

  it('masks numbers typed into free text in every call result, in every form they are typed', async () => {
    const bases = baseInputs(w)
    const sessionId = w.sessions.open.id
    // The reads that show the typed text, aimed at it; then every other call with its usual input.
    const aimed: [ContractKey, unknown][] = [
      ['issue-get', { id: typed.issueId }],
      ['issue-list', { text: '电镀废水' }],
      ['issue-list', { month: '2026-11' }],
      ['visit-list', { sessionId }],
      ['visitor-history', { id: typed.visitorId }],
      ['organization-history', { id: typed.organizationId }],
      ['visitor-list', { query: '邹平', page: 1, pageSize: 50 }],
      ['organization-list', { query: '南溪', page: 1, pageSize: 50 }],
      ['directory-lookup', { query: '邹平' }],
      ['search-all', { query: '电镀废水' }],
      ['search-all', { query: '南溪' }],
      ['print-handover', { issueIds: [typed.issueId] }],
      ['print-handover', { sessionId }],
      ['audit-list', { page: 1, pageSize: 500 }],
      ['callback-due', {}],
    ]
    const findings: string[] = []
    const answered = new Set<string>()
    let answers = 0
    const calls: [ContractKey, unknown][] = [
      ...aimed,
      ...keys.filter((k) => k !== 'visitor-reveal').map((k): [ContractKey, unknown] => [k, Object.hasOwn(bases, k) ? bases[k] : {}]),
    ]
    for (const [key, input] of calls) {
      w.state.operator = w.supervisor
      const result = await dispatch(w.state, key, input)
      if (!result.ok) continue
      answered.add(key)
      answers++
      for (const d of typedNumbersIn(JSON.stringify(result.data) ?? '')) findings.push(`${key}: ${d}`)
    }
    expect(findings).toEqual([])
    for (const [key] of aimed) expect(answered, key).toContain(key)
    // The aimed reads did carry the text (masked): the scan looked at it.
    const detail = await dispatch(w.state, 'issue-get', { id: typed.issueId })
    expect(JSON.stringify(detail)).toContain('举报人电话139-****-5670，身份证110*** ******** 002X')
    console.log(
      `自由文本中的号码扫描：${answered.size} 个调用共 ${answers} 次回答（其中 ${aimed.length} 次专门读取含号码的文本）中，6 种写法的号码均未完整出现`,
    )
  })

  it('masks numbers typed into free text in every export: the month, the year, the issue CSV and the audit CSV', async () => {
    w.state.operator = w.supervisor
    const files: string[] = []
    for (const [key, input] of [
      ['export-month', { month: '2026-11' }],
      ['export-year', { year: 2026 }],
      ['export-issues-csv', { month: '2026-11' }],
      ['audit-export', {}],
    ] as const) {
      const r = await dispatch(w.state, key, input)
      expect(r.ok, `${key}: ${JSON.stringify(r)}`).toBe(true)
      const file = r.ok && r.data !== null && typeof r.data === 'object' && 'file' in r.data ? String(r.data.file) : ''
      files.push(file)
    }
    for (const file of files) {
      const text = file.endsWith('.xlsx')
        ? (await readXlsx(file)).worksheets.flatMap((ws) => rowsOf(ws).flatMap((row) => row.map(textOf))).join('\n')
        : fs.readFileSync(file, 'utf8')
      expect(text.length, file).toBeGreaterThan(0)
      expect(typedNumbersIn(text), path.basename(file)).toEqual([])
    }
    // The issue's own text is in the month export, masked.
    const month = await readXlsx(files[0] ?? '')
    expect(month.worksheets.flatMap((ws) => rowsOf(ws).flatMap((row) => row.map(textOf))).join('\n')).toContain('举报人电话139-****-5670')
  })

  it('keeps a typed number when the masked text is edited and saved back', async () => {
    w.state.operator = w.supervisor
    const shown = await dispatch(w.state, 'issue-get', { id: typed.issueId })
    const content =
      shown.ok && shown.data !== null && typeof shown.data === 'object' && 'content' in shown.data ? String(shown.data.content) : ''
    expect(content).toContain('139-****-5670')
    const edited = content.replace('夜间偷排', '夜间多次偷排')
    expect(
      (await dispatch(w.state, 'issue-correct', await atVersion(w.state, { issueId: typed.issueId, content: edited, reason: '补充情况' })))
        .ok,
    ).toBe(true)
    const stored = localOf(w.state.ledger)
      .sqlite.prepare('select m.content from matters m join issues i on i.matter_id = m.id where i.id = ?')
      .pluck()
      .get(typed.issueId)
    expect(stored).toBe(`夜间多次偷排电镀废水，举报人电话${TYPED.dashes}，身份证${TYPED.idInGroups}`)
  })

  it('shows the full value only through visitor-reveal, to a supervisor, with a reason', async () => {
    w.state.operator = w.supervisor
    const r = await dispatch(w.state, 'visitor-reveal', { visitorId: w.visitorId, field: 'idNumber', reason: '核对身份' })
    expect(r).toEqual({ ok: true, data: { visitorId: w.visitorId, field: 'idNumber', value: FULL_ID } })
    expect(JSON.stringify(r)).toMatch(UNMASKED_ID)
    w.state.operator = w.desk
    const refused = await dispatch(w.state, 'visitor-reveal', { visitorId: w.visitorId, field: 'idNumber', reason: '核对身份' })
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: '查看完整的个人信息须由负责人本人输入 PIN 登录后操作' } })
  })
})
