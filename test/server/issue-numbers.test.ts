import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import dayjs from 'dayjs'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../db/core/audit'
import type { Ledger } from '../../db/core/open'
import { openDay } from '../support/desk'
import { openServerTestLedger } from '../support/engine-ledger'
import { seedFixture, type TestLedger } from '../support/temp-ledger'

// Eight desks registering at once on one server ledger: each a process of its own with its own
// connection, as eight PCs at the front desk would be. The month's issue numbers must come out
// unique and without a gap, and every number a desk was told about must be in the ledger.

const execFileAsync = promisify(execFile)
const DESKS = 8
const EACH = 200

let t: TestLedger<Ledger> | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

describe('issue numbers with several desks on one server ledger', () => {
  it(
    'gives 8 desks × 200 registrations 1,600 issues numbered 0001–1600 without a duplicate or a gap, every acknowledged one stored',
    { timeout: 300_000 },
    async () => {
      t = await openServerTestLedger(`${dayjs().format('YYYY-MM-DD')} 08:00:00`)
      const f = await seedFixture(t)
      // Today's date, so the workers' real clocks agree with the session's.
      const date = dayjs().format('YYYY-MM-DD')
      const day = await openDay(t, f, date)
      const worker = path.join(import.meta.dirname, '../support/register-worker.ts')
      const url = t.file
      const category = String(f.category('水').id)
      const outputs = await Promise.all(
        Array.from({ length: DESKS }, () =>
          execFileAsync(process.execPath, ['--import', 'tsx', worker, url, String(day.id), String(EACH), category], {
            maxBuffer: 16 * 1024 * 1024,
          }),
        ),
      )
      const acked = outputs.flatMap((o) =>
        o.stdout
          .split('\n')
          .filter((l) => l.startsWith('ack '))
          .map((l) => l.slice(4)),
      )
      const ym = date.slice(0, 7)
      const expected = Array.from({ length: DESKS * EACH }, (_, i) => `JD-${ym}-${String(i + 1).padStart(4, '0')}`)
      expect(acked).toHaveLength(DESKS * EACH)
      expect(new Set(acked).size).toBe(DESKS * EACH)
      expect([...acked].sort()).toEqual(expected)
      const stored = await t.ledger.db.selectFrom('issues').select(['number', 'seq']).orderBy('seq').execute()
      expect(stored.map((r) => r.number)).toEqual(expected)
      expect(stored.map((r) => r.seq)).toEqual(expected.map((_, i) => i + 1))
      // One writer at a time: the audit chain is one line, not forked by desks appending at once.
      const chain = await verifyAuditChain(t.ledger.db)
      expect(chain.brokenAt).toBeNull()
      expect(chain.rows).toBeGreaterThanOrEqual(DESKS * EACH)
    },
  )
})
