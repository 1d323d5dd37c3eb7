import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../db/audit/verify'
import { systemActor } from '../../db/core/context'
import { openLedger } from '../../db/core/open'
import { decidePetition } from '../../db/issues/petition'
import { seedDefaults } from '../../db/reference/reference'
import { registerContact } from '../../db/visits/register'
import { tempDir } from '../support/temp-ledger'

// The 信访 records are vouched for like every other: a decision, a notice's delivery or a 转办件's
// reply changed with a plain SQLite tool, around the app, is found by check.

let dir: string
let file: string
beforeEach(async () => {
  dir = tempDir('petition-tamper-')
  file = path.join(dir, 'ledger.sqlite')
  const ledger = await openLedger(file)
  const ctx = { db: ledger.db, actor: { ...systemActor, name: '测试' }, now: () => new Date(2026, 8, 28, 10) }
  await seedDefaults(ctx)
  const v = await registerContact(ctx, {
    channel: 'letter',
    date: '2026-09-25',
    visitor: { name: '张桂芳', kind: 'resident' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: 1, content: '化工园区夜间异味', intake: { procedure: 'petition' } }],
  })
  await decidePetition(ctx, { issueId: v.matters[0]?.issueId ?? 0, decision: 'accept', delivery: { date: '2026-09-28', method: 'post' } })
  await ledger.close()
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function withSqlite<T>(work: (db: Database.Database) => T): T {
  const db = new Database(file)
  try {
    return work(db)
  } finally {
    db.close()
  }
}

function check() {
  const db = new Database(file, { readonly: true })
  try {
    return verifyAudit(db, file, [])
  } finally {
    db.close()
  }
}

describe('信访 records edited around the app', () => {
  it('are clean as the app wrote them', () => {
    expect(check()).toMatchObject({ ok: true, records: { changed: 0, deleted: 0, unaudited: 0 } })
  })

  it('are found when a decision and a delivery date are changed, and a review slipped in, with a plain SQLite tool', () => {
    const ids = withSqlite((db) => {
      const issue = Number(db.prepare('select issue_id from petitions limit 1').pluck().get())
      const notice = Number(db.prepare('select id from petition_notices limit 1').pluck().get())
      db.prepare("update petitions set decided_on = '2026-09-26' where issue_id = ?").run(issue)
      db.prepare("update petition_notices set delivered_on = '2026-10-01' where id = ?").run(notice)
      const review = Number(
        db
          .prepare(
            "insert into petition_reviews (issue_id, level, requested_on, created_at) values (?, 'review', '2026-10-20', '2026-10-20 09:00:00')",
          )
          .run(issue).lastInsertRowid,
      )
      return { issue, notice, review }
    })
    const r = check()
    expect(r.records).toMatchObject({ changed: 2, unaudited: 1 })
    expect(r.records.examples).toEqual(
      expect.arrayContaining([
        `信访事项 #${ids.issue}：改动未经审计`,
        `信访告知书 #${ids.notice}：改动未经审计`,
        `复查复核 #${ids.review}：不经本程序写入，没有审计记录`,
      ]),
    )
    expect(r.ok).toBe(false)
  })
})
