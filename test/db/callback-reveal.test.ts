import { signedOut } from '../../db/core/access'
import { describe, expect, it } from 'vitest'
import { assignIssue, recordCallback, resolveIssue } from '../../db/issues/actions'
import { handoverSheets } from '../../db/print/sheets'
import { revealForCallback } from '../../db/privacy/reveal'
import { getSettings, updateSettings } from '../../db/reference/reference'
import { acceptIssue, openDay } from '../support/desk'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { refused } from '../support/refusals'
import { actAs, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
seededEngineLedgerPerTest('2026-11-10 08:00:00', (s) => ({ t, f } = s))

async function resolvedIssue(): Promise<{ issueId: number; number: string }> {
  const day = await openDay(t, f, '2026-11-10')
  const { issueId, number } = await acceptIssue(t, f, day.id)
  await assignIssue(t.ctx, { issueId, departmentId: f.departments[1]!.id })
  t.clock.set('2026-11-12 10:00:00')
  await resolveIssue(t.ctx, { issueId, result: '已责令整改' })
  return { issueId, number }
}

describe('the number for a callback', () => {
  it('is given to the signed-in clerk making the callback, audited with the issue number and 回访, never the number', async () => {
    const { issueId, number } = await resolvedIssue()
    const r = await revealForCallback(t.ctx, { issueId })
    expect(r).toMatchObject({ field: 'phone', value: '13812345678' })
    const row = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ actor_id: f.desk.id, entity: 'visitor', entity_id: r.visitorId })
    expect(JSON.parse(row.detail)).toEqual({ field: 'phone', reason: '回访', issueNumber: number })
    expect(row.detail).not.toContain('13812345678')
  })

  it('is refused with nobody signed in, and for an issue not waiting for a callback, and nothing is written', async () => {
    const { issueId } = await resolvedIssue()
    t.ctx.actor = signedOut
    const before = await tableCounts(t)
    expect((await refused(revealForCallback(t.ctx, { issueId }))).code).toBe('forbidden')
    actAs(t, f.desk)
    await recordCallback(t.ctx, { issueId, method: 'phone', satisfaction: 'satisfied' })
    const after = await tableCounts(t)
    const e = await refused(revealForCallback(t.ctx, { issueId }))
    expect(e.message).toContain('当前不需要回访')
    expect(await tableCounts(t)).toEqual(after)
    expect(after.audit_log).toBeGreaterThan(before.audit_log ?? 0)
  })
})

describe('the handover sheet’s phone', () => {
  it('is masked by default and tells the section whom to ask for the number', async () => {
    const { issueId } = await resolvedIssue()
    expect((await getSettings(t.ctx.db)).handoverFullPhone).toBe(false)
    const [sheet] = await handoverSheets(t.ctx.db, { issueIds: [issueId] })
    expect(sheet).toMatchObject({ visitorPhone: '138****5678', replyPhone: null, firstContactName: '王晓丽' })
  })

  it('is printed in full only once a supervisor has set it, and the setting is audited with who set it', async () => {
    const { issueId } = await resolvedIssue()
    const e = await refused(updateSettings(t.ctx, { handoverFullPhone: true }))
    expect(e.message).toContain('负责人')
    actAs(t, f.leader)
    await updateSettings(t.ctx, { handoverFullPhone: true, officePhone: '0591-87650000' })
    const [sheet] = await handoverSheets(t.ctx.db, { issueIds: [issueId] })
    expect(sheet).toMatchObject({ visitorPhone: '138****5678', replyPhone: '13812345678', officePhone: '059187650000' })
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'settings')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(row.actor_id).toBe(f.leader.id)
    expect(JSON.parse(row.detail)).toMatchObject({ handover_full_phone: '1' })
  })
})
