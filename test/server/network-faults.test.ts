import type pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerContext } from '../../db/core/context'
import { openServerLedger, type ServerLedger, type ServerOpenOptions } from '../../db/core/open-server'
import { LEDGER_WRITE_LOCK } from '../../db/core/server-dialect'
import { registerVisit } from '../../db/visits/register'
import { residentVisit } from '../support/desk'
import { startNetworkLink, startSilentHost, type NetworkLink } from '../support/network-link'
import { refused } from '../support/refusals'
import { serverDesks, type DeskWithDay } from '../support/server-desks'
import { tableCounts } from '../support/temp-ledger'

// The network or the server failing under a save: the desk is told in Chinese, the server keeps
// nothing of the save (its transaction rolled back), and the next save, once the line is back,
// works on the same ledger without restarting the app. The desk reaches the server through a
// relay the test can cut (support/network-link.ts), or the server ends its session.

const desks = serverDesks()
let link: NetworkLink | undefined
/** The second desk's ledger, reaching the server through the link. */
let overLink: ServerLedger | undefined
afterEach(async () => {
  await desks.close()
  await link?.close()
  link = undefined
  overLink = undefined
})

type Desk = DeskWithDay

const deskWithDay = () => desks.deskWithDay()

/** A second desk on the same ledger, connected through a line the test can cut. */
async function deskOverLink(d: Desk, options: ServerOpenOptions = {}): Promise<LedgerContext> {
  const url = new URL(d.t.file)
  link = await startNetworkLink(Number(url.port))
  url.port = String(link.port)
  const ledger = desks.keep(await openServerLedger(url.toString(), options))
  overLink = ledger
  return { db: ledger.db, actor: d.t.ctx.actor, now: d.t.ctx.now }
}

function issueVisit(d: Desk) {
  return residentVisit(d.sessionId, {
    visitor: { name: '周建平', phone: '13912345678', kind: 'resident' },
    matters: [{ type: 'issue', categoryId: d.f.category('水').id, content: '河道夜间有异味，疑似偷排', place: '西岭村' }],
  })
}

/**
 * Holds the reception day's row FOR UPDATE from another session, so a registration stops when
 * it inserts its visit (the foreign key's check waits for the row): by then it has begun, taken
 * the write lock and written the visitor. Resolves once the desk's session is seen waiting.
 */
async function holdTheDay(d: Desk): Promise<pg.Client> {
  const blocker = await desks.superuser(d)
  await blocker.query('begin')
  await blocker.query('select id from sessions where id = $1 for update', [d.sessionId])
  return blocker
}

async function deskWaiting(blocker: pg.Client): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await blocker.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'",
    )
    if (rows[0] !== undefined) return rows[0].pid
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the registration never reached the held row')
}

describe('a save when the network or the server fails', () => {
  it('tells the desk the connection was lost when the line drops mid-save, keeps nothing of it, and saves on the retry', async () => {
    const d = await deskWithDay()
    const ctx = await deskOverLink(d)
    const before = await tableCounts(d.t)
    const blocker = await holdTheDay(d)
    const saving = registerVisit(ctx, issueVisit(d))
    await deskWaiting(blocker)
    await link?.cut()
    const e = await refused(saving)
    await blocker.query('rollback')
    expect(e.code).toBe('connection_lost')
    expect(e.message).toMatch(
      /^与台账服务器（127\.0\.0\.1:\d+）的连接中断，本次保存未完成，台账未作改动；已填写的内容仍保留，请检查网络后重试。$/,
    )
    expect(await tableCounts(d.t)).toEqual(before)
    await link?.restore()
    const saved = await registerVisit(ctx, issueVisit(d))
    // The failed save took no number: the retry has the month's first, without a gap.
    expect(saved.matters.map((m) => m.issueNumber)).toEqual(['JD-2026-11-0001'])
  })

  it('tells the desk the connection was lost when the server ends its session mid-save, keeps nothing, and the same ledger saves next', async () => {
    const d = await deskWithDay()
    const before = await tableCounts(d.t)
    const blocker = await holdTheDay(d)
    const saving = registerVisit(d.t.ctx, issueVisit(d))
    const pid = await deskWaiting(blocker)
    await blocker.query('select pg_terminate_backend($1)', [pid])
    const e = await refused(saving)
    await blocker.query('rollback')
    expect(e.code).toBe('connection_lost')
    expect(await tableCounts(d.t)).toEqual(before)
    // The pool let go of the ended connection: the next save gets a new one.
    const saved = await registerVisit(d.t.ctx, issueVisit(d))
    expect(saved.matters.map((m) => m.issueNumber)).toEqual(['JD-2026-11-0001'])
  })

  it('says the server cannot be reached while the line is down, writes nothing, and saves once it is back', async () => {
    const d = await deskWithDay()
    const ctx = await deskOverLink(d)
    const before = await tableCounts(d.t)
    await link?.cut()
    const pool = overLink?.pool
    // The idle connections the cut reset leave the pool first, as they do while a desk sits idle.
    for (let i = 0; i < 200 && (pool?.totalCount ?? 0) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    const e = await refused(registerVisit(ctx, issueVisit(d)))
    expect(e.code).toBe('server_unreachable')
    expect(e.message).toMatch(/^无法连接台账服务器（127\.0\.0\.1:\d+），本次保存未完成，已填写的内容仍保留，请检查网络后重试。$/)
    expect(await tableCounts(d.t)).toEqual(before)
    await link?.restore()
    const saved = await registerVisit(ctx, issueVisit(d))
    expect(saved.matters).toHaveLength(1)
  })

  it('tells the desk the server is busy when another session holds the write lock past the lock timeout, and saves once it is free', async () => {
    const d = await deskWithDay()
    const ctx = await deskOverLink(d, { timeouts: { lockMs: 200 } })
    const before = await tableCounts(d.t)
    const blocker = await desks.superuser(d)
    await blocker.query('begin')
    await blocker.query(`select pg_advisory_xact_lock(${LEDGER_WRITE_LOCK})`)
    const e = await refused(registerVisit(ctx, issueVisit(d)))
    expect(e.code).toBe('server_busy')
    expect(e.message).toMatch(/正忙（其他窗口的保存长时间未完成），本次保存未完成，台账未作改动；已填写的内容仍保留，请稍后重试/)
    expect(await tableCounts(d.t)).toEqual(before)
    await blocker.query('rollback')
    const saved = await registerVisit(ctx, issueVisit(d))
    expect(saved.matters.map((m) => m.issueNumber)).toEqual(['JD-2026-11-0001'])
  })

  it('gives up opening a server that accepts the connection but never answers, with the unreachable message', async () => {
    const silent = await startSilentHost()
    try {
      const e = await refused(
        openServerLedger(`postgres://ledger_desk:x@127.0.0.1:${silent.port}/ledger`, { timeouts: { connectMs: 300 } }),
      )
      expect(e.code).toBe('server_unreachable')
      expect(e.message).toContain(`127.0.0.1:${silent.port}/ledger`)
    } finally {
      await silent.close()
    }
  })
})
