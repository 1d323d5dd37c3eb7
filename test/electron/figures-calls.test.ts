import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { dispatch } from '../../electron/handlers/dispatch'
import type { AppState } from '../../electron/handlers/types'
import { atVersion, data, field, freshLedgerPerFile } from '../support/dispatch'
import { readXlsx, rowsOf, sheet } from '../support/export-files'
import type { TestLedger } from '../support/temp-ledger'

let t: TestLedger
let state: AppState
freshLedgerPerFile((s) => ({ t, state } = s))

// A bureau's published cumulative figures, rebuilt through the contract alone: "自2020年3月起…共接待
// 企业32家，接待86人次，受理并解决问题45个", over ten reception days from March 2020 to December 2021.
// 32 enterprises, one visit each: 22 came three strong and 10 two strong (22 × 3 + 10 × 2 = 86
// person-times); 13 of them raised two issues and 19 one (13 × 2 + 19 = 45), every one handed over
// and resolved the same day.
const DAYS = [
  '2020-03-12',
  '2020-06-18',
  '2020-09-17',
  '2020-12-17',
  '2021-03-18',
  '2021-05-20',
  '2021-07-15',
  '2021-09-16',
  '2021-11-18',
  '2021-12-16',
]

const reportShape = z.object({ summary: z.record(z.string(), z.unknown()), sentence: z.string(), bureauName: z.string() })

async function buildPublishedLedger(): Promise<void> {
  const staff = data(await dispatch(state, 'staff-save', { name: '王晓丽', role: 'desk' }))
  data(await dispatch(state, 'operator-select', { staffId: field(staff, 'id') }))
  const categories = data(await dispatch(state, 'category-list', {}))
  const departments = data(await dispatch(state, 'department-list', {}))
  const categoryId = field(Array.isArray(categories) ? categories[0] : null, 'id')
  const departmentId = field(Array.isArray(departments) ? departments[1] : null, 'id')
  let enterprise = 0
  for (const [day, date] of DAYS.entries()) {
    t.clock.set(`${date} 08:30:00`)
    const session = data(await dispatch(state, 'session-plan', { date, kind: 'enterprise', location: '接待室' }))
    data(await dispatch(state, 'session-open', { id: field(session, 'id') }))
    // 3 or 4 enterprises a day: days 0–1 take 4, the rest 3 (4 + 4 + 8 × 3 = 32).
    for (let k = 0; k < (day < 2 ? 4 : 3); k++) {
      enterprise += 1
      const issues = enterprise <= 13 ? 2 : 1
      const visit = data(
        await dispatch(state, 'visit-register', {
          sessionId: field(session, 'id'),
          visitor: { name: `联系人${enterprise}`, kind: 'enterprise' },
          organization: { name: `第${enterprise}号企业有限公司` },
          headcount: enterprise <= 22 ? 3 : 2,
          matters: Array.from({ length: issues }, (_, i) => ({
            type: 'issue',
            categoryId,
            content: `第${enterprise}号企业反映的第${i + 1}个问题`,
          })),
        }),
      )
      const matters = field(visit, 'matters')
      for (const m of Array.isArray(matters) ? matters : []) {
        const issueId = field(m, 'issueId')
        data(await dispatch(state, 'issue-assign', await atVersion(state, { issueId, departmentId })))
        data(await dispatch(state, 'issue-resolve', await atVersion(state, { issueId, result: '已办结' })))
      }
    }
    data(await dispatch(state, 'session-close', { id: field(session, 'id') }))
  }
  t.clock.set('2021-12-31 17:00:00')
}

beforeAll(async () => {
  await buildPublishedLedger()
}, 120_000)

describe('summary-period', () => {
  it('gives a bureau’s published cumulative figures back over a range spanning years, with a sentence that says them', async () => {
    const first = data(await dispatch(state, 'summary-first-record', {}))
    expect(first).toEqual({ date: '2020-03-12' })
    const r = reportShape.parse(data(await dispatch(state, 'summary-period', { from: '2020-03-12', to: '2021-12-31' })))
    expect(r.summary).toMatchObject({
      period: { kind: 'all', label: '自2020年3月起' },
      sessions: 10,
      enterprises: 32,
      personTimes: 86,
      issuesAccepted: 45,
      issuesResolved: 45,
      issuesResolvedInPeriod: 45,
      resolutionRate: 100,
    })
    expect(r.sentence).toBe('自2020年3月起，共举办接待日10场，接待企业32家、86人次；受理问题45个，已全部办结，按期办结率100%。')

    const later = reportShape.parse(data(await dispatch(state, 'summary-period', { from: '2021-03-01', to: '2021-12-31' })))
    // March–December 2021: days 4–9, 6 × 3 = 18 enterprises (numbers 15–32: 2 person-times from 23 on,
    // so 8 × 3 + 10 × 2 = 44), and one issue each.
    expect(later.summary).toMatchObject({ sessions: 6, enterprises: 18, personTimes: 44, issuesAccepted: 18, issuesResolved: 18 })
    expect(later.sentence.startsWith('2021年3月至12月，共举办接待日6场，接待企业18家、44人次；受理问题18个，已全部办结')).toBe(true)
  })

  it('refuses dates that are not YYYY-MM-DD at the contract and a range that ends before it starts in the ledger', async () => {
    const shape = await dispatch(state, 'summary-period', { from: '2021-3-1', to: '2021-12-31' })
    expect(shape.ok).toBe(false)
    const backwards = await dispatch(state, 'summary-period', { from: '2021-12-31', to: '2021-03-01' })
    expect(backwards).toEqual({ ok: false, error: { code: 'invalid_date', message: '结束日期 2021-03-01 不能早于开始日期 2021-12-31' } })
  })
})

describe('export-period', () => {
  it('asks where to save the period’s Excel, and writes its figures and its records', async () => {
    const asked: string[] = []
    const withDialog: AppState = {
      ...state,
      chooseSavePath: async (name) => {
        asked.push(name)
        return path.join(t.dir, name)
      },
    }
    const written = data(await dispatch(withDialog, 'export-period', { from: '2021-03-01', to: '2021-12-31' }))
    expect(asked).toEqual(['接待日台账-2021-03-01至2021-12-31.xlsx'])
    const wb = await readXlsx(path.join(t.dir, asked[0] ?? ''))
    const figures = new Map(rowsOf(sheet(wb, '汇总')).map((r) => [r[0], r[1]]))
    expect(figures.get('期间')).toBe('2021年3月至12月')
    expect([figures.get('接待日（场）'), figures.get('接待企业（家）'), figures.get('接待人次'), figures.get('受理（个）')]).toEqual([
      6, 18, 44, 18,
    ])
    // 18 visits and 18 issues; no callbacks were made.
    expect(rowsOf(sheet(wb, '来访登记')).length - 1).toBe(18)
    expect(rowsOf(sheet(wb, '问题台账')).length - 1).toBe(18)
    expect(field(written, 'rows')).toBe(36)
  })
})
