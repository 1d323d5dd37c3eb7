import { Alert, Input } from 'antd'
import { useState } from 'react'
import type { DirectoryPage } from '../../../electron/contract/types'
import { PlainTable, type PlainColumn } from '../../components/PlainTable'
import { useQuery } from '../../lib/useQuery'
import { useDebounced } from '../../lib/useDebounced'
import { useLastPageKept } from '../../lib/usePaged'
import { DIRECTORY_PAGE_SIZE } from './first-calls'
import './directory.css'
import { listWaiting } from '../../lib/listWaiting'

interface Props<T extends { id: number }> {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
  /** One page of rows matching the (trimmed, debounced) search text. */
  load: (args: { query: string; page: number; pageSize: number }) => Promise<DirectoryPage<T>>
  /** The same page when its answer is already in (a prefetched call's take()), drawn at once. */
  ready?: (args: { query: string; page: number; pageSize: number }) => DirectoryPage<T> | undefined
  searchLabel: string
  placeholder: string
  autoFocus?: boolean
  /** The counter's unit: `共 ${n} ${unit}`. */
  unit: string
  /** What an empty list says when nothing is being searched for. */
  emptyText: string
  columns: readonly PlainColumn<T>[]
}

/** A search box over a paged list; a click on a row selects it. */
export function PagedSearchTable<T extends { id: number }>({
  version,
  selectedId,
  onSelect,
  load,
  ready,
  searchLabel,
  placeholder,
  autoFocus,
  unit,
  emptyText,
  columns,
}: Props<T>) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const [page, setPage] = useState(1)
  const list = useQuery(
    () => load({ query, page, pageSize: DIRECTORY_PAGE_SIZE }),
    [query, page, version],
    ready === undefined ? undefined : () => ready({ query, page, pageSize: DIRECTORY_PAGE_SIZE }),
  )
  useLastPageKept(list.data?.total, page, DIRECTORY_PAGE_SIZE, setPage)
  return (
    <>
      <Input.Search
        aria-label={searchLabel}
        placeholder={placeholder}
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setPage(1)
        }}
        onSearch={(v) => setText(v)}
        style={{ width: 420, marginBottom: 12 }}
        autoFocus={autoFocus}
      />
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <PlainTable<T>
        // While a page is on its way: the screen tests wait for its end, as the clerk waits for the rows.
        className={list.loading ? 'directory-table directory-table-loading' : 'directory-table'}
        columns={columns}
        rows={list.data?.rows ?? []}
        rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
        // The row is the control (its name is plain text): a click, or Enter on the focused row.
        onOpen={(r) => onSelect(r.id)}
        waiting={listWaiting(list.loading, list.data !== undefined, query ? `没有找到“${query}”` : emptyText)}
        pagination={{
          current: page,
          pageSize: DIRECTORY_PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} ${unit}`,
          onChange: setPage,
        }}
      />
    </>
  )
}

/**
 * The two columns every directory list ends with. Cells are plain spans with antd's text colours
 * (directory.css), not a Typography component per cell: a page of rows is most of a click's wait.
 */
export function visitColumns<T extends { lastVisitDate: string | null; openIssueCount: number }>(): PlainColumn<T>[] {
  return [
    { key: 'lastVisitDate', title: '最近来访', width: 100, cell: (r) => r.lastVisitDate ?? '—' },
    {
      key: 'openIssueCount',
      title: '未办结',
      width: 70,
      align: 'right',
      cell: (r) =>
        r.openIssueCount > 0 ? (
          <span className="directory-warning">{r.openIssueCount} 个</span>
        ) : (
          <span className="directory-muted">0</span>
        ),
    },
  ]
}
