import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { listIssues } from '../../db/issues/queries'
import { search } from '../../db/search/search'
import { registerVisit } from '../../db/visits/register'
import { openDay } from '../support/desk'
import { openServerTestLedger } from '../support/engine-ledger'
import { openTempLedger, seedFixture, type Fixture, type TestLedger } from '../support/temp-ledger'

// The same records on the local file and on a server ledger: every search answers the same,
// hits, order and marks, whichever engine holds them.

const PHRASES = ['黑臭水体', '夜间施工', '噪声扰民', '化工企业', '排放刺鼻气体', '工业园区', '养殖场直排', 'JD-2026', 'pm2.5超标', '0003号']
const PLACES = ['西岭村', '城东工业园', '河滨路', null, '青山镇工业园区']
const ENTERPRISES = [
  { name: '青山化工有限公司', creditCode: '91350100M000100Y43' },
  { name: '城东建材有限公司', creditCode: '91350100MA2XY0003D' },
  { name: '河滨搅拌站', creditCode: null },
]
const PEOPLE = ['张桂芳', '陈志强', '刘洋', '周敏', '张志', 'Li Wei', '王芳芳', 'Äsa Öberg', 'äsa', 'ＡＢ 张']

async function fill(t: TestLedger<Ledger>, f: Fixture): Promise<void> {
  const day = await openDay(t, f, '2026-11-10')
  for (let n = 0; n < 36; n++) {
    // Descriptions of different lengths holding the phrases different numbers of times, so
    // that bm25's frequencies, lengths and rarities all decide some order.
    const parts = Array.from({ length: 1 + (n % 4) }, (_, k) => PHRASES[(n * 3 + k * ((n % 5) + 1)) % PHRASES.length] ?? '')
    const content = `${parts.join('，')}${n % 3 === 0 ? '，周边居民反映强烈' : ''}${n % 7 === 0 ? ' 000000' : ''}`
    const organization = n % 3 === 1 ? ENTERPRISES[Math.floor(n / 3) % ENTERPRISES.length] : undefined
    await registerVisit(t.ctx, {
      sessionId: day.id,
      visitor: { name: PEOPLE[n % PEOPLE.length] ?? '', kind: organization ? 'enterprise' : 'resident' },
      organization: organization ?? null,
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('大气').id, content, place: PLACES[n % PLACES.length] ?? null }],
    })
  }
}

const TERMS = [
  // one character
  '臭',
  '5',
  // two characters
  '夜间',
  '01',
  'jd',
  // three and five characters
  '黑臭水',
  '工业园',
  '噪声扰民 夜间',
  '排放刺鼻气',
  '居民反映强',
  // digits, self-overlapping ones too
  '000',
  '0003',
  '2026',
  // a credit code, whole and in part
  '91350100M000100Y43',
  '100y4',
  // letters cased beyond ASCII, which the file's LIKE does not fold and its trigram index does
  'Ä',
  'äs',
  'Äsa',
  'ＡＢ',
  // mixed
  'JD-2026 夜间',
  'pm2.5 超标',
  '化工 工业园 0003',
  '张桂芳',
  '有限公司',
  '青山 有限',
  '刺鼻 2.5',
]

let local: TestLedger<Ledger>
let server: TestLedger<Ledger>

beforeEach(async () => {
  local = await openTempLedger('2026-11-10 08:00:00')
  server = await openServerTestLedger('2026-11-10 08:00:00')
  for (const t of [local, server]) await fill(t, await seedFixture(t))
})

afterEach(async () => {
  await local.close()
  await server.close()
})

describe('search on the local file and on a server', () => {
  it.each(TERMS)('answers %s the same, hits, order and marks', async (term) => {
    const onFile = await search(local.ctx.db, term, { limit: 100 })
    // Every term finds something, so an empty answer on both engines proves nothing by accident.
    expect(onFile.issues.length + onFile.visitors.length + onFile.organizations.length).toBeGreaterThan(0)
    expect(await search(server.ctx.db, term, { limit: 100 })).toEqual(onFile)
  })

  it.each(TERMS)('filters the issue ledger by %s the same', async (term) => {
    const ids = async (t: TestLedger<Ledger>) =>
      (await listIssues(t.ctx.db, { text: term, pageSize: 100 }, '2026-11-10')).rows.map((r) => r.id)
    expect(await ids(server)).toEqual(await ids(local))
  })
})
