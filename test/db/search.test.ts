import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { saveOrganization, saveVisitor } from '../../db/directory/records'
import { correctIssue } from '../../db/issues/text'
import { listIssues } from '../../db/issues/queries'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { search } from '../../db/search/search'
import { markText } from '../../db/search/highlight'
import { searchTerms } from '../../db/search/terms'
import type { MarkedText, SearchResults, Session } from '../../shared/types'
import { voidVisit } from '../../db/visits/voids'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { CODE_A, registerCommonPairIssues, seedSearchRecords, TEXT, type SearchRecords } from '../support/search-records'
import type { Fixture, TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
let day: Session
let ids: SearchRecords['ids']
let issue: SearchRecords['issue']

seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  ;({ day, ids, issue } = await seedSearchRecords(t, f))
})

const issueIds = (r: SearchResults) => r.issues.map((h) => h.id)
const marked = (m: MarkedText | null) => (m ? m.ranges.map((r) => m.text.slice(r.start, r.end)) : [])

describe('the search box', () => {
  it('finds an issue by three or more characters of its description and marks where they are', async () => {
    const r = await search(t.ctx.db, '黑臭水')
    expect(issueIds(r)).toEqual([ids.A])
    expect(marked(r.issues[0]?.content ?? null)).toEqual(['黑臭水'])
    expect(r.issues[0]).toMatchObject({ kind: 'issue', number: { text: 'JD-2026-11-0001' }, status: 'accepted', visitorName: '张桂芳' })
  })

  it('finds issues by one- and two-character terms, which the trigram index alone cannot', async () => {
    expect(issueIds(await search(t.ctx.db, '夜间'))).toEqual([ids.C, ids.B])
    expect(issueIds(await search(t.ctx.db, '臭'))).toEqual([ids.A])
  })

  it('keeps a short term inside a longer query as a condition instead of emptying the result', async () => {
    expect(issueIds(await search(t.ctx.db, '噪声扰民 夜间'))).toEqual([ids.C])
    expect(issueIds(await search(t.ctx.db, '夜间 工业园'))).toEqual([ids.B])
  })

  it('finds a two-character term at the very end of a field, through the index vocabulary', async () => {
    expect(issueIds(await search(t.ctx.db, '业园'))).toEqual([ids.B])
    expect(issueIds(await search(t.ctx.db, '强烈'))).toEqual([ids.A])
    expect(issueIds(await search(t.ctx.db, '01'))).toEqual([ids.A])
  })

  it('finds a two-character term that begins very many trigrams by LIKE instead', async () => {
    await registerCommonPairIssues(t, f, day)
    const r = await search(t.ctx.db, '水体', { limit: 100 })
    expect(r.issues).toHaveLength(100)
    expect(r.issues.every((h) => h.content.text.includes('水体'))).toBe(true)
    expect((await listIssues(t.ctx.db, { text: '水体' }, '2026-11-10')).total).toBe(221)
  })

  it('ignores the padding character that ends the indexed copies, should anyone type it', async () => {
    expect(await search(t.ctx.db, '\uE000')).toMatchObject({ terms: [], issues: [] })
    expect(issueIds(await search(t.ctx.db, '园\uE000'))).toEqual([ids.B])
  })

  it('requires every term, so a term that no issue holds empties the result', async () => {
    expect(issueIds(await search(t.ctx.db, '黑臭 噪声'))).toEqual([])
    expect(issueIds(await search(t.ctx.db, '黑臭水体 搅拌站'))).toEqual([])
  })

  it('finds an issue by every piece of one to ten characters of its description', async () => {
    const text = TEXT.B
    for (let length = 1; length <= 10; length++) {
      for (let start = 0; start + length <= text.length; start++) {
        const piece = text.slice(start, start + length)
        const r = await search(t.ctx.db, piece, { kinds: ['issue'], limit: 100 })
        expect(issueIds(r), piece).toContain(ids.B)
        expect(marked(r.issues.find((h) => h.id === ids.B)?.content ?? null).join(''), piece).toContain(piece)
      }
    }
  })

  it('finds an issue by its ledger number, whole or in part, in either case', async () => {
    expect(issueIds(await search(t.ctx.db, 'JD-2026-11-0002'))).toEqual([ids.B])
    expect(issueIds(await search(t.ctx.db, '0003'))).toEqual([ids.C])
    expect(issueIds(await search(t.ctx.db, 'jd-2026-11')).sort()).toEqual(Object.values(ids).sort())
    const hit = (await search(t.ctx.db, 'jd-2026-11-0002')).issues[0]
    expect(marked(hit?.number ?? null)).toEqual(['JD-2026-11-0002'])
  })

  it('searches quotes, stars, percent signs, underscores, parentheses and AND/OR/NOT as the text they are', async () => {
    for (const q of ['"50%_达标"', '50%_', '%', '_', '(AND)', 'AND', 'OR', 'NOT', '说明*', '*', '"', '(', ')', 'OR NOT']) {
      expect(issueIds(await search(t.ctx.db, q)), q).toEqual([ids.D])
    }
    for (const q of ['a"b', '\\', 'NEAR(x y)', '"" OR ""', '^', 'x:y', '{content}:黑臭', '%%%']) {
      expect(issueIds(await search(t.ctx.db, q)), q).toEqual([])
    }
  })

  it('leaves out the issues of a voided visit, as every list does', async () => {
    const visit = await t.ctx.db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .select('m.visit_id')
      .where('i.id', '=', ids.C)
      .executeTakeFirstOrThrow()
    await voidVisit(t.ctx, { visitId: visit.visit_id, reason: '重复登记' })
    expect(issueIds(await search(t.ctx.db, '搅拌站'))).toEqual([])
    expect(issueIds(await search(t.ctx.db, '夜间'))).toEqual([ids.B])
    expect((await listIssues(t.ctx.db, { text: '搅拌站' }, '2026-11-10')).total).toBe(0)
  })

  it('never returns a consultation as an issue', async () => {
    expect(issueIds(await search(t.ctx.db, '向哪里投诉'))).toEqual([])
  })

  it('finds visitors by name, the exact name first, with the phone masked', async () => {
    await issue({ name: '刘洋洋' }, '另一件事', null)
    const r = await search(t.ctx.db, '刘洋')
    expect(r.visitors.map((v) => v.name.text)).toEqual(['刘洋', '刘洋洋'])
    expect(marked(r.visitors[1]?.name ?? null)).toEqual(['刘洋'])
    const zhang = await search(t.ctx.db, '张桂芳')
    expect(zhang.visitors).toHaveLength(1)
    expect(zhang.visitors[0]).toMatchObject({ kind: 'visitor', visitorKind: 'resident', phone: '138****5678', lastVisitDate: '2026-11-10' })
  })

  it('finds enterprises by name and by credit code', async () => {
    const byName = await search(t.ctx.db, '青山化工')
    expect(byName.organizations.map((o) => o.name.text)).toEqual(['青山化工有限公司'])
    expect(marked(byName.organizations[0]?.name ?? null)).toEqual(['青山化工'])
    const byCode = await search(t.ctx.db, '100y43')
    expect(byCode.organizations.map((o) => o.creditCode?.text)).toEqual([CODE_A])
    expect(marked(byCode.organizations[0]?.creditCode ?? null)).toEqual(['100Y43'])
    expect((await search(t.ctx.db, '青山')).organizations).toHaveLength(1)
  })

  it('leaves out visitors and enterprises merged into another record', async () => {
    const kept = await issue({ name: '张桂芳', phone: '13900001111' }, '另一件事', null)
    const row = await t.ctx.db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .innerJoin('visits as v', 'v.id', 'm.visit_id')
      .select('v.visitor_id')
      .where('i.id', '=', kept)
      .executeTakeFirstOrThrow()
    await sql`update visitors set merged_into_id = ${row.visitor_id} where name = '张桂芳' and id != ${row.visitor_id}`.execute(t.ctx.db)
    expect((await search(t.ctx.db, '张桂芳')).visitors.map((v) => v.id)).toEqual([row.visitor_id])
  })

  it('finds an edited description by its new words and no longer by its old', async () => {
    await correctIssue(t.ctx, { issueId: ids.A, content: '西岭村河道边被倾倒建筑垃圾', place: '西岭村河道', reason: '来访人补充说明' })
    expect(issueIds(await search(t.ctx.db, '黑臭水'))).toEqual([])
    expect(issueIds(await search(t.ctx.db, '黑臭'))).toEqual([])
    expect(issueIds(await search(t.ctx.db, '建筑垃圾'))).toEqual([ids.A])
    expect(issueIds(await search(t.ctx.db, '河道'))).toEqual([ids.A])
    expect((await listIssues(t.ctx.db, { text: '黑臭水' }, '2026-11-10')).total).toBe(0)
    expect((await listIssues(t.ctx.db, { text: '建筑垃圾' }, '2026-11-10')).rows.map((r) => r.id)).toEqual([ids.A])
  })

  it('finds an issue by the result written when it was resolved', async () => {
    await assignIssue(t.ctx, { issueId: ids.A, departmentId: f.departments[1]?.id ?? 1 })
    t.clock.set('2026-11-20 10:00:00')
    await resolveIssue(t.ctx, { issueId: ids.A, result: '已责令养殖场停止直排并清淤' })
    const r = await search(t.ctx.db, '停止直排')
    expect(issueIds(r)).toEqual([ids.A])
    expect(marked(r.issues[0]?.result ?? null)).toEqual(['停止直排'])
    expect(r.issues[0]?.status).toBe('resolved')
  })

  it('finds a renamed visitor and enterprise by their new names only', async () => {
    const zhang = (await search(t.ctx.db, '张桂芳')).visitors[0]
    const qingshan = (await search(t.ctx.db, '青山化工')).organizations[0]
    if (!zhang || !qingshan) throw new Error('fixture not found')
    await saveVisitor(t.ctx, { id: zhang.id, name: '张桂兰', kind: 'resident' })
    await saveOrganization(t.ctx, { id: qingshan.id, name: '青山新材料有限公司', creditCode: CODE_A })
    expect((await search(t.ctx.db, '张桂芳')).visitors).toEqual([])
    expect((await search(t.ctx.db, '张桂兰')).visitors.map((v) => v.id)).toEqual([zhang.id])
    expect((await search(t.ctx.db, '青山化工')).organizations).toEqual([])
    expect((await search(t.ctx.db, '新材料')).organizations.map((o) => o.id)).toEqual([qingshan.id])
  })

  it('ranks an issue whose ledger number matches above one that only mentions it', async () => {
    await issue({ name: '马军' }, '上次反映的JD-2026-11-0003一直没有答复', null)
    const r = await search(t.ctx.db, 'JD-2026-11-0003')
    expect(issueIds(r)[0]).toBe(ids.C)
    expect(issueIds(r)).toHaveLength(2)
  })

  it('gives at most the limit asked for, of the kinds asked for', async () => {
    for (let i = 0; i < 5; i++) await issue({ name: `来访人${i}` }, `夜间第${i}次反映异味`, null)
    const r = await search(t.ctx.db, '夜间', { limit: 3, kinds: ['issue'] })
    expect(r.issues).toHaveLength(3)
    expect(r.visitors).toEqual([])
    expect(r.organizations).toEqual([])
    expect((await search(t.ctx.db, '异味', { limit: 3 })).issues).toHaveLength(3)
  })

  it('finds nothing for an empty or blank query', async () => {
    for (const q of ['', '   ', '\u3000', '\t\n']) {
      expect(await search(t.ctx.db, q)).toEqual({ query: '', terms: [], issues: [], visitors: [], organizations: [] })
    }
  })
})

describe('search terms and marks', () => {
  it('splits on any whitespace, the ideographic space included, and drops repeats', () => {
    expect(searchTerms(' 黑臭\u3000水体  黑臭 JD jd ')).toEqual([
      { text: '黑臭', indexed: false },
      { text: '水体', indexed: false },
      { text: 'JD', indexed: false },
    ])
    // Characters, not UTF-16 units: a rare name character outside the BMP counts once.
    expect(searchTerms('𠮷野')).toEqual([{ text: '𠮷野', indexed: false }])
    expect(searchTerms('𠮷野家')).toEqual([{ text: '𠮷野家', indexed: true }])
  })

  it('cuts a long text to an excerpt around the first match, with the marks moved to match', () => {
    const long = `${'甲'.repeat(100)}黑臭水体${'乙'.repeat(100)}`
    const m = markText(long, searchTerms('黑臭'))
    expect(m.text.startsWith('…')).toBe(true)
    expect(m.text.endsWith('…')).toBe(true)
    expect(m.text.length).toBeLessThanOrEqual(62)
    expect(marked(m)).toEqual(['黑臭'])
  })

  it('merges overlapping marks and never splits a character outside the BMP', () => {
    expect(marked(markText('黑臭水体', searchTerms('黑臭 臭水')))).toEqual(['黑臭水'])
    const m = markText(`${'𠮷'.repeat(40)}水体`, searchTerms('水体'))
    expect(m.text.endsWith('水体')).toBe(true)
    expect([...m.text.replace(/^…/, '')].every((ch) => ch === '𠮷' || ch === '水' || ch === '体')).toBe(true)
  })
})

describe('the ledger text filter', () => {
  const today = '2026-11-10'
  const listed = async (text: string) => (await listIssues(t.ctx.db, { text }, today)).rows.map((r) => r.id).sort()

  it('matches the description, place, number, visitor and enterprise, by index for three or more characters', async () => {
    expect(await listed('黑臭水')).toEqual([ids.A])
    expect(await listed('河滨路')).toEqual([ids.C])
    expect(await listed('JD-2026-11-0004')).toEqual([ids.D])
    expect(await listed('张桂芳')).toEqual([ids.A])
    expect(await listed('青山化工')).toEqual([ids.B])
  })

  it('matches one- and two-character terms in the same fields', async () => {
    expect(await listed('臭')).toEqual([ids.A])
    expect(await listed('刘洋')).toEqual([ids.C])
    expect(await listed('青山')).toEqual([ids.B])
    expect(await listed('夜间')).toEqual([ids.B, ids.C].sort())
  })

  it('requires every term, each in any of the fields', async () => {
    expect(await listed('张桂芳 黑臭')).toEqual([ids.A])
    expect(await listed('青山化工 夜间')).toEqual([ids.B])
    expect(await listed('张桂芳 夜间')).toEqual([])
  })

  it('takes special characters as text', async () => {
    expect(await listed('%')).toEqual([ids.D])
    expect(await listed('"50%_达标"')).toEqual([ids.D])
    expect(await listed('(AND) OR')).toEqual([ids.D])
  })

  it('counts every match and pages through them', async () => {
    const page = await listIssues(t.ctx.db, { text: '夜间', pageSize: 1, page: 2 }, today)
    expect(page.total).toBe(2)
    expect(page.rows.map((r) => r.id)).toEqual([ids.B])
  })
})
