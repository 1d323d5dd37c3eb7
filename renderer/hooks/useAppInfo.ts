import { useEffect, useState } from 'react'
import type { AppInfo } from '../../electron/contract'
import { api } from '../api'

export type AppInfoState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'failed'; message: string }

export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' })
  useEffect(() => {
    let current = true
    api
      .appInfo({})
      .then((info) => current && setState({ status: 'ready', info }))
      .catch((e: unknown) => current && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }))
    return () => {
      current = false
    }
  }, [])
  return state
}
