import { LedgerError } from '../../db/core/errors'
import type { JobProgress } from '../../shared/types'
import type { AppState } from './types'

export type OnProgress = (p: { done: number; total: number }) => void

const idle: JobProgress = { running: false, done: 0, total: 0 }

/** One job of a kind at a time per app, with its progress readable while it runs. */
export function progressTracker(busyMessage: string) {
  const jobs = new WeakMap<AppState, JobProgress>()
  const refuseIfBusy = (state: AppState): void => {
    if (jobs.get(state)?.running) throw new LedgerError('busy', busyMessage)
  }
  return {
    read: (state: AppState): JobProgress => ({ ...(jobs.get(state) ?? idle) }),
    refuseIfBusy,
    async run<T>(state: AppState, work: (onProgress: OnProgress) => Promise<T>): Promise<T> {
      refuseIfBusy(state)
      const current: JobProgress = { running: true, done: 0, total: 0 }
      jobs.set(state, current)
      try {
        return await work(({ done, total }) => {
          current.done = done
          current.total = total
        })
      } finally {
        current.running = false
      }
    },
  }
}
