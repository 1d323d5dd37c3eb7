import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAttachment, storeOfLedger } from '../../db/attachments/attachments'
import { ledgerVersion, openLedger } from '../../db/core/open'
import { migrations } from '../../db/migrations'
import { checkLedger } from '../../tools/cli/check'
import { TINY_PNG } from '../support/attachments'
import { registerComplaint } from '../support/case-file'
import { openDay } from '../support/desk'
import { ledgerAtMigration, migrationBefore } from '../support/ledger-at-migration'
import { seedFixture, TestClock, type TestLedger } from '../support/temp-ledger'
import { systemActor } from '../../db/core/context'

const THIS = '0014_attachments'
const names = Object.keys(migrations).sort()
const previous = migrationBefore(THIS)
const VERSIONED = ['sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'appointments']

describe('upgrading a ledger to the attachments version (0014)', () => {
  it('keeps the issues the previous version held, adds an empty attachments table, and takes files afterwards', async () => {
    expect(previous).toBe('0012_session_rules')
    const clock = new TestClock('2026-11-10 08:00:00')
    const { ledger: old, file, dir } = await ledgerAtMigration(previous, { now: clock.peek })
    const t: TestLedger = {
      ledger: old,
      ctx: { db: old.db, actor: { ...systemActor, name: '测试' }, now: clock.now },
      clock,
      file,
      dir,
      close: () => old.close(),
    }
    // Today's desk code also keeps the last-visit dates and the record versions later versions
    // added (0016, 0017): they are there for the seed only, then dropped, so the file is as the
    // previous version left it.
    old.sqlite.exec('alter table visitors add column last_visit_date text; alter table organizations add column last_visit_date text')
    // The versions stay at 1, as 0017 will give them, so the records keep matching their digests.
    for (const table of VERSIONED) {
      old.sqlite.exec(`alter table ${table} add column version integer not null default 1;
        create trigger seed_version_${table} after update of version on ${table} begin update ${table} set version = 1 where rowid = new.rowid; end`)
    }
    const f = await seedFixture(t)
    const day = await openDay(t, f, '2026-11-10')
    const { issueId, number } = await registerComplaint(t, f, day.id)
    old.sqlite.exec('alter table visitors drop column last_visit_date; alter table organizations drop column last_visit_date')
    for (const table of VERSIONED) old.sqlite.exec(`drop trigger seed_version_${table}; alter table ${table} drop column version`)
    const issuesBefore = old.sqlite.prepare('select * from issues order by id').all()
    await old.close()

    const upgraded = await openLedger(file, { now: clock.peek })
    try {
      // Through this version to the latest (a later one may have landed on top).
      expect(names.indexOf(ledgerVersion(upgraded.sqlite))).toBeGreaterThanOrEqual(names.indexOf(THIS))
      // As they were, with the version 0017 gives every record.
      expect(upgraded.sqlite.prepare('select * from issues order by id').all()).toEqual(
        issuesBefore.map((r) => Object.assign({}, r, { version: 1 })),
      )
      expect(upgraded.sqlite.prepare('select count(*) from issue_attachments').pluck().get()).toBe(0)
      // The copy taken before the upgrade has no files folder to bring (the old ledger had no files).
      expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.endsWith('-pre-migration.sqlite'))).toBe(true)
      const ctx = { db: upgraded.db, actor: t.ctx.actor, now: clock.now }
      const a = await addAttachment(ctx, storeOfLedger(upgraded), {
        issueId,
        kind: 'site_photo',
        fileName: `${number}.png`,
        bytes: TINY_PNG,
      })
      expect(a.issueId).toBe(issueId)
      expect((await checkLedger(upgraded)).ok).toBe(true)
    } finally {
      await upgraded.close()
    }
  })
})
