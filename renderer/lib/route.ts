import { useEffect, useState } from 'react'

export type PageKey = 'today' | 'contacts' | 'sessions' | 'issues' | 'callbacks' | 'directory' | 'summary' | 'settings' | 'print'

const PAGES: readonly PageKey[] = ['today', 'contacts', 'sessions', 'issues', 'callbacks', 'directory', 'summary', 'settings', 'print']

export interface Route {
  page: PageKey
  /** e.g. `#/issues?id=12` opens issue 12 in the ledger. */
  params: URLSearchParams
}

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const page = PAGES.find((p) => p === path) ?? 'today'
  return { page, params: new URLSearchParams(query) }
}

export function navigate(page: PageKey, params: Record<string, string | number> = {}): void {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
  window.location.hash = `#/${page}${query ? `?${query}` : ''}`
}

/** Hash routing: works over file:// in Electron and over the preview bridge alike. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
