import path from 'node:path'
import { systemActor } from '../../db/core/context'
import fs from 'node:fs'
import { sql, type Kysely, type Migration } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { LedgerError } from '../../db/core/errors'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { latestMigration, migrations } from '../../db/migrations'
import { seedDefaults } from '../../db/reference/reference'
import { registerVisit } from '../../db/visits/register'
import { openSession, planSession } from '../../db/sessions/sessions'
import { verifyAudit } from '../../db/audit/verify'
import { field } from '../support/dispatch'
import { tempDir } from '../support/temp-ledger'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
function file(): string {
  const d = tempDir()
  dirs.push(d)
  return path.join(d, 'ledger.sqlite')
}

// Stands in for the next version's migration: additive, and it must keep every existing row.
const nextVersion: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('visits').addColumn('appointment_ref', 'text').execute()
    await sql`update visits set appointment_ref = 'walk-in'`.execute(db)
  },
}
const withNext = { ...migrations, '9999_next_version': nextVersion }

const ctxFor = (db: Awaited<ReturnType<typeof openLedger>>['db']) => ({
  db,
  actor: { ...systemActor, name: '测试' },
  now: () => new Date(),
})

describe('migrations', () => {
  it('brings a new file to the latest version with every table in place', async () => {
    const f = file()
    const ledger = await openLedger(f)
    expect(ledgerVersion(ledger.sqlite)).toBe(latestMigration)
    const tables = ledger.sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all()
    for (const t of [
      'sessions',
      'visits',
      'matters',
      'issues',
      'issue_history',
      'progress_notes',
      'extensions',
      'callbacks',
      'audit_log',
      'holiday_overrides',
    ]) {
      expect(tables).toContain(t)
    }
    expect(ledger.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(ledger.sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(ledger.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    await ledger.close()
  })

  it('migrates a ledger from the previous version and keeps its rows', async () => {
    const f = file()
    const old = await openLedger(f)
    const ctx = ctxFor(old.db)
    await seedDefaults(ctx)
    const today = new Date().toISOString().slice(0, 10)
    const s = await planSession(ctx, { date: today, kind: 'public', location: '接待室' })
    await openSession(ctx, s.id)
    await registerVisit(ctx, {
      sessionId: s.id,
      visitor: { name: '张三', kind: 'resident' },
      headcount: 2,
      matters: [{ type: 'issue', categoryId: 1, content: '烟囱冒黑烟' }],
    })
    const auditBefore = old.sqlite.prepare('select count(*) as n from audit_log').get()
    await old.close()

    const upgraded = await openLedger(f, { migrations: withNext })
    expect(ledgerVersion(upgraded.sqlite)).toBe('9999_next_version')
    expect(upgraded.sqlite.prepare('select headcount, appointment_ref from visits').all()).toEqual([
      { headcount: 2, appointment_ref: 'walk-in' },
    ])
    expect(upgraded.sqlite.prepare('select number, status from issues').all()).toEqual([
      { number: `JD-${today.slice(0, 7)}-0001`, status: 'accepted' },
    ])
    expect(upgraded.sqlite.prepare('select count(*) as n from audit_log').get()).toEqual(auditBefore)
    await upgraded.close()
  })

  it('leaves the ledger at its old version when a migration fails halfway', async () => {
    const f = file()
    await (await openLedger(f)).close()
    const broken: Migration = {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('half_built').addColumn('id', 'integer').execute()
        throw new Error('磁盘空间不足。')
      },
    }
    const e = await openLedger(f, { migrations: { ...migrations, '9999_broken': broken } }).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LedgerError)
    expect(e instanceof LedgerError && e.message).toMatch(/台账升级失败.*9999_broken.*原版本/)
    // The cause's own full stop, not a second one after it.
    expect(e instanceof LedgerError && e.message).toContain('磁盘空间不足。台账保持原版本未改动。')
    const again = await openLedger(f)
    expect(ledgerVersion(again.sqlite)).toBe(latestMigration)
    expect(again.sqlite.prepare("select name from sqlite_master where name = 'half_built'").all()).toEqual([])
    await again.close()
  })

  it('refuses an upgrade to a data version it does not know, on a file that is up to date too', async () => {
    const f = file()
    await (await openLedger(f)).close()
    const e = await openLedger(f, { migrateTo: '9999_unknown' }).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LedgerError)
    expect(e instanceof LedgerError && e.message).toMatch(/没有名为 9999_unknown 的数据版本/)
  })

  it('refuses a ledger written by a newer version and leaves the file untouched', async () => {
    const f = file()
    await (await openLedger(f, { migrations: withNext })).close()
    const before = fs.readFileSync(f)
    const e = await openLedger(f).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LedgerError)
    expect(e instanceof LedgerError && e.code).toBe('ledger_too_new')
    expect(e instanceof LedgerError && e.message).toMatch(/更新版本.*请先升级软件/)
    expect(fs.readFileSync(f).equals(before)).toBe(true)
  })

  it('upgrades a ledger with records past 0007: gives it its own id and vouches for every record in one baseline audit row', async () => {
    const f = file()
    const old = await openLedger(f, { migrateTo: '0005_appointments' })
    await seedDefaults(ctxFor(old.db))
    // A visit as the version before wrote it, straight into its tables (today's code writes columns it lacks).
    const at = '2026-11-10 09:00:00'
    old.sqlite.exec(`
      insert into visitors (id, name, kind, phone, created_at, updated_at) values (1, '张三', 'resident', '13912345678', '${at}', '${at}');
      insert into visits (id, visitor_id, headcount, visit_date, arrived_at, channel, created_at)
        values (1, 1, 1, '2026-11-10', '${at}', 'desk', '${at}');
      insert into matters (id, visit_id, type, category_id, content, answer, created_at)
        values (1, 1, 'consultation', 1, '排污许可证如何延续', '已告知', '${at}');
    `)
    const before = old.sqlite.prepare('select (select count(*) from visits) as visits, (select count(*) from audit_log) as audit').get()
    await old.close()

    const upgraded = await openLedger(f)
    expect(ledgerVersion(upgraded.sqlite)).toBe(latestMigration)
    expect(upgraded.sqlite.prepare('select count(*) as visits from visits').get()).toMatchObject({ visits: 1 })
    const identity = upgraded.sqlite.prepare('select id, state_from_audit_id from ledger_identity').all()
    expect(identity).toEqual([{ id: expect.stringMatching(/^[a-z]{10}$/), state_from_audit_id: Number(field(before, 'audit')) }])
    const baseline = upgraded.sqlite.prepare("select id, actor_name, detail from audit_log where action = 'state_baseline'").all()
    expect(baseline).toHaveLength(1)
    const records = upgraded.sqlite.prepare('select count(*) from audit_state where audit_id = ?').pluck().get(field(baseline[0], 'id'))
    expect(JSON.parse(String(field(baseline[0], 'detail')))).toEqual({ records })
    expect(Number(records)).toBeGreaterThan(10)
    expect(verifyAudit(upgraded.sqlite, f)).toMatchObject({ ok: true, records: { changed: 0, unaudited: 0, deleted: 0 } })
    await upgraded.close()
    // Opened again: no second baseline.
    const again = await openLedger(f)
    expect(again.sqlite.prepare("select count(*) from audit_log where action = 'state_baseline'").pluck().get()).toBe(1)
    await again.close()
  })
})
