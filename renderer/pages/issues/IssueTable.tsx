import { memo } from 'react'
import { Empty } from 'antd'
import type { IssueListItem, IssuePage } from '../../../electron/contract/types'
import { lazySizeChanger } from '../../components/LazySizeChanger'
import { PlainTable, type PlainColumn } from '../../components/PlainTable'
import { PlainTag } from '../../components/PlainTag'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../lib/labels'
import { listWaiting } from '../../lib/listWaiting'
import { DueTag } from './DueTag'
import { PAGE_SIZES, type IssueView, type SortKey, type SortOrder } from './filters'
import './issues.css'

interface Props {
  data: IssuePage | undefined
  loading: boolean
  view: IssueView
  filtered: boolean
  onPage: (page: number, pageSize: number) => void
  onSort: (sort: SortKey, order: SortOrder) => void
  onOpen: (id: number) => void
}

const SizeChanger = lazySizeChanger(PAGE_SIZES)
const PAGE_SIZE_OPTIONS = PAGE_SIZES.map(String)

function rowClass(r: IssueListItem): string {
  if (r.dueState === 'overdue') return 'issue-row issue-row-overdue'
  if (r.dueState === 'due_soon') return 'issue-row issue-row-due-soon'
  return 'issue-row'
}

const visitorOf = (r: IssueListItem) => (r.organizationName ? `${r.visitorName}（${r.organizationName}）` : r.visitorName)
const subjectOf = (r: IssueListItem) => [r.subjectName, r.localityName].filter((x) => x !== null).join(' · ') || '—'
const departmentOf = (r: IssueListItem) => r.departmentName ?? (r.status === 'accepted' ? '未交办' : '—')

// Dates start newest first, deadlines most urgent first; a click on the sorted column flips it.
const COLUMNS: readonly PlainColumn<IssueListItem, SortKey>[] = [
  { key: 'number', title: '编号', width: 138, sort: { key: 'number', first: 'asc' }, cell: (r) => r.number },
  {
    key: 'status',
    title: '状态',
    width: 92,
    cell: (r) => <PlainTag color={ISSUE_STATUS_COLOR[r.status]}>{ISSUE_STATUS[r.status]}</PlainTag>,
  },
  { key: 'category', title: '类别', width: 88, ellipsis: true, cell: (r) => r.categoryName, tip: (r) => r.categoryName },
  {
    key: 'content',
    title: '反映问题',
    ellipsis: true,
    tip: (r) => r.content,
    cell: (r) => (
      <>
        {r.procedure !== 'general' && (
          <PlainTag color={r.procedure === 'petition' ? 'magenta' : 'gold'}>{r.procedure === 'petition' ? '信访' : '转办件'}</PlainTag>
        )}
        {r.content}
      </>
    ),
  },
  { key: 'visitor', title: '来访人/企业', width: 172, ellipsis: true, cell: visitorOf, tip: visitorOf },
  { key: 'subject', title: '被反映对象/属地', width: 150, ellipsis: true, cell: subjectOf, tip: subjectOf },
  {
    key: 'department',
    title: '承办股室',
    width: 124,
    ellipsis: true,
    cell: (r) => r.departmentName ?? <span className="issue-muted">{departmentOf(r)}</span>,
    tip: departmentOf,
  },
  { key: 'acceptedDate', title: '受理日期', width: 108, sort: { key: 'acceptedDate', first: 'desc' }, cell: (r) => r.acceptedDate },
  {
    key: 'dueDate',
    title: '办结时限',
    width: 196,
    sort: { key: 'dueDate', first: 'asc' },
    cell: (r) => (
      <span className="issue-due">
        <span className="issue-due-date">{r.dueDate}</span>
        <DueTag state={r.dueState} provisional={r.dueProvisional} overdueBy={r.overdueBy} />
      </span>
    ),
  },
]

/** The ledger, one page at a time from main; a row opens with a click or Enter. */
export const IssueTable = memo(function IssueTable({ data, loading, view, filtered, onPage, onSort, onOpen }: Props) {
  return (
    <PlainTable<IssueListItem, SortKey>
      // While a page is on its way: the screen tests wait for its end, as the clerk waits for the rows.
      className={loading ? 'issue-table issue-table-loading' : 'issue-table'}
      columns={COLUMNS}
      rows={data?.rows ?? []}
      rowClassName={rowClass}
      onOpen={(r) => onOpen(r.id)}
      sorting={{ key: view.sort, order: view.order, onSort }}
      waiting={listWaiting(loading, data !== undefined, <Empty description={filtered ? '没有符合条件的问题' : '台账中还没有受理的问题'} />)}
      pagination={{
        current: view.page,
        pageSize: view.pageSize,
        total: data?.total ?? 0,
        pageSizeOptions: PAGE_SIZE_OPTIONS,
        showSizeChanger: true,
        components: { sizeChanger: SizeChanger },
        showTotal: (total) => `共 ${total} 个问题`,
        // A new page size starts again at the first page.
        onChange: (page, size) => onPage(size !== view.pageSize ? 1 : page, size),
      }}
    />
  )
})
