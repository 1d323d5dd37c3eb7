import { describe, expect, it } from 'vitest'
import { judgeAnchor, type FoundAnchor, type Restore } from '../../db/audit/verify'

// A restore in the same second as the last write it replaced: the pre-restore copy's manifest
// names a head (id 12) beyond the fork (10) whose time equals the restore row's, while this log's
// row 12 is of the history after the restore.
const RESTORE: Restore = { at: '2026-11-20 10:00:05', forkId: 10 }
const LOG = new Map([
  [11, 'aaaa11restore'],
  [12, 'bbbb12after'],
])
const hashOf = (id: number) => LOG.get(id)
const anchor = (id: number, hash: string, at: string): FoundAnchor => ({ source: '备份清单', anchor: { ledgerId: 'L1', id, hash, at } })

describe('a chain head recorded outside the ledger, around a restore', () => {
  it('sets aside a head of the replaced history written in the restore’s own second', () => {
    expect(judgeAnchor(anchor(12, 'ffff12replaced', RESTORE.at), 'L1', [RESTORE], hashOf)).toBeNull()
  })

  it('sets aside a head of the replaced history written before the restore', () => {
    expect(judgeAnchor(anchor(12, 'ffff12replaced', '2026-11-20 10:00:04'), 'L1', [RESTORE], hashOf)).toBeNull()
  })

  it('matches a head of the history after the restore written in that same second', () => {
    expect(judgeAnchor(anchor(12, 'bbbb12', RESTORE.at), 'L1', [RESTORE], hashOf)).toMatchObject({ result: 'match' })
  })

  it('still reports a head taken after the restore that this log does not hold', () => {
    expect(judgeAnchor(anchor(12, 'ffff12', '2026-11-20 10:00:06'), 'L1', [RESTORE], hashOf)).toMatchObject({ result: 'differs' })
  })

  it('still reports a head at or before the fork that this log does not hold, whatever its time', () => {
    expect(judgeAnchor(anchor(10, 'ffff10', RESTORE.at), 'L1', [RESTORE], () => 'eeee10')).toMatchObject({ result: 'differs' })
  })
})
