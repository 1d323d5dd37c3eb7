import type { ContractInput } from '../../../electron/contract'
import { api } from '../../api'
import { prefetchable } from '../../lib/prefetch'
import { initialView, toListInput } from './filters'

// 问题台账's calls, started by the click that opens the screen or an issue (layout/first-calls.ts).

/**
 * How long a click within 问题台账 (a filter, a page, a row) waits for its answer before the
 * screen shows its loading state: a page of rows takes the ledger a few tens of milliseconds.
 */
export const ANSWER_WAIT_MS = 100

export const issuePage = prefetchable((input: ContractInput<'issue-list'>) => api.issueList(input))

/** The 已超期 / 即将到期 buttons' two counts. */
export const dueCounts = prefetchable(async (_: null) => {
  const [overdue, dueSoon] = await Promise.all([
    api.issueList({ dueState: 'overdue', pageSize: 1 }),
    api.issueList({ dueState: 'due_soon', pageSize: 1 }),
  ])
  return { overdue: overdue.total, dueSoon: dueSoon.total }
})

export const issueDetail = prefetchable((id: number) => api.issueGet({ id }))

/** `#/issues?id=N` opens issue N in the drawer. */
export function openIssueId(params: URLSearchParams | undefined): number | null {
  const n = Number(params?.get('id') ?? '')
  return Number.isInteger(n) && n > 0 ? n : null
}

/** The screen opened: its first page as it starts (no filter), the counts, and the issue the address opens. */
export function startIssuesScreen(params: URLSearchParams): Promise<unknown> {
  // Settles either way: a failed call is the screen's to show (its own call tries again).
  return Promise.all([issuePage.start(toListInput(initialView)), dueCounts.start(null), startIssueDrawer(params)]).catch(() => undefined)
}

export function startIssueDrawer(params: URLSearchParams): Promise<unknown> {
  const id = openIssueId(params)
  return id === null ? Promise.resolve() : issueDetail.start(id)
}
