import { api } from '../../api'
import { prefetchable } from '../../lib/prefetch'

// 企业与来访人's calls, started by the click that opens the screen or a tab (layout/first-calls.ts).

export const DIRECTORY_PAGE_SIZE = 10

export interface DirectoryArgs {
  query: string
  page: number
  pageSize: number
}

export const organizationPage = prefetchable((args: DirectoryArgs) => api.organizationList(args))
export const visitorPage = prefetchable((args: DirectoryArgs) => api.visitorList(args))

export type DirectoryTab = 'organizations' | 'visitors'

export function tabOf(params: URLSearchParams | undefined): DirectoryTab {
  return params?.get('tab') === 'visitors' ? 'visitors' : 'organizations'
}

/** A tab's first page as it opens: nothing searched for. */
export const DIRECTORY_FIRST_PAGE: DirectoryArgs = { query: '', page: 1, pageSize: DIRECTORY_PAGE_SIZE }

/** Asks for a tab's first page on the click or route change that opens it. */
export function startDirectoryTab(tab: DirectoryTab): void {
  void (tab === 'visitors' ? visitorPage.start(DIRECTORY_FIRST_PAGE) : organizationPage.start(DIRECTORY_FIRST_PAGE))
}
