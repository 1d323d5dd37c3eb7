import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { openServerLedger } from '../../db/core/open-server'
import { chainHash, verifyAuditChain } from '../../db/core/audit'
import { LEDGER_WRITE_LOCK } from '../../db/core/write-lock'
import { registerVisit, type RegisterVisitInput } from '../../db/visits/register'
import { seedLocalities } from '../support/case-file'
import { residentVisit } from '../support/desk'
import { refused } from '../support/refusals'
import { serverDesks, type DeskWithDay } from '../support/server-desks'
import { tableCounts } from '../support/temp-ledger'

// A registration on a server takes the ledger's write lock late (db/core/write-lock.ts): its visit
// and matters go in first, and the lock comes before anything another desk could change. Each
// test holds the lock from another session so the registrations stop at it, then lets go, and
// looks at what the ledger kept.

const desks = serverDesks()
afterEach(() => desks.close())

type Desks = DeskWithDay

const deskWithDay = () => desks.deskWithDay()

/** Another desk PC on the same ledger: a connection of its own, the same clerk and clock. */
async function secondDesk(d: Desks): Promise<LedgerContext> {
  const ledger = desks.keep(await openServerLedger(d.t.file))
  return { db: ledger.db, actor: d.t.ctx.actor, now: d.t.ctx.now }
}

/** A session of another program holding the ledger's write lock until it commits or rolls back. */
async function holdWriteLock(d: Desks): Promise<pg.Client> {
  const holder = await desks.superuser(d)
  await holder.query('begin')
  await holder.query(`select pg_advisory_xact_lock(${LEDGER_WRITE_LOCK})`)
  return holder
}

/** Resolves once `n` sessions other than the holder wait for the write lock. */
async function waitingForLock(holder: pg.Client, n: number): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await holder.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and objid = $1 and not granted order by pid`,
      [LEDGER_WRITE_LOCK],
    )
    if (rows.length >= n) return rows.map((r) => r.pid)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`fewer than ${n} sessions came to wait for the write lock`)
}

/**
 * A registration started while another session holds the write lock, `change` made by that
 * session while it waits, then the lock let go: the refusal the registration ends in, every
 * table's count checked to be as before it.
 */
async function refusedAfter(d: Desks, input: RegisterVisitInput, change: (holder: pg.Client) => Promise<unknown>) {
  const before = await tableCounts(d.t)
  const holder = await holdWriteLock(d)
  const saving = refused(registerVisit(d.t.ctx, input))
  await waitingForLock(holder, 1)
  await change(holder)
  await holder.query('commit')
  const e = await saving
  expect(await tableCounts(d.t)).toEqual(before)
  return e
}

/** The issue a registration was told it saved, by its number. */
function issueNumbered(d: Desks, number: string | null | undefined) {
  return d.t.ctx.db
    .selectFrom('issues')
    .select(['due_date', 'source_id'])
    .where('number', '=', number ?? '')
    .executeTakeFirstOrThrow()
}

function enterpriseVisit(d: Desks, over: Partial<RegisterVisitInput> = {}): RegisterVisitInput {
  return residentVisit(d.sessionId, {
    visitor: { name: '钱文斌', phone: '13711112222', kind: 'enterprise' },
    organization: { name: '江南精细化工有限公司', creditCode: '91350100M000100Y43' },
    matters: [{ type: 'issue', categoryId: d.f.category('大气').id, content: '厂区东侧废气收集装置故障，夜间异味重', place: '东城园区' }],
    ...over,
  })
}

describe('a registration on a server', () => {
  it("writes a returning visitor's visit and matters before it waits for the write lock", async () => {
    const d = await deskWithDay()
    await registerVisit(d.t.ctx, residentVisit(d.sessionId))
    const holder = await holdWriteLock(d)
    const saving = registerVisit(d.t.ctx, residentVisit(d.sessionId))
    const [pid] = await waitingForLock(holder, 1)
    const { rows } = await holder.query<{ relname: string }>(
      `select c.relname from pg_locks l join pg_class c on c.oid = l.relation
        where l.pid = $1 and l.mode = 'RowExclusiveLock' and c.relname in ('visits', 'matters', 'issues', 'audit_log') order by c.relname`,
      [pid],
    )
    expect(rows.map((r) => r.relname)).toEqual(['matters', 'visits'])
    await holder.query('rollback')
    const saved = await saving
    expect(saved.matters).toHaveLength(1)
  })

  it('is refused, nothing written, when another desk ended the day while it waited for the lock', async () => {
    const d = await deskWithDay()
    const before = await tableCounts(d.t)
    const holder = await holdWriteLock(d)
    const saving = refused(registerVisit(d.t.ctx, residentVisit(d.sessionId)))
    await waitingForLock(holder, 1)
    await holder.query(`update sessions set status = 'closed' where id = $1`, [d.sessionId])
    await holder.query('commit')
    const e = await saving
    expect(e.code).toBe('session_not_open')
    expect(e.message).toContain('已结束，不能登记来访')
    expect({ ...(await tableCounts(d.t)), sessions: before.sessions }).toEqual(before)
  })

  it('makes one enterprise and one visitor of a new enterprise registered at two desks at once', async () => {
    const d = await deskWithDay()
    const other = await secondDesk(d)
    const holder = await holdWriteLock(d)
    const first = registerVisit(d.t.ctx, enterpriseVisit(d))
    const second = registerVisit(other, enterpriseVisit(d))
    await waitingForLock(holder, 2)
    await holder.query('rollback')
    const [a, b] = await Promise.all([first, second])
    expect(a.organizationId).not.toBeNull()
    expect(b.organizationId).toBe(a.organizationId)
    expect(b.visitorId).toBe(a.visitorId)
    const orgs = await d.t.ctx.db.selectFrom('organizations').select('id').where('credit_code', '=', '91350100M000100Y43').execute()
    expect(orgs).toHaveLength(1)
    const people = await d.t.ctx.db.selectFrom('visitors').select('id').where('phone', '=', '13711112222').execute()
    expect(people).toHaveLength(1)
    expect([a, b].flatMap((v) => v.matters.map((m) => m.issueNumber)).sort()).toEqual(['JD-2026-11-0001', 'JD-2026-11-0002'])
  })

  it('saves one visit for one submission arriving over two connections at once, and answers both with it', async () => {
    const d = await deskWithDay()
    const other = await secondDesk(d)
    const before = await tableCounts(d.t)
    const holder = await holdWriteLock(d)
    const input = residentVisit(d.sessionId, { submissionToken: 'form-7f3a9c21' })
    const first = registerVisit(d.t.ctx, input)
    await waitingForLock(holder, 1)
    // The second waits on the first's submission in the unique index, not on the lock.
    const second = registerVisit(other, input)
    await new Promise((resolve) => setTimeout(resolve, 200))
    await holder.query('rollback')
    const [a, b] = await Promise.all([first, second])
    expect(b.id).toBe(a.id)
    const after = await tableCounts(d.t)
    expect(after.visits).toBe((before.visits ?? 0) + 1)
    expect(after.matters).toBe((before.matters ?? 0) + 1)
  })

  it('is refused, nothing written, when another desk merged its visitor into another while it waited for the lock', async () => {
    const d = await deskWithDay()
    const first = await registerVisit(d.t.ctx, residentVisit(d.sessionId))
    const other = await registerVisit(
      d.t.ctx,
      residentVisit(d.sessionId, { visitor: { name: '张桂芳', phone: '13812340000', kind: 'resident' } }),
    )
    const e = await refusedAfter(d, residentVisit(d.sessionId), (holder) =>
      holder.query('update visitors set merged_into_id = $1 where id = $2', [other.visitorId, first.visitorId]),
    )
    expect(e.code).toBe('stale_record')
    expect(e.message).toContain('来访人刚被其他窗口合并到另一条记录，本次登记未保存')
  })

  it('is refused, nothing written, when another desk merged its enterprise away while a new visitor of it waited for the lock', async () => {
    const d = await deskWithDay()
    const first = await registerVisit(d.t.ctx, enterpriseVisit(d))
    const other = await registerVisit(
      d.t.ctx,
      enterpriseVisit(d, {
        visitor: { name: '孙建华', phone: '13922223333', kind: 'enterprise' },
        organization: { name: '东城再生资源有限公司', creditCode: '91350100M000200Y1H' },
      }),
    )
    // The enterprise is found before the lock; the visitor is new, so looking for it again is what waits.
    const newcomer = enterpriseVisit(d, { visitor: { name: '周海燕', phone: '13655556666', kind: 'enterprise' } })
    const e = await refusedAfter(d, newcomer, (holder) =>
      holder.query('update organizations set merged_into_id = $1 where id = $2', [other.organizationId, first.organizationId]),
    )
    expect(e.code).toBe('stale_record')
    expect(e.message).toContain('企业刚被其他窗口合并到另一条记录，本次登记未保存')
  })

  it('puts the clerk back on the day’s 值班人员 when another desk took them off it while it waited for the lock', async () => {
    const d = await deskWithDay()
    await registerVisit(d.t.ctx, residentVisit(d.sessionId))
    const onDuty = () =>
      d.t.ctx.db
        .selectFrom('session_staff')
        .select('staff_id')
        .where('session_id', '=', d.sessionId)
        .where('staff_id', '=', d.t.ctx.actor.id ?? 0)
        .execute()
    expect(await onDuty()).toHaveLength(1)
    const holder = await holdWriteLock(d)
    const saving = registerVisit(d.t.ctx, residentVisit(d.sessionId))
    await waitingForLock(holder, 1)
    await holder.query('delete from session_staff where session_id = $1 and staff_id = $2', [d.sessionId, d.t.ctx.actor.id])
    await holder.query('commit')
    await saving
    expect(await onDuty()).toHaveLength(1)
  })

  it('chains its audit row to the one another desk appended while it waited for the lock', async () => {
    const d = await deskWithDay()
    await registerVisit(d.t.ctx, residentVisit(d.sessionId))
    const holder = await holdWriteLock(d)
    const saving = registerVisit(d.t.ctx, residentVisit(d.sessionId))
    await waitingForLock(holder, 1)
    const { rows } = await holder.query<{ hash: string }>('select hash from audit_log order by id desc limit 1')
    const prev = rows[0]?.hash ?? ''
    const row = {
      at: '2026-11-10 09:00:01',
      actor_id: null,
      actor_name: '系统',
      action: 'note',
      entity: 'ledger',
      entity_id: null,
      detail: '{}',
    }
    await holder.query(
      `insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.at, row.actor_id, row.actor_name, row.action, row.entity, row.entity_id, row.detail, prev, chainHash(prev, row)],
    )
    await holder.query('commit')
    await saving
    const chain = await verifyAuditChain(d.t.ctx.db)
    expect(chain.brokenAt).toBeNull()
    const [last, before] = await d.t.ctx.db.selectFrom('audit_log').select(['action', 'prev_hash']).orderBy('id', 'desc').limit(2).execute()
    expect(before?.action).toBe('note')
    expect(last?.action).toBe('register')
  })

  it('counts its deadline with a holiday another desk saved while it waited for the lock', async () => {
    const d = await deskWithDay()
    const input = enterpriseVisit(d)
    const dueOf = async (number: string | null | undefined) => (await issueNumbered(d, number)).due_date
    const plain = await registerVisit(d.t.ctx, input)
    const holder = await holdWriteLock(d)
    const saving = registerVisit(d.t.ctx, input)
    await waitingForLock(holder, 1)
    await holder.query(
      `insert into holiday_overrides (date, kind, name, created_at) values ('2026-11-12', 'holiday', '临时调休', '2026-11-10 09:00:00')`,
    )
    await holder.query('commit')
    const saved = await saving
    const withoutHoliday = await dueOf(plain.matters[0]?.issueNumber)
    const withHoliday = await dueOf(saved.matters[0]?.issueNumber)
    expect(withoutHoliday).not.toBeNull()
    expect(String(withHoliday) > String(withoutHoliday)).toBe(true)
  })

  it('is refused, nothing written, when the clerk was deactivated while it waited for the lock', async () => {
    const d = await deskWithDay()
    await registerVisit(d.t.ctx, residentVisit(d.sessionId))
    const e = await refusedAfter(d, residentVisit(d.sessionId), (holder) =>
      holder.query('update staff set active = 0 where id = $1', [d.t.ctx.actor.id]),
    )
    expect(e.code).toBe('forbidden')
    expect(e.message).toContain('已停用，不能再以其名义修改台账')
  })

  it('is refused, nothing written, when the issue’s 属地 was taken out of use while it waited for the lock', async () => {
    const d = await deskWithDay()
    const [town] = await seedLocalities(d.t)
    const input = enterpriseVisit(d)
    const withTown = { ...input, matters: input.matters.map((m) => ({ ...m, localityId: town?.id ?? 0 })) }
    await registerVisit(d.t.ctx, withTown)
    const e = await refusedAfter(d, withTown, (holder) => holder.query('update localities set active = 0 where id = $1', [town?.id]))
    expect(e.message).toBe('属地“城关镇”已停用，请选择其他属地')
  })

  it('files its issue under the 来源 in use under the lock when the one it was about to take went out of use meanwhile', async () => {
    const d = await deskWithDay()
    const first = await registerVisit(d.t.ctx, enterpriseVisit(d))
    const sourceOf = async (number: string | null | undefined) => (await issueNumbered(d, number)).source_id
    const deskSource = await sourceOf(first.matters[0]?.issueNumber)
    const holder = await holdWriteLock(d)
    const saving = registerVisit(d.t.ctx, enterpriseVisit(d))
    await waitingForLock(holder, 1)
    const { rows } = await holder.query<{ id: number }>(
      `insert into issue_sources (name, kind, active, sort_order, created_at) values ('窗口来访（新）', 'desk', 1, 99, '2026-11-10 09:00:00') returning id`,
    )
    await holder.query('update issue_sources set active = 0 where id = $1', [deskSource])
    await holder.query('commit')
    const saved = await saving
    expect(await sourceOf(saved.matters[0]?.issueNumber)).toBe(rows[0]?.id)
  })

  it('makes 18 statements, nine under the write lock with the commit, for a returning visitor with one issue, its number read with the rechecks', async () => {
    const d = await deskWithDay()
    await registerVisit(d.t.ctx, enterpriseVisit(d))
    // A spy on the client the ledger's pool hands out: every statement still goes to the server.
    const sent = vi.spyOn(pg.Client.prototype, 'query')
    let texts: string[] = []
    try {
      await registerVisit(d.t.ctx, enterpriseVisit(d))
      texts = sent.mock.calls.map((args) => {
        const q: unknown = args[0]
        return typeof q === 'string' ? q : typeof q === 'object' && q !== null && 'text' in q ? String(q.text) : ''
      })
    } finally {
      sent.mockRestore()
    }
    const locked = texts.findIndex((text) => text.includes('pg_advisory_xact_lock'))
    const committed = texts.indexOf('commit')
    expect(locked).toBeGreaterThan(0)
    expect(committed - locked + 1).toBe(9)
    // After the commit, the saved visit for the screen: the visit and its matters (no corrections to count yet).
    expect(texts.length - committed - 1).toBe(2)
    // With `begin` and the reads and the visit's own rows before the lock: 18 in all.
    expect(texts).toHaveLength(18)
    // The month's last number comes in the statement after the lock's, with what is read again, not in one of its own.
    expect(texts.findIndex((text) => text.includes('max("seq")'))).toBe(locked + 1)
  })
})
