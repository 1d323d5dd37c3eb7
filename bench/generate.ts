// A synthetic ledger of many years, for the benchmark and its test: deterministic (one seed, one
// ledger), fast (prepared statements in one transaction, search triggers lifted and the index
// rebuilt once), and valid: every foreign key holds, issue numbers run JD-YYYY-MM-NNNN per
// month, and every issue's history walks the life cycle to the status it has now, with the
// callbacks, extensions and progress notes that walk implies. No audit rows are written for
// generated records: the audit chain covers only what the app itself did.

import { systemActor, type LedgerContext } from '../db/core/context'
import { loadCalendar } from '../db/issues/deadlines'
import { seededRandom } from '../tools/demo'
import type { LocalLedger } from '../db/core/open'
import { listCategories, listDepartments, saveStaff, seedDefaults } from '../db/reference/reference'
import { bulkLoad } from '../db/search/sqlite-index'
import { refreshEveryLastVisit } from '../db/directory/last-visit'
import type { IssueStatus, Staff } from '../shared/types'
import { addMonths, dateOf, dayOf } from './days'
import { issueLives } from './issue-life'
import { prepareInserts } from './ledger-inserts'
import { addProgressNotes } from './progress-notes'
import { pick } from './random'
import { planSessions, visitSessions } from './reception-days'
import { SURNAMES } from './text'

export interface GenerateOptions {
  /** 1 is the full ten-year ledger of the benchmark; 0.01 a hundredth of its rows. */
  scale?: number
  seed?: string
  /** First month, 'YYYY-MM'; ten years (120 months) from there. */
  firstMonth?: string
  months?: number
}

/** The full-size ledger the benchmark asks for. */
export const FULL_SIZE = { sessions: 240, visits: 100_000, matters: 150_000, issues: 60_000, progress: 120_000 } as const

export interface GeneratedLedger {
  firstMonth: string
  lastMonth: string
  /** The day the ledger is "as of": after the last reception day, with recent issues still open. */
  today: string
  rows: Record<string, number>
  issuesByStatus: Record<IssueStatus, number>
  personTimes: number
  /** Wall time of the load, the index rebuild included. */
  ms: number
  deskStaff: Staff
}

async function referenceData(ledger: LocalLedger, at: string): Promise<{ desk: Staff[]; leaders: Staff[]; handlers: Staff[] }> {
  const ctx: LedgerContext = { db: ledger.db, actor: systemActor, now: () => new Date(`${at}T08:00:00`) }
  await seedDefaults(ctx)
  const deps = await listDepartments(ledger.db)
  const people: Parameters<typeof saveStaff>[1][] = [
    { name: '王晓丽', role: 'desk' },
    { name: '林海燕', role: 'desk' },
    { name: '李建国', role: 'supervisor', isLeader: true, title: '局长' },
    { name: '陈红梅', role: 'supervisor', isLeader: true, title: '副局长' },
    { name: '黄志明', role: 'supervisor', isLeader: true, title: '副局长' },
    ...deps.slice(1).map((d, i) => ({
      name: `${pick(seededRandom(d.name), SURNAMES)}${['刚', '磊', '敏', '涛', '静', '军'][i] ?? '伟'}`,
      role: 'handler' as const,
      departmentId: d.id,
    })),
  ]
  const saved: Staff[] = []
  for (const p of people) saved.push(await saveStaff(ctx, p))
  return {
    desk: saved.filter((s) => s.role === 'desk'),
    leaders: saved.filter((s) => s.isLeader),
    handlers: saved.filter((s) => s.role === 'handler'),
  }
}

/** Fills an empty, migrated ledger. */
export async function generateLedger(ledger: LocalLedger, options: GenerateOptions = {}): Promise<GeneratedLedger> {
  const scale = options.scale ?? 1
  const months = options.months ?? 120
  const firstMonth = options.firstMonth ?? '2016-01'
  const lastMonth = addMonths(firstMonth, months - 1)
  const endDay = dayOf(`${addMonths(lastMonth, 1)}-01`)
  const todayDay = endDay + 14
  const today = dateOf(todayDay)
  const rand = seededRandom(options.seed ?? 'ledger-bench')

  const sessionsTarget = months * 2
  const visitsTarget = Math.max(sessionsTarget, Math.round(FULL_SIZE.visits * scale))
  const issuesTarget = Math.round(FULL_SIZE.issues * scale)
  const progressTarget = Math.round(FULL_SIZE.progress * scale)
  // One or two matters per visit, 1.5 on average; issues spread evenly among them.
  const mattersTarget = Math.round(visitsTarget * 1.5)

  const started = performance.now()
  const staff = await referenceData(ledger, `${firstMonth}-01`)
  const desk = staff.desk[0]
  if (!desk) throw new Error('no desk staff')
  const calendar = await loadCalendar(ledger.db)
  const categories = await listCategories(ledger.db)
  const departments = (await listDepartments(ledger.db)).slice(1)
  const issueCategories = categories.filter((c) => c.name !== '政策咨询' || rand() < 0.2)

  const dueCache = new Map<string, string>()
  const dueDate = (date: string, days: number): string => {
    const key = `${date}|${days}`
    let d = dueCache.get(key)
    if (d === undefined) {
      d = calendar.addWorkdays(date, days)
      dueCache.set(key, d)
    }
    return d
  }

  const sqlite = ledger.sqlite
  const issuesByStatus: Record<IssueStatus, number> = {
    accepted: 0,
    assigned: 0,
    in_progress: 0,
    resolved: 0,
    closed: 0,
    reopened: 0,
    transferred: 0,
    rejected: 0,
  }

  const personTimes = bulkLoad(sqlite, () => {
    const inserts = prepareInserts(sqlite)
    const sessions = planSessions({ rand, months, firstMonth, calendar, staff, inserts })
    const { lifeOfIssue, windows } = issueLives({ rand, todayDay, desk, staff, departments, dueDate, inserts, issuesByStatus })
    const headcounts = visitSessions(
      {
        rand,
        months,
        firstMonth,
        calendar,
        staff,
        desk,
        inserts,
        categories,
        issueCategories,
        targets: { visits: visitsTarget, matters: mattersTarget, issues: issuesTarget },
        lifeOfIssue,
      },
      sessions,
    )
    addProgressNotes(rand, windows, progressTarget, desk, inserts)
    return headcounts
  })
  // The visits went in as plain statements: the directory's last-visit dates from them, once.
  await refreshEveryLastVisit(ledger.db)

  const ms = performance.now() - started
  const rows: Record<string, number> = {}
  for (const table of [
    'sessions',
    'organizations',
    'visitors',
    'visits',
    'matters',
    'issues',
    'issue_history',
    'progress_notes',
    'extensions',
    'callbacks',
  ]) {
    const row = sqlite.prepare(`select count(*) as n from ${table}`).get()
    rows[table] = row !== null && typeof row === 'object' && 'n' in row ? Number(row.n) : 0
  }
  return { firstMonth, lastMonth, today, rows, issuesByStatus, personTimes, ms, deskStaff: desk }
}
