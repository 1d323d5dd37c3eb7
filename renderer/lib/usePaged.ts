import type { PaginationProps } from 'antd'
import { useEffect, useState } from 'react'
import { useQuery, type Query } from './useQuery'

export interface Paged<T> {
  query: Query<T | null>
  page: number
  setPage: (page: number) => void
}

/**
 * One page of a list the ledger pages, loaded again when `deps` change. When the list shrinks
 * under it (a call, a 销号, a void), the page falls back to the last one that still exists.
 */
export function usePaged<T extends { total: number }>(
  load: (paging: { page: number; pageSize: number }) => Promise<T | null>,
  deps: readonly unknown[],
  pageSize: number,
): Paged<T> {
  const [page, setPage] = useState(1)
  const query = useQuery(() => load({ page, pageSize }), [...deps, page, pageSize])
  useLastPageKept(query.data?.total, page, pageSize, setPage)
  return { query, page, setPage }
}

/**
 * When a list shrinks under the page shown (a 销号, a void, a merge, another desk's work), goes to the
 * last page that still exists, so the clerk never sees an empty page under a count of rows.
 */
export function useLastPageKept(total: number | undefined, page: number, pageSize: number, setPage: (page: number) => void): void {
  useEffect(() => {
    if (total === undefined) return
    const last = Math.max(1, Math.ceil(total / pageSize))
    if (page > last) setPage(last)
  }, [total, page, pageSize, setPage])
}

/**
 * A table's or list's pager over a list the ledger pages: the count is the ledger's, one page is on
 * screen. `unit` adds “共 N unit” where the card's title does not already say how many.
 */
export function pagerOf<T extends { total: number }>(paged: Paged<T>, pageSize: number, unit?: string): PaginationProps {
  return {
    current: paged.page,
    pageSize,
    total: paged.query.data?.total ?? 0,
    onChange: paged.setPage,
    hideOnSinglePage: true,
    size: 'small',
    showSizeChanger: false,
    ...(unit === undefined ? {} : { showTotal: (n: number) => `共 ${n} ${unit}` }),
  }
}
