import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from './errors'

export interface Query<T> {
  data: T | undefined
  loading: boolean
  error: string | null
  reload: () => void
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]))
}

/**
 * Loads once per change of `deps` and on reload(); a stale answer never overwrites a newer one.
 * `ready` gives the answer for the current deps when it is already in (a prefetched call's take()):
 * it is drawn in the render that brought the new deps, with no loading state and no second render.
 */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[], ready?: () => T | undefined): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  // The deps (and reload) whose answer was taken while rendering: their effect has nothing to load.
  const [takenFor, setTakenFor] = useState<{ deps: readonly unknown[]; tick: number } | null>(null)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const taken = takenFor !== null && takenFor.tick === tick && sameDeps(takenFor.deps, deps)
  if (!taken && ready !== undefined) {
    const value = ready()
    // Set while rendering: React draws this component again at once with the answer, before its children.
    if (value !== undefined) {
      setTakenFor({ deps, tick })
      setData(value)
      setError(null)
      setLoading(false)
    }
  }

  useEffect(() => {
    const ticket = ++latest.current
    // Drawn already with the answer in hand; a slower call still on its way is now stale.
    if (taken) return
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
