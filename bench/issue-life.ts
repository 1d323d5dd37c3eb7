// The issues of the synthetic ledger: each one's fate (the status it has now, drawn by its age),
// and its life up to that fate written row by row: the issue, its history, and the callbacks and
// extension that life implies. Progress notes come after, from the windows each life leaves.

import type { Department, IssueStatus, Staff } from '../shared/types'
import { dateOf, dayOf, timeOf } from './days'
import type { LedgerInserts } from './ledger-inserts'
import { pick, pickFrom, type Rand } from './random'
import { REJECT_REASONS, RESULTS, TRANSFER_TO } from './text'

// ---- issue fates ----

type Fate = IssueStatus | 'closed_after_reopen'

const FATE_TABLES: Record<'current' | 'last' | 'recent' | 'old', readonly (readonly [Fate, number])[]> = {
  current: [
    ['accepted', 20],
    ['assigned', 22],
    ['in_progress', 25],
    ['resolved', 15],
    ['closed', 8],
    ['transferred', 5],
    ['rejected', 5],
  ],
  last: [
    ['accepted', 4],
    ['assigned', 8],
    ['in_progress', 22],
    ['resolved', 25],
    ['closed', 30],
    ['reopened', 3],
    ['transferred', 4],
    ['rejected', 4],
  ],
  recent: [
    ['assigned', 2],
    ['in_progress', 8],
    ['resolved', 18],
    ['closed', 58],
    ['reopened', 2],
    ['closed_after_reopen', 3],
    ['transferred', 5],
    ['rejected', 4],
  ],
  old: [
    ['accepted', 0.1],
    ['assigned', 0.1],
    ['in_progress', 0.2],
    ['reopened', 0.1],
    ['resolved', 8],
    ['closed', 76.5],
    ['closed_after_reopen', 4],
    ['transferred', 6.5],
    ['rejected', 4.5],
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
export interface ProgressWindow {
  issueId: number
  /** Each day a progress note moved the issue to 办理中 (each has its note). */
  starts: number[]
  /** The last stretch in 办理中, where further notes may fall. */
  from: number
  to: number
}

export interface IssueLifeSetup {
  rand: Rand
  /** The day the ledger is "as of", as a day number: every event falls before it. */
  todayDay: number
  desk: Staff
  staff: { leaders: Staff[]; handlers: Staff[] }
  departments: Department[]
  dueDate: (date: string, days: number) => string
  inserts: LedgerInserts
  /** Counted here as each issue's status is drawn. */
  issuesByStatus: Record<IssueStatus, number>
}

/** The reception day an issue was accepted on: its date, and how many months before the ledger's last (its fate hangs on that). */
export interface IssueSession {
  date: string
  monthsBeforeEnd: number
}

/** One issue's life, row by row, ending in its fate; and the progress windows the lives leave. */
export function issueLives(setup: IssueLifeSetup) {
  const { rand, todayDay, desk, staff, departments, dueDate, issuesByStatus } = setup
  const { issue: insIssue, history: insHistory, callback: insCallback, extension: insExtension } = setup.inserts
  const windows: ProgressWindow[] = []
  const everyState: Fate[] = [
    'accepted',
    'assigned',
    'in_progress',
    'resolved',
    'closed',
    'reopened',
    'transferred',
    'rejected',
    'closed_after_reopen',
  ]

  function lifeOfIssue(
    matterId: number,
    number: string,
    yearMonth: string,
    seq: number,
    categoryId: number,
    limitDays: number,
    s: IssueSession,
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
      matterId,
      number,
      yearMonth,
      seq,
      status,
      categoryId,
      accepted,
      due,
      departmentId,
      assigneeId,
      leaderId,
      desk.id,
      result,
      resolvedDate,
      closedDate,
      transferTo,
      reason,
      arrived,
      lastAt,
    )
    for (const [action, from, to, when, why, detail] of rows) {
      const actor = action === 'accept' ? desk.id : action === 'progress' || action === 'resolve' ? (assigneeId ?? desk.id) : desk.id
      insHistory(issueId, action, from, to, actor, when, why, detail)
    }
    for (const [date, satisfaction, comment, when] of callbacks) insCallback(issueId, date, 'phone', satisfaction, comment, desk.id, when)
    if (extension && leader)
      insExtension(issueId, extension[0], extension[1], leader.id, '需委托第三方开展监测，申请延期', desk.id, extension[2])
    const from = starts.at(-1)
    if (from !== undefined) windows.push({ issueId, starts, from, to: Math.max(from, workUntil) })
  }

  return { lifeOfIssue, windows }
}

export type LifeOfIssue = ReturnType<typeof issueLives>['lifeOfIssue']
