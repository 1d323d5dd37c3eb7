import fs from 'node:fs'
import { systemActor } from '../../db/core/context'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { generateDemoMonth } from '../../tools/demo'
import { openLedger } from '../../db/core/open'
import { ledgerCli } from '../support/cli'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function tempFile(): string {
  const d = tempDir('ledger-cli-')
  dirs.push(d)
  return path.join(d, 'ledger.sqlite')
}

describe('ledger command line', () => {
  it('fills a demo month whose summary --json gives the figures the demo planned', async () => {
    // The plan is counted as the demo writes records; the summary is aggregated by SQL afterwards.
    const reference = await openLedger(tempFile())
    const plan = await generateDemoMonth({ db: reference.db, actor: { ...systemActor, name: 'x' }, now: () => new Date() }, '2026-09')
    await reference.close()

    const file = tempFile()
    expect((await ledgerCli('demo', '--db', file, '--month', '2026-09')).code).toBe(0)
    const out = await ledgerCli('summary', '--db', file, '--month', '2026-09', '--json')
    expect(out.code).toBe(0)
    const s: unknown = JSON.parse(out.stdout)
    const n = plan.issuesByStatus
    const accepted = n.accepted + n.assigned + n.in_progress + n.resolved + n.closed + n.reopened + n.transferred
    const resolved = n.resolved + n.closed
    const callbacks = plan.callbacks.satisfied + plan.callbacks.basically_satisfied + plan.callbacks.unsatisfied
    expect(s).toMatchObject({
      sessions: 2,
      enterprises: plan.enterprises,
      personTimes: plan.personTimes,
      consultations: plan.consultations,
      issuesAccepted: accepted,
      issuesResolved: resolved,
      issuesClosed: n.closed,
      resolutionRate: Math.round((resolved / (accepted - n.transferred)) * 1000) / 10,
      onTimeRate: Math.round((plan.resolvedOnTime / resolved) * 1000) / 10,
      callbacks,
      satisfactionRate: Math.round(((plan.callbacks.satisfied + plan.callbacks.basically_satisfied) / callbacks) * 1000) / 10,
    })
    expect(s).toHaveProperty('byCategory')
    expect(plan.visits).toBeGreaterThan(10)
    expect(Object.values(n).every((count) => count > 0)).toBe(true)
  })

  it('passes check on a healthy ledger and fails it when the audit chain was edited', async () => {
    const file = tempFile()
    await ledgerCli('demo', '--db', file, '--month', '2026-08')
    const ok = await ledgerCli('check', '--db', file)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/完整性检查：通过[\s\S]*检索索引：与记录一致[\s\S]*结论：台账正常/)

    // Tampering bypasses the app: drop the guard trigger and rewrite a row, as an editor could.
    const l = await openLedger(file)
    l.sqlite.exec("drop trigger audit_log_no_update; update audit_log set actor_name = '他人' where id = 5")
    await l.close()
    const bad = await ledgerCli('check', '--db', file)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/第 5 条起被篡改/)
  })

  it('explains a missing file, a bad month and an unknown option without a stack trace', async () => {
    const missing = await ledgerCli('summary', '--db', '/nonexistent/ledger.sqlite', '--month', '2026-09')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/台账文件不存在/)
    const file = tempFile()
    await ledgerCli('demo', '--db', file, '--month', '2026-07')
    const badMonth = await ledgerCli('summary', '--db', file, '--month', '2026-7')
    expect(badMonth.code).toBe(2)
    expect(badMonth.stderr).toMatch(/月份格式应为 YYYY-MM/)
    const unknown = await ledgerCli('summary', '--frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/参数有误/)
    for (const r of [missing, badMonth, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses to write demo data over a month that already has sessions', async () => {
    const file = tempFile()
    await ledgerCli('demo', '--db', file, '--month', '2026-06')
    const again = await ledgerCli('demo', '--db', file, '--month', '2026-06')
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/已有接待日记录/)
  })
})
