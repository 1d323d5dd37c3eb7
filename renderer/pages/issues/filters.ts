import { dueState, type DueFilter } from '../../../shared/codes/issues'
import type { Dayjs } from 'dayjs'
import type { IssueStatus, Procedure } from '../../../electron/contract/types'
import type { ContractInput } from '../../../electron/contract'

export type { DueFilter }
export type SortKey = 'acceptedDate' | 'dueDate' | 'number'
export type SortOrder = 'asc' | 'desc'

/** What the filter bar holds; every change goes back to page 1. */
export interface IssueFilters {
  status: IssueStatus[]
  categoryId: number | null
  departmentId: number | null
  /** 属地. */
  localityId: number | null
  dueState: DueFilter | null
  month: Dayjs | null
  text: string
  /** 办理程序: 一般问题, 信访事项 or 转办件. */
  procedure: Procedure | null
}

export interface IssueView {
  filters: IssueFilters
  page: number
  pageSize: number
  sort: SortKey
  order: SortOrder
}

export const PAGE_SIZES = [20, 50, 100] as const

export const emptyFilters: IssueFilters = {
  status: [],
  categoryId: null,
  departmentId: null,
  localityId: null,
  dueState: null,
  month: null,
  text: '',
  procedure: null,
}

export const initialView: IssueView = { filters: emptyFilters, page: 1, pageSize: 20, sort: 'acceptedDate', order: 'desc' }

export const DUE_FILTER_LABEL: Readonly<Record<DueFilter, string>> = dueState.labels

/** The status filter's order: a reopened issue sits with the ones still being handled. */
export const ALL_STATUSES = [
  'accepted',
  'assigned',
  'in_progress',
  'reopened',
  'resolved',
  'closed',
  'transferred',
  'rejected',
] as const satisfies readonly IssueStatus[]

export function hasFilters(f: IssueFilters): boolean {
  return (
    f.status.length > 0 ||
    f.categoryId !== null ||
    f.departmentId !== null ||
    f.localityId !== null ||
    f.dueState !== null ||
    f.month !== null ||
    f.procedure !== null ||
    f.text.trim() !== ''
  )
}

/** The view as the contract's issue-list input: one page only, never the whole ledger. */
export function toListInput(view: IssueView): ContractInput<'issue-list'> {
  const f = view.filters
  const text = f.text.trim()
  return {
    ...(f.status.length > 0 ? { status: f.status } : {}),
    ...(f.categoryId !== null ? { categoryId: f.categoryId } : {}),
    ...(f.departmentId !== null ? { departmentId: f.departmentId } : {}),
    ...(f.localityId !== null ? { localityId: f.localityId } : {}),
    ...(f.dueState !== null ? { dueState: f.dueState } : {}),
    ...(f.month !== null ? { month: f.month.format('YYYY-MM') } : {}),
    ...(text !== '' ? { text: text.slice(0, 100) } : {}),
    ...(f.procedure !== null ? { procedure: f.procedure } : {}),
    sort: view.sort,
    order: view.order,
    page: view.page,
    pageSize: view.pageSize,
  }
}
