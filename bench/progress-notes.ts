// The second pass of the synthetic ledger: progress notes, which can only fall inside the windows
// the issues' lives left (bench/issue-life.ts).

import type { Staff } from '../shared/types'
import { dateOf } from './days'
import type { ProgressWindow } from './issue-life'
import type { LedgerInserts } from './ledger-inserts'
import { pick, type Rand } from './random'
import { PROGRESS, SUPERVISION } from './text'

/** The note that started the work for each window, then the rest spread at random up to the target. */
export function addProgressNotes(rand: Rand, windows: ProgressWindow[], progressTarget: number, desk: Staff, inserts: LedgerInserts): void {
  const insProgress = inserts.progress
  let notes = 0
  const addNote = (w: ProgressWindow, startDay?: number) => {
    const first = startDay !== undefined
    const day = startDay ?? w.from + Math.floor(rand() * (w.to - w.from + 1))
    const supervision = !first && rand() < 0.08
    insProgress(
      w.issueId,
      supervision ? 'supervision' : 'progress',
      dateOf(day),
      supervision ? pick(rand, SUPERVISION) : pick(rand, PROGRESS),
      desk.id,
      `${dateOf(day)} 16:30:00`,
    )
    notes += 1
  }
  for (const w of windows) for (const start of w.starts) addNote(w, start)
  while (notes < progressTarget && windows.length > 0) {
    const w = windows[Math.floor(rand() * windows.length)]
    if (w) addNote(w)
  }
}
