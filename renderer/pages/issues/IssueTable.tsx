import { memo, useMemo } from 'react'
import { Empty, Table, type TableColumnsType, type TableProps } from 'antd'
import type { IssueListItem, IssuePage } from '../../../electron/contract/types'
import { lazySizeChanger } from '../../components/LazySizeChanger'
import { PlainTag } from '../../components/PlainTag'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../lib/labels'
import { DueTag } from './DueTag'
import { PAGE_SIZES, type IssueView, type SortKey, type SortOrder } from './filters'
import './issues.css'
import { listWaiting } from '../../lib/listWaiting'

interface Props {
  data: IssuePage | undefined
  loading: boolean
  view: IssueView
  filtered: boolean
  onPage: (page: number, pageSize: number) => void
  onSort: (sort: SortKey, order: SortOrder) => void
  onOpen: (id: number) => void
}

const SORT_KEYS: readonly SortKey[] = ['acceptedDate', 'dueDate', 'number']

type SortOrderName = 'ascend' | 'descend'

const SizeChanger = lazySizeChanger(PAGE_SIZES)

function isSortKey(key: unknown): key is SortKey {
  return SORT_KEYS.some((k) => k === key)
}

function rowClass(r: IssueListItem): string {
  if (r.dueState === 'overdue') return 'issue-row issue-row-overdue'
  if (r.dueState === 'due_soon') return 'issue-row issue-row-due-soon'
  return 'issue-row'
}

function columnsFor(sort: SortKey, order: SortOrder): TableColumnsType<IssueListItem> {
  const sortOrder = (key: SortKey) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null)
  // A click flips the order and never lands on "unsorted"; dates start newest-first, deadlines most urgent first.
  const flip: SortOrderName[] = ['ascend', 'descend', 'ascend']
  const flipNewestFirst: SortOrderName[] = ['descend', 'ascend', 'descend']
  return [
    { key: 'number', title: '编号', dataIndex: 'number', width: 138, sorter: true, sortOrder: sortOrder('number'), sortDirections: flip },
    {
      key: 'status',
      title: '状态',
      width: 92,
      render: (_, r) => <PlainTag color={ISSUE_STATUS_COLOR[r.status]}>{ISSUE_STATUS[r.status]}</PlainTag>,
    },
    { key: 'category', title: '类别', dataIndex: 'categoryName', width: 88, ellipsis: true },
    {
      key: 'content',
      title: '反映问题',
      ellipsis: true,
      render: (_, r) => (
        <>
          {r.procedure !== 'general' && (
            <PlainTag color={r.procedure === 'petition' ? 'magenta' : 'gold'}>{r.procedure === 'petition' ? '信访' : '转办件'}</PlainTag>
          )}
          {r.content}
        </>
      ),
    },
    {
      key: 'visitor',
      title: '来访人/企业',
      width: 172,
      ellipsis: true,
      render: (_, r) => (r.organizationName ? `${r.visitorName}（${r.organizationName}）` : r.visitorName),
    },
    {
      key: 'subject',
      title: '被反映对象/属地',
      width: 150,
      ellipsis: true,
      render: (_, r) => [r.subjectName, r.localityName].filter((x) => x !== null).join(' · ') || '—',
    },
    {
      key: 'department',
      title: '承办股室',
      width: 124,
      ellipsis: true,
      render: (_, r) => r.departmentName ?? <span className="issue-muted">{r.status === 'accepted' ? '未交办' : '—'}</span>,
    },
    {
      key: 'acceptedDate',
      title: '受理日期',
      dataIndex: 'acceptedDate',
      width: 108,
      sorter: true,
      sortOrder: sortOrder('acceptedDate'),
      sortDirections: flipNewestFirst,
    },
    {
      key: 'dueDate',
      title: '办结时限',
      width: 196,
      sorter: true,
      sortOrder: sortOrder('dueDate'),
      sortDirections: flip,
      render: (_, r) => (
        <span className="issue-due">
          <span className="issue-due-date">{r.dueDate}</span>
          <DueTag state={r.dueState} provisional={r.dueProvisional} overdueBy={r.overdueBy} />
        </span>
      ),
    },
  ]
}

/** The ledger, one page at a time from main; a row opens with a click or Enter. */
export const IssueTable = memo(function IssueTable({ data, loading, view, filtered, onPage, onSort, onOpen }: Props) {
  // The columns change only with the order: a new page of rows reuses them (the cells are plain
  // spans, no antd component per cell, since a page of rows is most of what a click waits for).
  const columns = useMemo(() => columnsFor(view.sort, view.order), [view.sort, view.order])

  const onChange: TableProps<IssueListItem>['onChange'] = (p, _f, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter
      if (s && isSortKey(s.columnKey) && s.order) onSort(s.columnKey, s.order === 'ascend' ? 'asc' : 'desc')
      else onSort('acceptedDate', 'desc')
      return
    }
    if (extra.action === 'paginate') {
      const size = p.pageSize ?? view.pageSize
      onPage(size !== view.pageSize ? 1 : (p.current ?? 1), size)
    }
  }

  return (
    <Table<IssueListItem>
      // While a page is on its way: the screen tests wait for its end, as the clerk waits for the rows.
      className={loading ? 'issue-table issue-table-loading' : 'issue-table'}
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={data?.rows ?? []}
      {...listWaiting(loading, data !== undefined, <Empty description={filtered ? '没有符合条件的问题' : '台账中还没有受理的问题'} />)}
      rowClassName={rowClass}
      onRow={(r) => ({
        tabIndex: 0,
        onClick: () => onOpen(r.id),
        onKeyDown: (e) => {
          if (e.key === 'Enter' && e.target === e.currentTarget) {
            e.preventDefault()
            onOpen(r.id)
          }
        },
      })}
      pagination={{
        current: view.page,
        pageSize: view.pageSize,
        total: data?.total ?? 0,
        pageSizeOptions: PAGE_SIZES.map(String),
        showSizeChanger: true,
        components: { sizeChanger: SizeChanger },
        showTotal: (total) => `共 ${total} 个问题`,
        size: 'small',
      }}
      onChange={onChange}
    />
  )
})
