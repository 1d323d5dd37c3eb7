// A screen's first call, started on the click or route change that opens the screen, while React
// is still drawing it, instead of after its first render: the screen's own call then takes the
// answer already on its way. Used once: the next call with the same input (a reload after a save)
// asks the ledger again, and an answer nobody took within FRESH_MS is dropped.

/** Longer than a screen takes to mount, its code fetched; short enough that nothing stale is shown. */
const FRESH_MS = 3000

export interface Prefetchable<I, T> {
  /** Starts the call now, unless the same one is already on its way. */
  start(input: I): Promise<T>
  /** The screen's call: the answer started for exactly this input, or a new call. */
  load(input: I): Promise<T>
  /**
   * The answer started for exactly this input if it is already in, taken as load() would take it;
   * undefined while it is still on its way. A screen drawn after its answer came draws it at once
   * (useQuery's `ready`) instead of drawing itself empty first.
   */
  take(input: I): T | undefined
}

/**
 * Waits for `answer` for at most `ms`, never failing: a click that changes the screen waits this
 * long for its answer (and code), so the screen is drawn once with it. Longer, it shows the
 * screen's loading state meanwhile, as before.
 */
export function briefly(answer: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms)
    const done = () => {
      window.clearTimeout(timer)
      resolve()
    }
    answer.then(done, done)
  })
}

/** The input as text, its fields in name order: the same input however its object was written. */
function keyOf(input: unknown): string {
  return (
    JSON.stringify(input, (_name, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
    ) ?? ''
  )
}

/** The call's promise; a call that throws before it is sent is a rejected one. */
function attempt<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call()
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)))
  }
}

export function prefetchable<I, T>(call: (input: I) => Promise<T>): Prefetchable<I, T> {
  let waiting: { key: string; answer: Promise<T>; at: number; settled?: { value: T } } | null = null
  const fresh = (key: string) => waiting !== null && waiting.key === key && performance.now() - waiting.at < FRESH_MS
  return {
    start(input) {
      const key = keyOf(input)
      if (waiting !== null && fresh(key)) return waiting.answer
      // Sent now, in the click's own task, before React draws anything.
      const answer = attempt(() => call(input))
      const started: NonNullable<typeof waiting> = { key, answer, at: performance.now() }
      waiting = started
      void answer.then(
        (value) => {
          started.settled = { value }
        },
        () => undefined,
      )
      // A call that failed before the screen asked is dropped: the screen's own call tries again
      // and shows what it says. Caught here, so it is not an unhandled rejection meanwhile.
      answer.catch(() => {
        if (waiting === started) waiting = null
      })
      return answer
    },
    load(input) {
      const key = keyOf(input)
      const taken = waiting !== null && fresh(key) ? waiting.answer : null
      waiting = null
      return taken ?? call(input)
    },
    take(input) {
      const key = keyOf(input)
      const settled = waiting !== null && fresh(key) ? waiting.settled : undefined
      if (settled === undefined) return undefined
      waiting = null
      return settled.value
    },
  }
}
