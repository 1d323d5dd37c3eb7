import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from './errors'

export interface Query<T> {
  data: T | undefined
  loading: boolean
  error: string | null
  reload: () => void
}

/** Loads once per change of `deps` and on reload(); a stale answer never overwrites a newer one. */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    const ticket = ++latest.current
    setLoading(true)
    loadRef
      .current()
      .then((value) => {
        if (ticket !== latest.current) return
        setData(value)
        setError(null)
      })
      .catch((e: unknown) => {
        if (ticket === latest.current) setError(errorMessage(e))
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false)
      })
    // The caller's deps decide when to reload; `load` itself changes every render.
  }, [...deps, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, loading, error, reload }
}
