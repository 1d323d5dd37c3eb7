import { describe, expect, it } from 'vitest'
import { openLedger } from '../../db/core/open'
import { registerVisit } from '../../db/visits/register'
import { openDay, residentVisit } from '../support/desk'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { testKeys } from '../support/keys'
import { tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger
let f: Fixture
seededLedgerPerTest('2026-11-10 09:00:00', (s) => ({ t, f } = s))

describe('a ledger file another program is writing', () => {
  it('tells the desk in Chinese that the ledger is busy when the other writer holds it past the wait, and writes nothing', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const other = await openLedger(t.file, { keys: testKeys() })
    try {
      other.sqlite.prepare('begin immediate').run()
      t.ledger.sqlite.pragma('busy_timeout = 50')
      const before = await tableCounts(t)
      const refused = await registerVisit(t.ctx, residentVisit(day.id)).then(
        () => null,
        (e: unknown) => e,
      )
      expect(refused).toMatchObject({ code: 'ledger_busy', message: expect.stringMatching(/台账正被另一个程序写入.*台账未作改动/) })
      other.sqlite.prepare('rollback').run()
      expect(await tableCounts(t)).toEqual(before)
    } finally {
      await other.close()
    }
  })

  it('saves the same visit once the other writer is done', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const other = await openLedger(t.file, { keys: testKeys() })
    try {
      other.sqlite.prepare('begin immediate').run()
      t.ledger.sqlite.pragma('busy_timeout = 50')
      await expect(registerVisit(t.ctx, residentVisit(day.id))).rejects.toMatchObject({ code: 'ledger_busy' })
      other.sqlite.prepare('commit').run()
      const saved = await registerVisit(t.ctx, residentVisit(day.id))
      expect(saved.id).toBeGreaterThan(0)
    } finally {
      await other.close()
    }
  })

  it('opens an up-to-date ledger while another program holds a long save, and the desk saves once that is done', async () => {
    const day = await openDay(t, f, '2026-11-10')
    const other = await openLedger(t.file, { keys: testKeys() })
    let opened: Awaited<ReturnType<typeof openLedger>> | null = null
    try {
      other.sqlite.prepare('begin immediate').run()
      // A desk started while the other's save runs: nothing to upgrade, so nothing to wait for.
      opened = await openLedger(t.file, { keys: testKeys() })
      other.sqlite.prepare('commit').run()
      const saved = await registerVisit({ ...t.ctx, db: opened.db }, residentVisit(day.id))
      expect(saved.id).toBeGreaterThan(0)
    } finally {
      await opened?.close()
      await other.close()
    }
  })
})
