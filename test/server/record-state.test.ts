import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../db/core/open'
import { write } from '../../db/core/context'
import { rowHash } from '../../db/core/record-state'
import { compareServerRecordState } from '../../db/core/record-state-server'
import { registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from '../support/desk'
import { onPlainConnection, openServerTestLedger } from '../support/engine-ledger'
import { seedFixture, type TestLedger } from '../support/temp-ledger'

// Record digests on the server: the app's writes are vouched for by the audit row of their
// transaction, record by record, as on SQLite; a write by another program (a plain connection,
// as psql would make) is noted nowhere, so the record no longer matches its last digest.

let t: TestLedger<Ledger> | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

async function latestDigest(l: TestLedger<Ledger>, table: string, key: string): Promise<string | undefined> {
  const row = await l.ledger.db
    .selectFrom('audit_state')
    .select('row_hash')
    .where('entity_table', '=', table)
    .where('row_key', '=', key)
    .orderBy('audit_id', 'desc')
    .executeTakeFirst()
  return row?.row_hash
}

async function digestNow(l: TestLedger<Ledger>, table: string, id: number): Promise<string> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${id}`.execute(l.ledger.db)
  return rowHash(Object.values(rows[0] ?? {}))
}

describe('record digests on a server ledger', () => {
  it('vouches for every record a registration writes, as the registration left it', async () => {
    t = await openServerTestLedger('2026-11-10 08:00:00')
    const f = await seedFixture(t)
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(t.ctx, residentVisit(day.id))
    const visit = await t.ledger.db.selectFrom('visits').select(['id', 'visitor_id']).where('id', '=', v.id).executeTakeFirstOrThrow()
    expect(await latestDigest(t, 'visits', String(visit.id))).toBe(await digestNow(t, 'visits', visit.id))
    expect(await latestDigest(t, 'visitors', String(visit.visitor_id))).toBe(await digestNow(t, 'visitors', visit.visitor_id))
    const matter = await t.ledger.db.selectFrom('matters').select('id').where('visit_id', '=', v.id).executeTakeFirstOrThrow()
    expect(await latestDigest(t, 'matters', String(matter.id))).toBe(await digestNow(t, 'matters', matter.id))
  })

  it('vouches, when it builds a ledger, for the ten sources the schema starts it with', async () => {
    t = await openServerTestLedger('2026-11-10 08:00:00')
    const sources = await t.ledger.db.selectFrom('issue_sources').select('id').orderBy('id').execute()
    expect(sources).toHaveLength(10)
    for (const { id } of sources) expect(await latestDigest(t, 'issue_sources', String(id))).toBe(await digestNow(t, 'issue_sources', id))
  })

  it('notes nothing for a change made through another connection, so the record no longer matches its digest', async () => {
    t = await openServerTestLedger('2026-11-10 08:00:00')
    const f = await seedFixture(t)
    const day = await openDay(t, f, '2026-11-10')
    const v = await registerVisit(t.ctx, residentVisit(day.id))
    const visitorId = (await t.ledger.db.selectFrom('visits').select('visitor_id').where('id', '=', v.id).executeTakeFirstOrThrow())
      .visitor_id
    const vouched = await latestDigest(t, 'visitors', String(visitorId))
    const { ctx } = t
    await onPlainConnection(t.file, async (other) => {
      await other.query("update visitors set name = '改过的名字' where id = $1", [visitorId])
      // The app's next write vouches only for what it touched itself.
      await registerVisit(ctx, residentVisit(day.id, { visitor: { name: '刘洋', phone: '13900001111', kind: 'resident' } }))
    })
    expect(await latestDigest(t, 'visitors', String(visitorId))).toBe(vouched)
    expect(await digestNow(t, 'visitors', visitorId)).not.toBe(vouched)
  })

  it('vouches for every record of a write that touches more of them than come with the note, those it deleted too', async () => {
    t = await openServerTestLedger('2026-11-10 08:00:00')
    const l = t
    const made = await write(l.ctx, async (trx) => {
      const rows = Array.from({ length: 1_200 }, (_, i) => ({
        name: `股室${i + 1}`,
        created_at: '2026-11-10 08:00:00',
        import_batch_id: null,
      }))
      const ids = (await trx.insertInto('departments').values(rows).returning('id').execute()).map((r) => r.id)
      // Gone again before the audit row: some among the first noted, some among the last.
      const gone = [ids[0] ?? 0, ids[700] ?? 0, ids[1_199] ?? 0]
      await trx.deleteFrom('departments').where('id', 'in', gone).execute()
      return { ids, gone }
    })
    const kept = made.ids.filter((id) => !made.gone.includes(id))
    const state = await compareServerRecordState(l.ledger.db)
    expect({ changed: state.changed, unaudited: state.unaudited, deleted: state.deleted }).toEqual({
      changed: [],
      unaudited: [],
      deleted: [],
    })
    for (const id of [kept[0] ?? 0, kept[600] ?? 0, kept[kept.length - 1] ?? 0])
      expect(await latestDigest(l, 'departments', String(id))).toBe(await digestNow(l, 'departments', id))
    for (const id of made.gone) expect(await latestDigest(l, 'departments', String(id))).toBe('deleted')
  })
})
