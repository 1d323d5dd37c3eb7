import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons'
import { ConfigProvider, Pagination, Spin, type PaginationProps } from 'antd'
// The table's own style hook, not the component: with zeroRuntime it only registers the CSS
// variables antd.css reads and names the classes antd's Table carries, so this one is drawn by the
// same rules (as LazyPicker does for the pickers).
import useTableStyle from 'antd/es/table/style'
import { useContext, type KeyboardEvent, type ReactNode } from 'react'
import type { listWaiting } from '../lib/listWaiting'
import './plain-table.css'

export type PlainSortOrder = 'asc' | 'desc'

export interface PlainColumn<T, K extends string = never> {
  key: string
  title: string
  width?: number
  align?: 'right'
  /** Cut off with … in one line (the table's layout is then fixed). */
  ellipsis?: boolean
  /** Sorted by the ledger: `first` is the order a first click gives, the next click flips it. */
  sort?: { key: K; first: PlainSortOrder }
  cell: (row: T) => ReactNode
  /** The cell's title: the whole text of a cell that may be cut off. */
  tip?: (row: T) => string | undefined
}

export interface PlainSorting<K extends string> {
  key: K
  order: PlainSortOrder
  onSort: (key: K, order: PlainSortOrder) => void
}

interface Props<T extends { id: number }, K extends string> {
  className: string
  columns: readonly PlainColumn<T, K>[]
  rows: readonly T[]
  /** Fixed: the columns' widths hold whatever the cells hold (needed for ellipsis); auto: as antd's default. */
  layout: 'fixed' | 'auto'
  rowClassName?: (row: T) => string
  /** A click on a row, or Enter on the focused row: the row is the control. */
  onOpen: (row: T) => void
  sorting?: PlainSorting<K>
  waiting: ReturnType<typeof listWaiting>
  /** antd's Pagination under the rows, drawn only when there are rows to page through (as antd's Table does). */
  pagination: PaginationProps
}

/**
 * A page of rows drawn as antd's Table draws a small one (its classes, the stylesheet's rules, a
 * sortable header's markup, antd's Spin and Pagination) without the component. The ledger's and
 * the directory's lists are pages the ledger sorted and cut: none of Table's client-side sorting,
 * filtering, selection or measuring is used, and its per-cell components and its scroll-bar
 * measuring on every mount (a forced layout) were a third of opening 问题台账.
 */
export function PlainTable<T extends { id: number }, K extends string = never>({
  className,
  columns,
  rows,
  layout,
  rowClassName,
  onOpen,
  sorting,
  waiting,
  pagination,
}: Props<T, K>) {
  const p = useContext(ConfigProvider.ConfigContext).getPrefixCls('table')
  const rootCls = `${p}-css-var`
  const [hashId, cssVarCls] = useTableStyle(p, rootCls)
  const shared = `${cssVarCls} ${rootCls} ${hashId}`
  const empty = rows.length === 0
  const tableClass = [`${p} ${p}-small ${shared}`, layout === 'fixed' && `${p}-layout-fixed`, empty && `${p}-empty`]
  return (
    <div className={`${shared} ${p}-wrapper ${className}`}>
      <Spin {...waiting.loading}>
        <div className={tableClass.filter(Boolean).join(' ')}>
          <div className={`${p}-container`}>
            <div className={`${p}-content`}>
              <table style={{ tableLayout: layout }}>
                <colgroup>
                  {columns.map((c) => (
                    <col key={c.key} style={c.width === undefined ? undefined : { width: c.width }} />
                  ))}
                </colgroup>
                <Head p={p} columns={columns} sorting={sorting} />
                <tbody className={`${p}-tbody`}>
                  {empty ? (
                    <tr className={`${p}-placeholder`}>
                      <td className={`${p}-cell`} colSpan={columns.length}>
                        {waiting.locale.emptyText}
                      </td>
                    </tr>
                  ) : (
                    rows.map((r) => (
                      <Row
                        key={r.id}
                        p={p}
                        row={r}
                        columns={columns}
                        sortKey={sorting?.key}
                        className={rowClassName?.(r)}
                        onOpen={onOpen}
                      />
                    ))
                  )}
                </tbody>
              </table>
            </div>
          </div>
        </div>
        {(pagination.total ?? 0) > 0 && <Pagination {...pagination} size="small" className={`${p}-pagination ${p}-pagination-end`} />}
      </Spin>
    </div>
  )
}

function cellClass(p: string, c: { ellipsis?: boolean; sort?: { key: string } }, sortKey: string | undefined): string {
  let cls = `${p}-cell`
  if (c.ellipsis) cls += ` ${p}-cell-ellipsis`
  if (c.sort !== undefined && c.sort.key === sortKey) cls += ` ${p}-column-sort`
  return cls
}

const alignOf = (c: { align?: 'right' }) => (c.align === undefined ? undefined : { textAlign: c.align })

function Head<T, K extends string>({
  p,
  columns,
  sorting,
}: {
  p: string
  columns: readonly PlainColumn<T, K>[]
  sorting: PlainSorting<K> | undefined
}) {
  return (
    <thead className={`${p}-thead`}>
      <tr>
        {columns.map((c) =>
          c.sort !== undefined && sorting !== undefined ? (
            <SortHeader key={c.key} p={p} title={c.title} sortKey={c.sort.key} first={c.sort.first} sorting={sorting} />
          ) : (
            <th key={c.key} scope="col" className={cellClass(p, c, undefined)} title={c.ellipsis ? c.title : undefined} style={alignOf(c)}>
              {c.title}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}

/** antd's sortable header: a click or Enter flips the order, and a first press gives the column's own first order. */
function SortHeader<K extends string>({
  p,
  title,
  sortKey,
  first,
  sorting,
}: {
  p: string
  title: string
  sortKey: K
  first: PlainSortOrder
  sorting: PlainSorting<K>
}) {
  const on = sorting.key === sortKey
  const next: PlainSortOrder = on ? (sorting.order === 'asc' ? 'desc' : 'asc') : first
  const press = () => sorting.onSort(sortKey, next)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    press()
  }
  const arrow = (order: PlainSortOrder) =>
    `${p}-column-sorter-${order === 'asc' ? 'up' : 'down'}${on && sorting.order === order ? ' active' : ''}`
  return (
    <th
      scope="col"
      tabIndex={0}
      aria-label={title}
      aria-description="可排序"
      aria-sort={on ? (sorting.order === 'asc' ? 'ascending' : 'descending') : undefined}
      // antd's sorter tooltip says the same; a native title costs no component per header.
      title={next === 'asc' ? '点击升序' : '点击降序'}
      className={`${p}-cell${on ? ` ${p}-column-sort` : ''} ${p}-column-has-sorters`}
      onClick={press}
      onKeyDown={onKeyDown}
    >
      <div className={`${p}-column-sorters`}>
        <span className={`${p}-column-title`}>{title}</span>
        <span className={`${p}-column-sorter ${p}-column-sorter-full`}>
          <span className={`${p}-column-sorter-inner`} aria-hidden="true">
            <CaretUpOutlined className={arrow('asc')} />
            <CaretDownOutlined className={arrow('desc')} />
          </span>
        </span>
      </div>
    </th>
  )
}

interface RowProps<T extends { id: number }, K extends string> {
  p: string
  row: T
  columns: readonly PlainColumn<T, K>[]
  sortKey: K | undefined
  className: string | undefined
  onOpen: (row: T) => void
}

function Row<T extends { id: number }, K extends string>({ p, row, columns, sortKey, className, onOpen }: RowProps<T, K>) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.target !== e.currentTarget) return
    e.preventDefault()
    onOpen(row)
  }
  return (
    <tr
      tabIndex={0}
      data-row-key={row.id}
      className={className ? `${p}-row ${p}-row-level-0 ${className}` : `${p}-row ${p}-row-level-0`}
      onClick={() => onOpen(row)}
      onKeyDown={onKeyDown}
    >
      {columns.map((c) => (
        <td key={c.key} className={cellClass(p, c, sortKey)} title={c.tip?.(row)} style={alignOf(c)}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  )
}
