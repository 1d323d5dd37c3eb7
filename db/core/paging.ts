/** Which page of a list the screen asks for; both optional, bounded by pageBounds. */
export interface Paging {
  page?: number | undefined
  pageSize?: number | undefined
}

/** The page asked for, bounded: from page 1, and from 1 row to `max` (`size` when not given). */
export function pageBounds(paging: Paging, size: number, max: number): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, paging.page ?? 1)
  const pageSize = Math.min(max, Math.max(1, paging.pageSize ?? size))
  return { page, pageSize, offset: (page - 1) * pageSize }
}
