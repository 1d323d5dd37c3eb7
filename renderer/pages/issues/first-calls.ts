import type { ContractInput } from '../../../electron/contract'
import { api } from '../../api'
import { prefetchable } from '../../lib/prefetch'
import { initialView, toListInput } from './filters'

// 问题台账's calls, started by the click that opens the screen or an issue (layout/first-calls.ts).

/**
 * How long a filter, page or order chosen in 问题台账 waits for its rows before the table is drawn
 * as loading (its spinner follows after listWaiting's pause): a page of rows takes the ledger a few
 * tens of milliseconds.
 */
export const ANSWER_WAIT_MS = 100

export const issuePage = prefetchable((input: ContractInput<'issue-list'>) => api.issueList(input))

/** The 已超期 / 即将到期 buttons' two counts. */
export const dueCounts = prefetchable((_: null) => api.issueDueCounts({}))

export const issueDetail = prefetchable((id: number) => api.issueGet({ id }))

/** `#/issues?id=N` opens issue N in the drawer. */
export function openIssueId(params: URLSearchParams | undefined): number | null {
  const n = Number(params?.get('id') ?? '')
  return Number.isInteger(n) && n > 0 ? n : null
}

/** The screen opened: its first page as it starts (no filter), the counts, and the issue the address opens. */
export function startIssuesScreen(params: URLSearchParams): void {
  void issuePage.start(toListInput(initialView))
  void dueCounts.start(null)
  startIssueDrawer(params)
}

export function startIssueDrawer(params: URLSearchParams): void {
  const id = openIssueId(params)
  if (id !== null) void issueDetail.start(id)
}
