import { beforeEach, describe, expect, it } from 'vitest'
import { assignIssue, resolveIssue } from '../../db/issues/actions'
import { correctIssue } from '../../db/issues/text'
import { search } from '../../db/search/search'
import { bulkLoad, checkSearchIndex, rebuildSearchIndex } from '../../db/search/sqlite-index'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { registerCommonPairIssues, seedSearchRecords, type SearchRecords } from '../support/search-records'
import type { Fixture, TestLedger } from '../support/temp-ledger'

// The local file's own search machinery: FTS5 trigram tables, their vocabulary, the padded text
// copy, bulk loads with the triggers lifted. The answers themselves hold on both engines
// (search.test.ts, search-engines.test.ts).

let t: TestLedger
let f: Fixture
let ids: SearchRecords['ids']
let day: SearchRecords['day']
let issue: SearchRecords['issue']

const issueIds = (r: Awaited<ReturnType<typeof search>>) => r.issues.map((h) => h.id)

seededLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  ;({ day, ids, issue } = await seedSearchRecords(t, f))
})

describe('the FTS5 trigram index', () => {
  it('returns nothing for one- and two-character terms, which is why the search finds them otherwise', async () => {
    expect(t.ledger.sqlite.prepare('select count(*) from issue_search where issue_search match \'"夜间"\'').pluck().get()).toBe(0)
    expect(
      t.ledger.sqlite.prepare(`select count(*) from issue_search where issue_search match '"噪声扰民" AND "夜间"'`).pluck().get(),
    ).toBe(0)
    expect((await search(t.ctx.db, '噪声扰民 夜间')).issues.map((h) => h.id)).toEqual([ids.C])
  })

  it('has more than two hundred trigrams beginning with a common pair, which the search then finds by LIKE', async () => {
    await registerCommonPairIssues(t, f, day)
    const continuations = t.ledger.sqlite
      .prepare("select count(*) from issue_search_vocab where term >= '水体' and term < '水体' || char(1114111)")
      .pluck()
      .get()
    expect(Number(continuations)).toBeGreaterThan(200)
    expect((await search(t.ctx.db, '水体', { limit: 100 })).issues).toHaveLength(100)
  })
})

describe('keeping the index', () => {
  it('stays in step with the ledger through every kind of write', async () => {
    await correctIssue(t.ctx, { issueId: ids.B, content: '城东工业园区某企业白天排放粉尘', reason: '来访人补充说明' })
    await correctIssue(t.ctx, { issueId: ids.C, place: null, reason: '来访人补充说明' })
    await assignIssue(t.ctx, { issueId: ids.D, departmentId: f.departments[1]?.id ?? 1 })
    t.clock.set('2026-11-20 10:00:00')
    await resolveIssue(t.ctx, { issueId: ids.D, result: '已现场核查' })
  })

  it('notices an issue text copy that has drifted from the ledger, and a rebuild repairs it', async () => {
    t.ledger.sqlite.prepare('update issue_search_text set content = ? where id = ?').run('篡改', ids.A)
    expect(checkSearchIndex(t.ledger.sqlite)).toEqual(['issue_search_text: 1 条问题的检索文本与台账不一致'])
    rebuildSearchIndex(t.ledger.sqlite)
    expect(issueIds(await search(t.ctx.db, '黑臭水'))).toEqual([ids.A])
  })

  it('indexes rows a bulk load wrote with the triggers lifted, once the load is done', async () => {
    const at = '2026-11-10 12:00:00'
    bulkLoad(t.ledger.sqlite, () => {
      const org = t.ledger.sqlite.prepare('insert into organizations (name, credit_code, created_at, updated_at) values (?, null, ?, ?)')
      for (let i = 0; i < 50; i++) org.run(`批量导入环保科技${i}号有限公司`, at, at)
      t.ledger.sqlite
        .prepare('update matters set content = ? where id = (select matter_id from issues where id = ?)')
        .run('批量改写的问题描述', ids.C)
      const triggers = t.ledger.sqlite
        .prepare("select count(*) from sqlite_master where type = 'trigger' and name glob '*_search_*'")
        .pluck()
        .get()
      expect(triggers).toBe(0)
    })
    expect((await search(t.ctx.db, '批量导入', { limit: 100 })).organizations).toHaveLength(50)
    expect(issueIds(await search(t.ctx.db, '批量改写'))).toEqual([ids.C])
    expect(issueIds(await search(t.ctx.db, '搅拌站'))).toEqual([])
    // The triggers are back: the next ordinary write is indexed as it happens.
    await issue({ name: '何伟' }, '导入之后登记的扬尘问题', null)
    expect(issueIds(await search(t.ctx.db, '扬尘问题'))).toHaveLength(1)
  })

  it('rolls a failed bulk load back whole, triggers included', async () => {
    const triggers = () => t.ledger.sqlite.prepare("select group_concat(name) from sqlite_master where type = 'trigger'").pluck().get()
    const triggersBefore = triggers()
    const before = t.ledger.sqlite.prepare('select count(*) from organizations').pluck().get()
    expect(() =>
      bulkLoad(t.ledger.sqlite, () => {
        t.ledger.sqlite.prepare("insert into organizations (name, created_at, updated_at) values ('半途而废有限公司', 'x', 'x')").run()
        throw new Error('load failed')
      }),
    ).toThrow('load failed')
    expect(t.ledger.sqlite.prepare('select count(*) from organizations').pluck().get()).toBe(before)
    expect(triggers()).toBe(triggersBefore)
  })
})
