import { useEffect, useRef, useState } from 'react'

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

/** The route the address shows now. */
export function currentRoute(): Route {
  return parse(window.location.hash)
}

/**
 * Hash routing: works over file:// in Electron and over the preview bridge alike. `onChange` hears
 * of each change before the new route is drawn (layout/first-calls.ts starts the screen's calls).
 */
export function useRoute(onChange?: (from: Route, to: Route) => void): Route {
  const [route, setRoute] = useState(currentRoute)
  const shown = useRef(route)
  const heard = useRef(onChange)
  heard.current = onChange
  useEffect(() => {
    const changed = () => {
      const to = currentRoute()
      heard.current?.(shown.current, to)
      shown.current = to
      setRoute(to)
    }
    window.addEventListener('hashchange', changed)
    return () => window.removeEventListener('hashchange', changed)
  }, [])
  return route
}
