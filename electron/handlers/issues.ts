import { today } from '../../db/core/context'
import { monthlySummary } from '../../db/figures/month'
import { yearlySummary } from '../../db/figures/year'
import { callbackQueue } from '../../db/issues/callback-queue'
import { getIssueDetail, listIssues } from '../../db/issues/queries'
import {
  addProgress,
  assignIssue,
  closeIssue,
  extendIssue,
  recordCallback,
  rejectIssue,
  resolveIssue,
  superviseIssue,
  transferIssue,
} from '../../db/issues/actions'
import { updateIssueText } from '../../db/issues/text'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

export const issueList: Handler<'issue-list'> = (state, input) => listIssues(state.ledger.db, input, today(ledgerContext(state)))
export const issueGet: Handler<'issue-get'> = (state, input) => getIssueDetail(state.ledger.db, input.id, today(ledgerContext(state)))
export const issueAssign: Handler<'issue-assign'> = (state, input) => assignIssue(ledgerContext(state), input)
export const issueProgress: Handler<'issue-progress'> = (state, input) => addProgress(ledgerContext(state), input)
export const issueSupervise: Handler<'issue-supervise'> = (state, input) => superviseIssue(ledgerContext(state), input)
export const issueExtend: Handler<'issue-extend'> = (state, input) => extendIssue(ledgerContext(state), input)
export const issueResolve: Handler<'issue-resolve'> = (state, input) => resolveIssue(ledgerContext(state), input)
export const issueCallback: Handler<'issue-callback'> = (state, input) => recordCallback(ledgerContext(state), input)
export const issueClose: Handler<'issue-close'> = (state, input) => closeIssue(ledgerContext(state), input)
export const issueTransfer: Handler<'issue-transfer'> = (state, input) => transferIssue(ledgerContext(state), input)
export const issueReject: Handler<'issue-reject'> = (state, input) => rejectIssue(ledgerContext(state), input)
export const issueUpdateText: Handler<'issue-update-text'> = (state, input) => updateIssueText(ledgerContext(state), input)
export const callbackDue: Handler<'callback-due'> = (state, input) => callbackQueue(ledgerContext(state), 'due', input)
export const callbackToClose: Handler<'callback-to-close'> = (state, input) => callbackQueue(ledgerContext(state), 'toClose', input)

export const summaryYear: Handler<'summary-year'> = (state, input) => yearlySummary(state.ledger.db, input.year)
export const summaryMonth: Handler<'summary-month'> = (state, input) => monthlySummary(state.ledger.db, input.month, today(ledgerContext(state)))
