import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLineTestKeys } from '../support/keys'
import { generateDemoMonth } from '../../tools/demo'
import { systemActor } from '../../db/core/context'
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
    const reference = await openLedger(tempFile(), { keys: commandLineTestKeys })
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
    const l = await openLedger(file, { keys: commandLineTestKeys })
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

  it('prints usage and exits 0 for --help, for help <command> and for <command> --help', { timeout: 90_000 }, async () => {
    const commands = [
      'demo',
      'summary',
      'check',
      'export',
      'backup',
      'restore',
      'import',
      'import-inspect',
      'import-batches',
      'import-undo',
      'migrate-to-pg',
      'export-local',
      'files-to-pg',
    ]
    const all = await ledgerCli('--help')
    expect(all.code).toBe(0)
    for (const command of commands) expect(all.stdout).toContain(`  ${command} `)
    const asked = [...commands.map((c) => [c, '--help']), ['help', 'import'], ['import', '-h']]
    const answers = await Promise.all(asked.map((args) => ledgerCli(...args)))
    for (const [i, one] of answers.entries()) {
      const args = asked[i] ?? []
      const command = args[0] === 'help' ? args[1] : args[0]
      expect(one.code, args.join(' ')).toBe(0)
      expect(one.stdout, args.join(' ')).toMatch(new RegExp(`^用法：npm run ledger -- ${command} `))
      expect(one.stderr).toBe('')
    }
    expect(answers[commands.indexOf('import')]?.stdout).toMatch(/--dry-run/)
    const unknown = await ledgerCli('frob', '--help')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/未知命令：frob/)
  })

  it('explains after a demo how its people sign in: supervisors choose their own PIN', async () => {
    const made = await ledgerCli('demo', '--db', tempFile(), '--month', '2026-05')
    expect(made.code).toBe(0)
    expect(made.stdout).toMatch(/负责人（李建国、陈红梅）尚未设置 PIN：第一位.*选择本人的负责人，须先设置本人的 PIN/)
    expect(made.stdout).toMatch(/其他负责人须由已登录的负责人.*设置初始 PIN，本人首次登录时再改为自己的 PIN/)
    expect(made.stdout).toMatch(/10 分钟未操作会自动退出登录/)
  })
})
