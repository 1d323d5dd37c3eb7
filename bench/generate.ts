// A synthetic ledger of many years, for the benchmark and its test: deterministic (one seed, one
// ledger), fast (prepared statements in one transaction, search triggers lifted and the index
// rebuilt once), and valid: every foreign key holds, issue numbers run JD-YYYY-MM-NNNN per
// month, and every issue's history walks the life cycle to the status it has now, with the
// callbacks, extensions and progress notes that walk implies. No audit rows are written for
// generated records: the audit chain covers only what the app itself did.

import type BetterSqlite3 from 'better-sqlite3'
import { systemActor, type LedgerContext } from '../db/context'
import { loadCalendar } from '../db/deadlines'
import { seededRandom } from '../db/demo'
import type { Ledger } from '../db/open'
import { listCategories, listDepartments, saveStaff, seedDefaults } from '../db/reference'
import { bulkLoad } from '../db/search-index'
import { SESSION_KIND_LABEL } from '../db/sessions'
import type { IssueStatus, SessionKind, Staff } from '../db/types'
import {
  CATEGORY_TEXT,
  DETAILS,
  DISTRICTS,
  GIVEN_NAMES,
  ORG_BRANDS,
  ORG_FORMS,
  ORG_REGIONS,
  ORG_TRADES,
  PLACE_WORDS,
  PROGRESS,
  REJECT_REASONS,
  RESULTS,
  SUPERVISION,
  SURNAMES,
  TRANSFER_TO,
  type CategoryText,
} from './text'

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

type Rand = () => number

function pick<T>(rand: Rand, list: readonly [T, ...T[]]): T {
  return list[Math.floor(rand() * list.length)] ?? list[0]
}

function pickFrom<T>(rand: Rand, list: readonly T[]): T | undefined {
  return list[Math.floor(rand() * list.length)]
}

// ---- dates as day numbers (UTC arithmetic: no time zone or DST in the way) ----

const DAY_MS = 86_400_000
function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}
function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}
function two(n: number): string {
  return String(n).padStart(2, '0')
}
function timeOf(seconds: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(seconds)))
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`
}
function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${Math.floor(total / 12)}-${two((total % 12) + 1)}`
}

// ---- identities ----

const CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A valid 统一社会信用代码 (GB 32100 check character), distinct for each serial. */
export function creditCodeFor(serial: number): string {
  let body = ''
  for (let n = serial, i = 0; i < 9; i++, n = Math.floor(n / 31)) body = (CODE_CHARSET[n % 31] ?? '0') + body
  const first17 = `913501${String(serial % 100).padStart(2, '0')}${body}`.slice(0, 17)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CODE_CHARSET.indexOf(first17[i] ?? '0') * (CODE_WEIGHTS[i] ?? 0)
  return first17 + CODE_CHARSET[(31 - (sum % 31)) % 31]
}

function mobile(rand: Rand): string {
  return `1${pick(rand, ['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`
}

function personName(rand: Rand): string {
  return pick(rand, SURNAMES) + pick(rand, GIVEN_NAMES)
}

// ---- issue fates ----

type Fate = IssueStatus | 'closed_after_reopen'

const FATE_TABLES: Record<'current' | 'last' | 'recent' | 'old', readonly (readonly [Fate, number])[]> = {
  current: [['accepted', 20], ['assigned', 22], ['in_progress', 25], ['resolved', 15], ['closed', 8], ['transferred', 5], ['rejected', 5]],
  last: [['accepted', 4], ['assigned', 8], ['in_progress', 22], ['resolved', 25], ['closed', 30], ['reopened', 3], ['transferred', 4], ['rejected', 4]],
  recent: [['assigned', 2], ['in_progress', 8], ['resolved', 18], ['closed', 58], ['reopened', 2], ['closed_after_reopen', 3], ['transferred', 5], ['rejected', 4]],
  old: [
    ['accepted', 0.1], ['assigned', 0.1], ['in_progress', 0.2], ['reopened', 0.1], ['resolved', 8], ['closed', 76.5],
    ['closed_after_reopen', 4], ['transferred', 6.5], ['rejected', 4.5],
  ],
}

function fateFor(rand: Rand, monthsBeforeEnd: number): Fate {
  const table = FATE_TABLES[monthsBeforeEnd === 0 ? 'current' : monthsBeforeEnd === 1 ? 'last' : monthsBeforeEnd <= 3 ? 'recent' : 'old']
  const total = table.reduce((a, [, w]) => a + w, 0)
  let x = rand() * total
  for (const [fate, w] of table) {
    x -= w
    if (x < 0) return fate
  }
  return 'closed'
}

/** What an issue's life leaves behind besides its own row, for the second pass (progress notes). */
interface ProgressWindow {
  issueId: number
  /** Each day a progress note moved the issue to 办理中 (each has its note). */
  starts: number[]
  /** The last stretch in 办理中, where further notes may fall. */
  from: number
  to: number
}

function insertRunner(sqlite: BetterSqlite3.Database, sqlText: string): (...params: unknown[]) => number {
  const stmt = sqlite.prepare(sqlText)
  return (...params) => Number(stmt.run(...params).lastInsertRowid)
}

async function referenceData(ledger: Ledger, at: string): Promise<{ desk: Staff[]; leaders: Staff[]; handlers: Staff[] }> {
  const ctx: LedgerContext = { db: ledger.db, actor: systemActor, now: () => new Date(`${at}T08:00:00`) }
  await seedDefaults(ctx)
  const deps = await listDepartments(ledger.db)
  const people: Parameters<typeof saveStaff>[1][] = [
    { name: '王晓丽', role: 'desk' },
    { name: '林海燕', role: 'desk' },
    { name: '李建国', role: 'supervisor', isLeader: true, title: '局长' },
    { name: '陈红梅', role: 'supervisor', isLeader: true, title: '副局长' },
    { name: '黄志明', role: 'supervisor', isLeader: true, title: '副局长' },
    ...deps.slice(1).map((d, i) => ({ name: `${pick(seededRandom(d.name), SURNAMES)}${['刚', '磊', '敏', '涛', '静', '军'][i] ?? '伟'}`, role: 'handler' as const, departmentId: d.id })),
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
export async function generateLedger(ledger: Ledger, options: GenerateOptions = {}): Promise<GeneratedLedger> {
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
  const categoryText = (name: string): CategoryText => CATEGORY_TEXT[name] ?? CATEGORY_TEXT['其他'] ?? { subjects: ['来访人'], problems: ['反映问题'], questions: [['咨询', '已答复']] }
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
  const issuesByStatus: Record<IssueStatus, number> = { accepted: 0, assigned: 0, in_progress: 0, resolved: 0, closed: 0, reopened: 0, transferred: 0, rejected: 0 }
  let personTimes = 0

  bulkLoad(sqlite, () => {
    const insSession = insertRunner(
      sqlite,
      `insert into sessions (date, kind, title, location, host_leader_id, status, note, opened_at, closed_at, voided_at, void_reason, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'closed', null, ?, ?, null, null, ?, ?)`,
    )
    const insSessionStaff = insertRunner(sqlite, 'insert into session_staff (session_id, staff_id) values (?, ?)')
    const insOrg = insertRunner(
      sqlite,
      `insert into organizations (name, credit_code, address, industry, note, merged_into_id, created_at, updated_at) values (?, ?, ?, ?, null, null, ?, ?)`,
    )
    const insVisitor = insertRunner(
      sqlite,
      `insert into visitors (name, phone, id_number, kind, organization_id, address, note, merged_into_id, created_at, updated_at) values (?, ?, null, ?, ?, ?, null, null, ?, ?)`,
    )
    const insVisit = insertRunner(
      sqlite,
      `insert into visits (session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, channel, received_by_id, note, voided_at, void_reason, created_at)
       values (?, ?, ?, ?, ?, ?, 'desk', ?, null, null, null, ?)`,
    )
    const insMatter = insertRunner(sqlite, 'insert into matters (visit_id, type, category_id, content, answer, place, created_at) values (?, ?, ?, ?, ?, ?, ?)')
    const insIssue = insertRunner(
      sqlite,
      `insert into issues (matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, department_id, assignee_id, leader_id,
         first_contact_id, result, resolved_date, closed_date, transfer_to, reason, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insHistory = insertRunner(
      sqlite,
      'insert into issue_history (issue_id, action, from_status, to_status, actor_id, at, reason, detail) values (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const insProgress = insertRunner(sqlite, 'insert into progress_notes (issue_id, kind, note_date, note, actor_id, created_at) values (?, ?, ?, ?, ?, ?)')
    const insExtension = insertRunner(
      sqlite,
      'insert into extensions (issue_id, old_due_date, new_due_date, approver_id, reason, actor_id, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    )
    const insCallback = insertRunner(
      sqlite,
      'insert into callbacks (issue_id, callback_date, method, satisfaction, comment, actor_id, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    )

    // ---- sessions: two reception days a month on working days ----
    interface SessionPlan {
      id: number
      date: string
      kind: SessionKind
      monthsBeforeEnd: number
    }
    const sessions: SessionPlan[] = []
    for (let m = 0; m < months; m++) {
      const month = addMonths(firstMonth, m)
      const workdays: string[] = []
      for (let d = dayOf(`${month}-01`); dateOf(d).startsWith(month); d++) if (calendar.isWorkday(dateOf(d))) workdays.push(dateOf(d))
      const plan: [string | undefined, SessionKind][] = [
        [workdays[4] ?? workdays[0], 'enterprise'],
        [workdays[13] ?? workdays.at(-1), m % 12 === 6 ? 'field' : m % 4 === 3 ? 'leader' : 'public'],
      ]
      for (const [date, kind] of plan) {
        if (!date) continue
        const [y, mo, da] = date.split('-')
        const leader = pickFrom(rand, staff.leaders)
        const created = `${dateOf(dayOf(date) - 7)} 16:00:00`
        const id = insSession(
          date,
          kind,
          `${y}年${Number(mo)}月${Number(da)}日${SESSION_KIND_LABEL[kind]}`,
          kind === 'enterprise' ? '政务服务中心生态环境窗口' : kind === 'field' ? '企业现场' : '局一楼群众接待室',
          leader?.id ?? null,
          `${date} 08:25:00`,
          `${date} 17:30:00`,
          created,
          `${date} 17:30:00`,
        )
        for (const s of staff.desk) insSessionStaff(id, s.id)
        sessions.push({ id, date, kind, monthsBeforeEnd: months - 1 - m })
      }
    }

    // ---- visits, visitors and enterprises, matters and issues ----
    const residents: number[] = []
    const orgs: { id: number; contacts: number[] }[] = []
    const orgNames = new Set<string>()
    const windows: ProgressWindow[] = []
    const seqByMonth = new Map<string, number>()
    const everyState: Fate[] = ['accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'transferred', 'rejected', 'closed_after_reopen']
    let visitsLeft = visitsTarget
    let mattersLeft = mattersTarget
    let issuesLeft = issuesTarget
    let orgSerial = 0

    const newOrganization = (at: string): { id: number; contacts: number[] } => {
      let name = ''
      for (let tries = 0; tries < 50 && (name === '' || orgNames.has(name)); tries++) {
        const [trade] = pick(rand, ORG_TRADES)
        name = `${pick(rand, ORG_REGIONS)}${pick(rand, ORG_BRANDS)}${trade}${pick(rand, ORG_FORMS)}`
      }
      if (orgNames.has(name)) name = `${pick(rand, ORG_BRANDS)}${orgSerial + 1}号${name}`
      orgNames.add(name)
      const industry = ORG_TRADES.find(([t]) => name.includes(t))?.[1] ?? null
      orgSerial += 1
      const code = rand() < 0.85 ? creditCodeFor(orgSerial) : null
      const id = insOrg(name, code, `${pick(rand, DISTRICTS)}${pick(rand, PLACE_WORDS)}${1 + Math.floor(rand() * 200)}号`, industry, at, at)
      const org = { id, contacts: [] }
      orgs.push(org)
      return org
    }

    for (const [sIndex, s] of sessions.entries()) {
      const sessionsLeft = sessions.length - sIndex
      const count = Math.round(visitsLeft / sessionsLeft)
      visitsLeft -= count
      const startSec = 8.5 * 3600
      const stepSec = Math.max(1, Math.floor((8 * 3600) / Math.max(1, count)))
      const enterpriseShare = s.kind === 'enterprise' ? 0.85 : s.kind === 'field' ? 0.7 : s.kind === 'leader' ? 0.4 : 0.15
      for (let v = 0; v < count; v++) {
        const arrived = `${s.date} ${timeOf(startSec + v * stepSec + Math.floor(rand() * stepSec))}`
        let visitorId: number
        let orgId: number | null = null
        if (rand() < enterpriseShare) {
          const org = orgs.length > 0 && rand() < 0.92 ? (pickFrom(rand, orgs) ?? newOrganization(arrived)) : newOrganization(arrived)
          orgId = org.id
          const known = org.contacts.length > 0 && rand() < 0.6 ? pickFrom(rand, org.contacts) : undefined
          if (known !== undefined) visitorId = known
          else {
            visitorId = insVisitor(personName(rand), mobile(rand), 'enterprise', org.id, null, arrived, arrived)
            org.contacts.push(visitorId)
          }
        } else {
          const known = residents.length > 0 && rand() < 0.3 ? pickFrom(rand, residents) : undefined
          if (known !== undefined) visitorId = known
          else {
            const address = rand() < 0.5 ? `${pick(rand, DISTRICTS)}${pick(rand, PLACE_WORDS)}` : null
            visitorId = insVisitor(personName(rand), rand() < 0.9 ? mobile(rand) : null, 'resident', null, address, arrived, arrived)
            residents.push(visitorId)
          }
        }
        const r = rand()
        const headcount = r < 0.7 ? 1 : r < 0.9 ? 2 : 3 + Math.floor(rand() * 3)
        personTimes += headcount
        const visitId = insVisit(s.id, visitorId, orgId, headcount, s.date, arrived, desk.id, arrived)

        const visitsAfter = visitsLeft + (count - v - 1)
        const matterCount = Math.max(1, Math.min(2, mattersLeft - visitsAfter))
        for (let k = 0; k < matterCount; k++) {
          // Issues spread evenly over what is left, so the totals come out exact.
          const isIssue = issuesLeft > 0 && rand() * mattersLeft < issuesLeft
          mattersLeft -= 1
          const category = pickFrom(rand, isIssue ? issueCategories : categories) ?? categories[0]
          if (!category) throw new Error('no categories')
          const text = categoryText(category.name)
          if (!isIssue) {
            const [question, answer] = pick(rand, text.questions)
            insMatter(visitId, 'consultation', category.id, question, answer, null, arrived)
            continue
          }
          issuesLeft -= 1
          const place = rand() < 0.85 ? `${pick(rand, DISTRICTS)}${pick(rand, PLACE_WORDS)}` : null
          const content = `${place ?? ''}${pick(rand, text.subjects)}${pick(rand, text.problems)}${pick(rand, DETAILS)}`
          const matterId = insMatter(visitId, 'issue', category.id, content, null, place, arrived)
          const yearMonth = s.date.slice(0, 7)
          const seq = (seqByMonth.get(yearMonth) ?? 0) + 1
          seqByMonth.set(yearMonth, seq)
          const number = `JD-${yearMonth}-${String(seq).padStart(4, '0')}`
          lifeOfIssue(matterId, number, yearMonth, seq, category.id, category.timeLimitDays, s, arrived)
        }
      }
    }

    // ---- one issue's life, row by row, ending in its fate ----
    function lifeOfIssue(
      matterId: number,
      number: string,
      yearMonth: string,
      seq: number,
      categoryId: number,
      limitDays: number,
      s: SessionPlan,
      arrived: string,
    ): void {
      // The three months before the last start with one issue in each state, so that even a small
      // ledger has every state; the rest follow the tables.
      const fate = (s.monthsBeforeEnd >= 1 && s.monthsBeforeEnd <= 3 ? everyState.shift() : undefined) ?? fateFor(rand, s.monthsBeforeEnd)
      const status: IssueStatus = fate === 'closed_after_reopen' ? 'closed' : fate
      issuesByStatus[status] += 1
      const accepted = s.date
      let due = dueDate(accepted, limitDays)
      const lastDay = todayDay - 1
      const handlerIndex = Math.floor(rand() * Math.max(1, staff.handlers.length))
      const handler = staff.handlers[handlerIndex]
      const dep = departments.find((d) => d.id === handler?.departmentId) ?? pickFrom(rand, departments)
      const leader = pickFrom(rand, staff.leaders)

      // Events move forward in time from the arrival, never past the day before `today`.
      let day = dayOf(accepted)
      let sec = Number(arrived.slice(11, 13)) * 3600 + Number(arrived.slice(14, 16)) * 60 + Number(arrived.slice(17, 19))
      const at = (minDays: number, maxDays: number): string => {
        const next = Math.min(lastDay, day + minDays + Math.floor(rand() * (maxDays - minDays + 1)))
        if (next > day) {
          day = next
          sec = 9 * 3600 + Math.floor(rand() * 7 * 3600)
        } else sec += 60 + Math.floor(rand() * 600)
        return `${dateOf(day)} ${timeOf(sec)}`
      }
      const rows: [string, IssueStatus | null, IssueStatus, string, string | null, string | null][] = []
      let current: IssueStatus | null = null
      const step = (action: string, to: IssueStatus, when: string, reason: string | null = null, detail: string | null = null) => {
        rows.push([action, current, to, when, reason, detail])
        current = to
      }
      step('accept', 'accepted', arrived, null, JSON.stringify({ number }))

      let departmentId: number | null = null
      let assigneeId: number | null = null
      let leaderId: number | null = null
      let result: string | null = null
      let resolvedDate: string | null = null
      let closedDate: string | null = null
      let transferTo: string | null = null
      let reason: string | null = null
      const callbacks: [string, string, string | null, string][] = []
      let extension: [string, string, string] | null = null
      const starts: number[] = []
      let workUntil = lastDay

      if (fate === 'transferred') {
        const [to, why] = pick(rand, TRANSFER_TO)
        transferTo = to
        reason = why
        step('transfer', 'transferred', at(0, 2), why, JSON.stringify({ to }))
      } else if (fate === 'rejected') {
        reason = pick(rand, REJECT_REASONS)
        step('reject', 'rejected', at(0, 2), reason)
      } else if (fate !== 'accepted') {
        departmentId = dep?.id ?? null
        assigneeId = handler?.id ?? null
        leaderId = leader?.id ?? null
        step('assign', 'assigned', at(0, 2), null, JSON.stringify({ department: dep?.name ?? null }))
        if (fate !== 'assigned') {
          step('progress', 'in_progress', at(1, 4))
          starts.push(day)
          if (rand() < 0.05 && leader) {
            const newDue = dueDate(due, 10)
            extension = [due, newDue, at(0, 3)]
            due = newDue
          }
        }
        const resolve = (): void => {
          const dueDay = dayOf(due)
          const target = rand() < 0.88 ? day + Math.floor(rand() * Math.max(1, dueDay - day + 1)) : dueDay + 1 + Math.floor(rand() * 15)
          const when = at(Math.max(0, target - day), Math.max(0, target - day))
          result = pick(rand, RESULTS)
          resolvedDate = dateOf(day)
          workUntil = day
          step('resolve', 'resolved', when, null, JSON.stringify({ date: resolvedDate, onTime: resolvedDate <= due }))
        }
        const callback = (satisfaction: string): string => {
          const when = at(1, 7)
          callbacks.push([dateOf(day), satisfaction, satisfaction === 'unsatisfied' ? '反映问题仍未彻底解决' : null, when])
          return when
        }
        if (fate === 'closed_after_reopen' || fate === 'reopened') {
          resolve()
          const when = callback('unsatisfied')
          resolvedDate = null
          step('reopen', 'reopened', when, '反映问题仍未彻底解决', JSON.stringify({ callbackDate: dateOf(day) }))
          if (fate === 'closed_after_reopen') {
            step('progress', 'in_progress', at(1, 5))
            starts.push(day)
            workUntil = lastDay
          }
        }
        if (fate === 'resolved' || fate === 'closed' || fate === 'closed_after_reopen') {
          resolve()
          if (fate !== 'resolved' || rand() < 0.3) callback(rand() < 0.75 ? 'satisfied' : 'basically_satisfied')
          if (fate !== 'resolved') {
            step('close', 'closed', at(0, 2))
            closedDate = dateOf(day)
          }
        }
      }
      const lastAt = rows.at(-1)?.[3] ?? arrived
      const issueId = insIssue(
        matterId, number, yearMonth, seq, status, categoryId, accepted, due, departmentId, assigneeId, leaderId, desk.id,
        result, resolvedDate, closedDate, transferTo, reason, arrived, lastAt,
      )
      for (const [action, from, to, when, why, detail] of rows) {
        const actor = action === 'accept' ? desk.id : action === 'progress' || action === 'resolve' ? (assigneeId ?? desk.id) : desk.id
        insHistory(issueId, action, from, to, actor, when, why, detail)
      }
      for (const [date, satisfaction, comment, when] of callbacks) insCallback(issueId, date, 'phone', satisfaction, comment, desk.id, when)
      if (extension && leader) insExtension(issueId, extension[0], extension[1], leader.id, '需委托第三方开展监测，申请延期', desk.id, extension[2])
      const from = starts.at(-1)
      if (from !== undefined) windows.push({ issueId, starts, from, to: Math.max(from, workUntil) })
    }

    // ---- progress notes: the one that started the work for each, the rest spread at random ----
    let notes = 0
    const addNote = (w: ProgressWindow, startDay?: number) => {
      const first = startDay !== undefined
      const day = startDay ?? w.from + Math.floor(rand() * (w.to - w.from + 1))
      const supervision = !first && rand() < 0.08
      insProgress(w.issueId, supervision ? 'supervision' : 'progress', dateOf(day), supervision ? pick(rand, SUPERVISION) : pick(rand, PROGRESS), desk.id, `${dateOf(day)} 16:30:00`)
      notes += 1
    }
    for (const w of windows) for (const start of w.starts) addNote(w, start)
    while (notes < progressTarget && windows.length > 0) {
      const w = windows[Math.floor(rand() * windows.length)]
      if (w) addNote(w)
    }
  })

  const ms = performance.now() - started
  const rows: Record<string, number> = {}
  for (const table of ['sessions', 'organizations', 'visitors', 'visits', 'matters', 'issues', 'issue_history', 'progress_notes', 'extensions', 'callbacks']) {
    const row = sqlite.prepare(`select count(*) as n from ${table}`).get()
    rows[table] = row !== null && typeof row === 'object' && 'n' in row ? Number(row.n) : 0
  }
  return { firstMonth, lastMonth, today, rows, issuesByStatus, personTimes, ms, deskStaff: desk }
}
