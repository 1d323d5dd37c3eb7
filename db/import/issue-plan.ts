import type { IssueStatus } from '../../shared/types'
import type { CallbackFact, IssueFacts } from './issue-facts'
import type { BuildOptions, RowProblems } from './row-problems'
import type { DateTime } from './values'

export interface HistoryStep {
  action: 'accept' | 'assign' | 'progress' | 'resolve' | 'reopen' | 'close' | 'transfer' | 'reject'
  from: IssueStatus | null
  to: IssueStatus
  /** 'YYYY-MM-DD HH:mm:ss', strictly increasing along the steps. */
  at: string
  reason: string | null
}

/** The facts settled: a status, dated callbacks, and the history that leads there. */
export interface IssuePlan extends Omit<IssueFacts, 'number' | 'status' | 'callbacks'> {
  status: IssueStatus
  /** With their dates settled (never before the resolution). */
  callbacks: (CallbackFact & { date: string })[]
  /** Result text of an issue the sheet shows as worked on but not finished. */
  progressNote: string | null
  steps: HistoryStep[]
  /** The number in the old ledger, kept in the visit's note. */
  originalNumber: string | null
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** Stamps along an issue's history: the given time of day, but never before the step before. */
class StepClock {
  private last = ''
  at(date: string, time: string): string {
    let at = `${date} ${time}`
    if (at <= this.last) {
      const [d = date, t = time] = this.last.split(' ')
      const [h = 0, m = 0, s = 0] = t.split(':').map(Number)
      const next = h * 3600 + m * 60 + s + 1
      at = next >= 86400 ? `${d} 23:59:59` : `${d} ${pad(Math.floor(next / 3600))}:${pad(Math.floor(next / 60) % 60)}:${pad(next % 60)}`
    }
    this.last = at
    return at
  }
}

const OPEN: readonly IssueStatus[] = ['accepted', 'assigned', 'in_progress']

/**
 * The issue's history as the sheet tells it: accept → assign → resolve → callbacks → close, with the
 * sheet's dates. An explicit 状态 wins; without one, 办结日期 means 办结, a satisfied callback 销号,
 * an unsatisfied one 重新办理, a 转办单位 转办.
 */
export function planIssue(
  f: IssueFacts,
  accepted: DateTime & { time: string },
  problems: RowProblems,
  o: BuildOptions,
  rowNumber: number,
): IssuePlan {
  const clock = new StepClock()
  const steps: HistoryStep[] = []
  // The status the steps so far have reached (an object: TypeScript would pin a plain variable to 'accepted').
  const now: { state: IssueStatus } = { state: 'accepted' }
  const step = (action: HistoryStep['action'], to: IssueStatus, date: string, time: string, reason: string | null = null) => {
    steps.push({ action, from: steps.length === 0 ? null : now.state, to, at: clock.at(date, time), reason })
    now.state = to
  }
  step('accept', 'accepted', accepted.date, accepted.time)
  const base: IssuePlan = {
    status: 'accepted',
    department: f.department,
    assignee: f.assignee,
    leader: f.leader,
    dueDate: f.dueDate !== null && f.dueDate >= accepted.date ? f.dueDate : null,
    result: null,
    resolvedDate: null,
    closedDate: null,
    transferTo: null,
    reason: null,
    callbacks: [],
    progressNote: null,
    steps,
    originalNumber: f.number,
  }
  if (f.dueDate !== null && f.dueDate < accepted.date) o.warn('办结时限早于来访日期，按问题类别的时限重新计算', rowNumber)

  if (f.status === 'rejected') {
    const reason = f.reason ?? '原台账记为不予受理'
    step('reject', 'rejected', accepted.date, accepted.time, reason)
    return { ...base, status: 'rejected', department: null, reason }
  }
  if (f.status === 'transferred' || (f.status === null && f.transferTo !== null)) {
    const reason = f.reason ?? '原台账记为转办'
    step('transfer', 'transferred', accepted.date, accepted.time, reason)
    return { ...base, status: 'transferred', department: null, transferTo: f.transferTo ?? '原台账未记录转办单位', reason }
  }

  const explicitOpen = f.status !== null && OPEN.includes(f.status)
  const resolvedOnce =
    !explicitOpen && (f.resolvedDate !== null || f.status === 'resolved' || f.status === 'closed' || f.status === 'reopened')
  if (f.resolvedDate !== null && f.resolvedDate < accepted.date) {
    problems.add(null, `办结日期（${f.resolvedDate}）早于来访日期（${accepted.date}）`)
  }
  const assign = () => {
    if (f.department !== null || f.status === 'assigned') step('assign', 'assigned', accepted.date, accepted.time)
  }

  if (!resolvedOnce) {
    if (f.callbacks.length > 0) o.warn('有回访结果但问题未办结，回访未导入', rowNumber)
    if (explicitOpen && f.resolvedDate !== null) o.warn('办理状态为未办结，办结日期未导入', rowNumber)
    assign()
    const working = f.status === 'in_progress' || (f.status === null && f.result !== null)
    if (working) {
      if (f.status === null) o.warn('有办理结果但没有办结日期，按“办理中”导入，办理结果记为办理进展', rowNumber)
      step('progress', 'in_progress', accepted.date, accepted.time)
      return { ...base, status: 'in_progress', progressNote: f.result, steps }
    }
    return { ...base, status: now.state, steps }
  }

  const lastCallback = f.callbacks.at(-1) ?? null
  let resolvedDate = f.resolvedDate
  if (resolvedDate === null) {
    resolvedDate = f.closedDate ?? lastCallback?.date ?? accepted.date
    if (f.status !== 'reopened') o.warn('已办结但没有办结日期，按销号或回访日期（没有则按来访日期）记为办结日期', rowNumber)
  }
  if (resolvedDate < accepted.date) resolvedDate = accepted.date
  assign()
  step('resolve', 'resolved', resolvedDate, '17:00:00')
  const callbacks: (CallbackFact & { date: string })[] = []
  for (const c of f.callbacks) {
    const date = c.date !== null && c.date >= resolvedDate ? c.date : resolvedDate
    if (now.state === 'reopened') step('resolve', 'resolved', date, '17:00:00')
    const comment = c.satisfaction === 'unsatisfied' ? (c.comment ?? '回访不满意（原台账未记录原因）') : c.comment
    callbacks.push({ ...c, date, comment })
    if (c.satisfaction === 'unsatisfied') step('reopen', 'reopened', date, '17:30:00', comment)
  }
  const lastDate = callbacks.at(-1)?.date ?? resolvedDate
  let status: IssueStatus
  if (f.status === 'reopened') status = 'reopened'
  else if (f.status === 'resolved') status = 'resolved'
  else if (f.status === 'closed') status = 'closed'
  else if (lastCallback === null) status = 'resolved'
  else status = lastCallback.satisfaction === 'unsatisfied' ? 'reopened' : 'closed'

  if (status === 'reopened' && now.state !== 'reopened') step('reopen', 'reopened', lastDate, '17:30:00', '原台账记为重新办理')
  if ((status === 'resolved' || status === 'closed') && now.state === 'reopened') step('resolve', 'resolved', lastDate, '17:40:00')
  let closedDate: string | null = null
  if (status === 'closed') {
    closedDate = f.closedDate !== null && f.closedDate >= lastDate ? f.closedDate : lastDate
    step('close', 'closed', closedDate, '17:45:00')
  }
  return {
    ...base,
    status,
    result: f.result ?? '原台账未记录办理结果',
    resolvedDate: status === 'reopened' ? null : (f.resolvedDate ?? resolvedDate),
    closedDate,
    callbacks,
    steps,
  }
}
