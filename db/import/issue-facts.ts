import type { CallbackMethod, IssueStatus, Satisfaction } from '../../shared/types'
import { numberKey } from './linked-sheets'
import { dateOf, type BuildOptions, type RowProblems } from './row-problems'
import type { RowReader } from './row-reader'
import { nameOf, readCallbackMethod, readSatisfaction, readStatus } from './values'

// Gathered apart from the plan: an issue's details may come from a linked 问题台账 / 回访 row rather
// than the visit's own row, and the plan must not care which.

export interface CallbackFact {
  date: string | null
  method: CallbackMethod
  satisfaction: Satisfaction
  comment: string | null
}

export interface IssueFacts {
  number: string | null
  status: IssueStatus | null
  department: string | null
  assignee: string | null
  leader: string | null
  /** From the sheet; null: computed from the category's time limit. */
  dueDate: string | null
  result: string | null
  resolvedDate: string | null
  closedDate: string | null
  transferTo: string | null
  reason: string | null
  callbacks: CallbackFact[]
}

function callbackFrom(reader: RowReader, problems: RowProblems, o: BuildOptions): CallbackFact | null {
  const text = reader.text('callback')
  if (text === null) return null
  const satisfaction = readSatisfaction(text)
  if (satisfaction === null) {
    o.warn(`回访情况“${text}”看不出满意程度，未记为回访`, reader.rowNumber)
    return null
  }
  const date = reader.has('callbackDate') ? dateOf(reader, 'callbackDate', problems, o) : null
  return {
    date: date?.date ?? null,
    method: readCallbackMethod(reader.text('callbackMethod') ?? text) ?? 'other',
    satisfaction,
    comment: reader.text('callbackComment'),
  }
}

export function issueFacts(reader: RowReader, problems: RowProblems, o: BuildOptions, number: string | null): IssueFacts {
  const statusText = reader.text('status')
  const status = readStatus(statusText)
  if (statusText !== null && status === null && !/^否$/.test(statusText))
    o.warn(`办理状态“${statusText}”无法识别，按其他列推断`, reader.rowNumber)
  const linkedCallbacks = number === null ? undefined : o.links.callbacks.get(numberKey(number))
  let callbacks: CallbackFact[]
  if (linkedCallbacks && linkedCallbacks.length > 0) {
    callbacks = linkedCallbacks
      .map((r) => callbackFrom(r, problems, o))
      .filter((c): c is CallbackFact => c !== null)
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
  } else {
    const single = callbackFrom(reader, problems, o)
    callbacks = single ? [single] : []
  }
  return {
    number,
    status,
    department: reader.text('department'),
    assignee: nameOf(reader.cell('assignee')),
    leader: nameOf(reader.cell('leader')),
    dueDate: dateOf(reader, 'dueDate', problems, { ...o, today: '9999-12-31' })?.date ?? null,
    result: reader.text('result'),
    resolvedDate: dateOf(reader, 'resolvedDate', problems, o)?.date ?? null,
    closedDate: dateOf(reader, 'closedDate', problems, o)?.date ?? null,
    transferTo: reader.text('transferTo'),
    reason: reader.text('reason'),
    callbacks,
  }
}
