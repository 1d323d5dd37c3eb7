import fs from 'node:fs'
import { sql } from 'kysely'
import os from 'node:os'
import path from 'node:path'
import { systemActor, type LedgerContext, type StaffActor } from '../../db/core/context'
import { openLedger, type Ledger, type LocalLedger, type OpenOptions } from '../../db/core/open'
import { getStaff, listCategories, listDepartments, saveStaff, seedDefaults } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import type { Category, Department, Staff } from '../../shared/types'
import { testKeys } from './keys'

/** The app state's ledger where a test opened the local file (the bridge, the handler tests): a server ledger fails the test. */
export function localOf(ledger: Ledger): LocalLedger {
  if (ledger.engine !== 'sqlite') throw new Error(`expected the local file, got the server ledger ${ledger.database}`)
  return ledger
}

export function tempDir(prefix = 'ledger-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A clock the test moves by hand: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm:ss', local time. */
export class TestClock {
  private current: Date
  constructor(start: string) {
    this.current = TestClock.parse(start)
  }
  static parse(s: string): Date {
    const [d, t = '09:00:00'] = s.split(' ')
    const [y, mo, da] = (d ?? '').split('-').map(Number)
    const [h, mi, se] = t.split(':').map(Number)
    return new Date(y ?? 2000, (mo ?? 1) - 1, da ?? 1, h ?? 0, mi ?? 0, se ?? 0)
  }
  set(s: string): void {
    this.current = TestClock.parse(s)
  }
  tick(seconds = 1): void {
    this.current = new Date(this.current.getTime() + seconds * 1000)
  }
  now = (): Date => {
    this.tick()
    return this.current
  }
  /** The time now without moving the clock: what opening the ledger stamps, leaving the test's seconds as they were. */
  peek = (): Date => this.current
}

/** A ledger a test works on: the local file unless the test opened it on a server (engine-ledger.ts). */
export interface TestLedger<L extends Ledger = LocalLedger> {
  ledger: L
  ctx: LedgerContext
  clock: TestClock
  file: string
  dir: string
  close(): Promise<void>
}

export async function openTempLedger(start = '2026-11-10 09:00:00', options: OpenOptions = {}): Promise<TestLedger> {
  const dir = tempDir()
  const file = path.join(dir, 'ledger.sqlite')
  const clock = new TestClock(start)
  // The test's clock for what opening writes too (the audit row vouching for rows a migration seeds).
  // Encrypted, as the app's ledger is: this test PC's key provider unless the test gives its own.
  const ledger = await openLedger(file, { now: clock.peek, keys: testKeys(), ...options })
  // Set-up acts as the command line does: the system capability, no person.
  const ctx: LedgerContext = { db: ledger.db, actor: { ...systemActor, name: '测试' }, now: clock.now }
  return {
    ledger,
    ctx,
    clock,
    file,
    dir,
    close: async () => {
      await ledger.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface Fixture {
  categories: Category[]
  departments: Department[]
  desk: Staff
  leader: Staff
  handler: Staff
  category(name: string): Category
}

/** The leader's own PIN in the fixture office (a supervisor always has one). */
export const FIXTURE_LEADER_PIN = '8642'

/** As signing in at the desk does, with their own PIN when they have one (a supervisor's powers need it). */
export function actorOf(s: Staff): StaffActor {
  return { kind: 'staff', id: s.id, name: s.name, role: s.role, ownPin: s.hasPin && !s.pinInitial }
}

/** The fixture's leader at work: a supervisor signed in with their own PIN. */
export function bySupervisor(t: TestLedger<Ledger>, f: Fixture): LedgerContext {
  return { ...t.ctx, actor: actorOf(f.leader) }
}

/** As signing in at the desk does: from then on the ledger checks this person's role and records them as the one acting. */
export function actAs(t: TestLedger<Ledger>, s: Staff): void {
  t.ctx.actor = actorOf(s)
}

/**
 * Default categories and sections plus three people, with the desk clerk acting. The leader, a
 * supervisor, has chosen their own PIN (FIXTURE_LEADER_PIN), so PINs protect the office.
 */
export async function seedFixture(t: TestLedger<Ledger>): Promise<Fixture> {
  await seedDefaults(t.ctx)
  const categories = await listCategories(t.ctx.db)
  const departments = await listDepartments(t.ctx.db)
  const desk = await saveStaff(t.ctx, { name: '王晓丽', role: 'desk' })
  const leader = await saveStaff(t.ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '副局长' })
  const handler = await saveStaff(t.ctx, { name: '赵刚', role: 'handler', departmentId: departments[2]?.id ?? null })
  await setStaffPin({ ...t.ctx, actor: actorOf(leader) }, { staffId: leader.id, pin: FIXTURE_LEADER_PIN })
  actAs(t, desk)
  return {
    categories,
    departments,
    desk,
    leader: await getStaff(t.ctx.db, leader.id),
    handler,
    category(name: string) {
      const c = categories.find((x) => x.name === name)
      if (!c) throw new Error(`no category ${name}`)
      return c
    },
  }
}

/** Row counts of every ledger table: a refused call must leave all of them as they were. */
export async function tableCounts(t: TestLedger<Ledger>): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  if (t.ledger.engine === 'pg') {
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(t.ledger.db)
    for (const { name } of rows) {
      const counted = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.ledger.db)
      out[name] = Number(counted.rows[0]?.n ?? -1)
    }
    return out
  }
  const sqlite = t.ledger.sqlite
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all()
    .map((r) => (r !== null && typeof r === 'object' && 'name' in r ? String(r.name) : ''))
  for (const name of tables) {
    const row = sqlite.prepare(`select count(*) as n from "${name}"`).get()
    out[name] = row !== null && typeof row === 'object' && 'n' in row ? Number(row.n) : -1
  }
  return out
}
