import { useEffect, useState } from 'react'
import type { AppInfo } from '../../electron/contract'
import { api } from '../api'
import { prefetchable } from '../lib/prefetch'

export type AppInfoState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'failed'; message: string }

/** Started with the window (layout/first-calls.ts). */
export const appInfo = prefetchable((_: null) => api.appInfo({}))

// The shell reads app-info before it draws any screen (AppShell): the ledger's engine and place are known from then on.
let known: AppInfo | null = null

/** The app-info the shell read at start, without asking again: null only before the shell has it. */
export function knownAppInfo(): AppInfo | null {
  return known
}

export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' })
  useEffect(() => {
    let current = true
    appInfo
      .load(null)
      .then((info) => {
        known = info
        if (current) setState({ status: 'ready', info })
      })
      .catch((e: unknown) => current && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }))
    return () => {
      current = false
    }
  }, [])
  return state
}
