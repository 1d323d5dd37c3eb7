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
  /** Cut off with … in one line; a table with such a column lays its columns out at their widths, whatever the cells hold. */
  ellipsis?: boolean
  /** Sorted by the ledger: `first` is the order a first press gives, the next press flips it. */
  sort?: { key: K; first: PlainSortOrder }
  cell: (row: T) => ReactNode
  /** A cut-off cell's title, its whole text: by default the cell itself when it is only text. */
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
  rowClassName?: (row: T) => string
  /** A click on a row, or Enter on the focused row: the row is the control. */
  onOpen: (row: T) => void
  sorting?: PlainSorting<K>
  waiting: ReturnType<typeof listWaiting>
  /** antd's Pagination under the rows, small, drawn only when the total is above 0 (as antd's Table does). */
  pagination: PaginationProps
}

/** antd's words for a sortable header, from the locale the app gives ConfigProvider. */
interface SortWords {
  sortable: string
  asc: string
  desc: string
}

/**
 * A page of rows drawn as antd's Table draws a small one (its classes, the stylesheet's rules, a
 * sortable header's markup, antd's Spin and Pagination) without the component. The ledger's and
 * the directory's lists are pages the ledger sorted and cut: none of Table's client-side sorting,
 * filtering, selection or measuring is used, and its per-cell components and its scroll-bar
 * measuring on every mount (a forced layout) were 15–20 ms of the script in opening 问题台账.
 * The sort hint is the header's native title, not antd's Tooltip: no component per header.
 */
export function PlainTable<T extends { id: number }, K extends string = never>({
  className,
  columns,
  rows,
  rowClassName,
  onOpen,
  sorting,
  waiting,
  pagination,
}: Props<T, K>) {
  const { getPrefixCls, locale } = useContext(ConfigProvider.ConfigContext)
  const p = getPrefixCls('table')
  const rootCls = `${p}-css-var`
  const [hashId, cssVarCls] = useTableStyle(p, rootCls)
  const themeClasses = `${cssVarCls} ${rootCls} ${hashId}`
  // As antd's Table: cut-off cells need the columns held at their widths.
  const layout = columns.some((c) => c.ellipsis) ? 'fixed' : 'auto'
  const words: SortWords = {
    sortable: locale?.global?.sortable ?? '可排序',
    asc: locale?.Table?.triggerAsc ?? '点击升序',
    desc: locale?.Table?.triggerDesc ?? '点击降序',
  }
  const empty = rows.length === 0
  const tableClass = [`${p} ${p}-small ${themeClasses}`, layout === 'fixed' && `${p}-layout-fixed`, empty && `${p}-empty`]
  return (
    <div className={`${themeClasses} ${p}-wrapper plain-table ${className}`}>
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
                <thead className={`${p}-thead`}>
                  <tr>
                    {columns.map((c) =>
                      c.sort !== undefined && sorting !== undefined ? (
                        <SortHeader key={c.key} p={p} column={c} sortBy={c.sort} sorting={sorting} words={words} />
                      ) : (
                        <th
                          key={c.key}
                          scope="col"
                          className={cellClass(p, c, false)}
                          title={c.ellipsis ? c.title : undefined}
                          style={alignOf(c)}
                        >
                          {c.title}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
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
        {(pagination.total ?? 0) > 0 && (
          <Pagination
            {...pagination}
            size="small"
            className={[`${p}-pagination ${p}-pagination-end`, pagination.className].filter(Boolean).join(' ')}
          />
        )}
      </Spin>
    </div>
  )
}

function cellClass(p: string, c: { ellipsis?: boolean }, sorted: boolean): string {
  let cls = `${p}-cell`
  if (c.ellipsis) cls += ` ${p}-cell-ellipsis`
  if (sorted) cls += ` ${p}-column-sort`
  return cls
}

const alignOf = (c: { align?: 'right' }) => (c.align === undefined ? undefined : { textAlign: c.align })

/** antd's sortable header: a press or Enter flips the order; a first press gives the column's own first order. */
function SortHeader<T, K extends string>({
  p,
  column,
  sortBy,
  sorting,
  words,
}: {
  p: string
  column: PlainColumn<T, K>
  sortBy: { key: K; first: PlainSortOrder }
  sorting: PlainSorting<K>
  words: SortWords
}) {
  const sorted = sorting.key === sortBy.key
  const next: PlainSortOrder = sorted ? (sorting.order === 'asc' ? 'desc' : 'asc') : sortBy.first
  const press = () => sorting.onSort(sortBy.key, next)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    press()
  }
  const arrow = (order: PlainSortOrder) =>
    `${p}-column-sorter-${order === 'asc' ? 'up' : 'down'}${sorted && sorting.order === order ? ' active' : ''}`
  return (
    <th
      scope="col"
      tabIndex={0}
      aria-label={column.title}
      aria-description={words.sortable}
      aria-sort={sorted ? (sorting.order === 'asc' ? 'ascending' : 'descending') : undefined}
      title={next === 'asc' ? words.asc : words.desc}
      className={`${cellClass(p, column, sorted)} ${p}-column-has-sorters`}
      style={alignOf(column)}
      onClick={press}
      onKeyDown={onKeyDown}
    >
      <div className={`${p}-column-sorters`}>
        <span className={`${p}-column-title`}>{column.title}</span>
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
      {columns.map((c) => {
        const content = c.cell(row)
        const tip =
          c.tip?.(row) ?? (c.ellipsis && (typeof content === 'string' || typeof content === 'number') ? String(content) : undefined)
        return (
          <td key={c.key} className={cellClass(p, c, c.sort !== undefined && c.sort.key === sortKey)} title={tip} style={alignOf(c)}>
            {content}
          </td>
        )
      })}
    </tr>
  )
}
