// The ledger screens at scale in Chromium (found by test/support/tools.ts) over the test bridge:
// the walk test/e2e/scale.test.ts checks on a tenth of the ledger (test/support/ledger-walk.ts),
// timed here.

import type { LocalLedger } from '../db/core/open'
import type { Envelope } from '../electron/contract/define'
import { openApp } from '../test/support/browser'
import {
  longestList,
  startDesk,
  walkDirectory,
  walkLedger,
  type DeskStart,
  type DirectoryTabWalk,
  type LedgerWalk,
} from '../test/support/ledger-walk'
import type { StepParts } from '../test/support/step-parts'
import { findTool } from '../test/support/tools'
import { stats, type Measuring } from './measure'
import { rendererBuilt } from './renderer'

export interface ScreenWalks {
  category: string
  /** The visits on today's reception day, which the desk shows. */
  dayVisits: number
  deskStarts: DeskStart[]
  ledgerWalks: LedgerWalk[]
  directoryWalks: { organizations: DirectoryTabWalk; visitors: DirectoryTabWalk }[]
  /** Per channel, the most rows one answer carried (the longest array in it), and how many calls. */
  longestAnswer: Record<string, number>
  bridgeCalls: number
}

export interface ScreenSetup {
  file: string
  ledger: LocalLedger
  today: string
  /** Today's reception day, where the registration measurement left its visits. */
  sessionId: number
}

/** Skipped, with a line saying why, when there is no browser or no built renderer: the walks come back empty. */
export async function walkScreens(m: Measuring, { file, ledger, today, sessionId }: ScreenSetup): Promise<ScreenWalks> {
  const walkCategory = '大气'
  const deskStarts: DeskStart[] = []
  const ledgerWalks: LedgerWalk[] = []
  const directoryWalks: { organizations: DirectoryTabWalk; visitors: DirectoryTabWalk }[] = []
  const longestAnswer: Record<string, number> = {}
  let bridgeCalls = 0
  // The registration measurement left its visits on today's reception day, still open: the desk
  // shows that day as it would at the end of a very busy one.
  const dayVisits = Number(
    ledger.sqlite.prepare('select count(*) from visits where session_id = ? and voided_at is null').pluck().get(sessionId) ?? 0,
  )
  const browser = findTool('browser')
  if (!browser.found) process.stdout.write(`  skipped the screens at scale: ${browser.en} (npm run preflight says how to install one)\n`)
  else if (!rendererBuilt()) process.stdout.write('  skipped the screens at scale: no out/renderer (npm run build)\n')
  else {
    const onCall = (channel: string, _input: unknown, envelope: Envelope<unknown>) => {
      bridgeCalls += 1
      longestAnswer[channel] = Math.max(longestAnswer[channel] ?? 0, longestList(envelope))
    }
    const app = await openApp({ ledgerFile: file, now: `${today} 09:00:00`, onCall })
    try {
      const reps = m.quick ? 2 : 5
      // The first of each is a warm-up (Chromium's caches, the ledger's pages in SQLite's cache).
      for (let i = 0; i <= reps; i++) {
        const start = await startDesk(app.page, app.bridge.url)
        if (i > 0) deskStarts.push(start)
      }
      for (let i = 0; i <= reps; i++) {
        const walk = await walkLedger(app.page, app.bridge.url, walkCategory)
        if (i > 0) ledgerWalks.push(walk)
      }
      for (let i = 0; i <= reps; i++) {
        const walk = await walkDirectory(app.page, app.bridge.url)
        if (i > 0) directoryWalks.push(walk)
      }
    } finally {
      // close() fails on a script error in the page: say so, and keep what was measured.
      await app
        .close()
        .catch((e: unknown) => process.stdout.write(`  the page reported errors: ${e instanceof Error ? e.message : String(e)}\n`))
    }
    const desk = deskStarts[0]
    const walk = ledgerWalks[0]
    const dir = directoryWalks[0]
    if (desk && walk && dir) {
      const note = `${ledgerWalks.length} runs after a warm-up, each from a fresh start at the desk (settled); from the click to the answer's rows on screen`
      const steps: [string, { ms: number; parts: StepParts }[], number, string][] = [
        [
          `今日接待: a fresh start to the open day's newest visits drawn (${desk.shown} of ${desk.visits})`,
          deskStarts,
          COLD_START_GOAL_MS,
          'from page.goto to the first page of the day’s visits drawn; visit-list sends one page (20) and the day’s total',
        ],
        [
          `问题台账 from the menu to its first ${walk.firstPage.length} rows (${walk.total} issues)`,
          ledgerWalks.map((w) => ({ ms: w.ms.open, parts: w.parts.open })),
          STEP_GOAL_MS,
          note,
        ],
        [
          `filter by category ${walkCategory} (${walk.filtered} issues)`,
          ledgerWalks.map((w) => ({ ms: w.ms.filter, parts: w.parts.filter })),
          STEP_GOAL_MS,
          note,
        ],
        [
          `to the last page (${walk.lastPage}) from the pagination`,
          ledgerWalks.map((w) => ({ ms: w.ms.lastPage, parts: w.parts.lastPage })),
          STEP_GOAL_MS,
          note,
        ],
        [
          'open its last issue (drawer with the number)',
          ledgerWalks.map((w) => ({ ms: w.ms.openIssue, parts: w.parts.openIssue })),
          STEP_GOAL_MS,
          note,
        ],
        [
          `企业与来访人 from the menu: 企业, first page (${dir.organizations.total} enterprises)`,
          directoryWalks.map((w) => w.organizations),
          STEP_GOAL_MS,
          note,
        ],
        [`来访人 tab, first page (${dir.visitors.total} visitors)`, directoryWalks.map((w) => w.visitors), STEP_GOAL_MS, note],
      ]
      for (const [name, samples, goal, why] of steps) {
        const ours = stats(samples.map((x) => x.ms))
        m.record({
          group: '界面',
          name,
          ours,
          floor: null,
          target: `p50 ≤ ${goal} ms`,
          met: ours.p50 <= goal,
          note: why,
          parts: whereTimeWent(samples.map((x) => x.parts)),
        })
      }
      // The same clicks without the walk's own time: Playwright finding the target before the press
      // and noticing the result after the page's last change (the click and seen parts above); then
      // on to the result on screen, the first frame painted after that change: the clerk's whole wait.
      // A start has no press: its row above is already the whole wait.
      const waits: [group: string, wait: (p: StepParts) => number | null, note: string][] = [
        [
          '界面·按下到结果',
          (p) => p.waited,
          'from the press (the pointerdown’s own time) to the page’s last change before the walk saw the result; layout and paint of that change not included',
        ],
        [
          '界面·按下到画面',
          (p) => p.painted,
          'from the press to the first frame the page painted after its last change: the result laid out and on screen',
        ],
      ]
      for (const [group, wait, note] of waits) {
        for (const [name, samples, goal] of steps.slice(1)) {
          const measured = samples.flatMap((x) => {
            const ms = wait(x.parts)
            return ms === null ? [] : [ms]
          })
          if (measured.length === 0) continue
          const ours = stats(measured)
          m.record({
            group,
            name,
            ours,
            floor: null,
            target: `p50 ≤ ${goal} ms`,
            met: ours.p50 <= goal,
            note,
            parts: whereTimeWent(samples.map((x) => x.parts)),
          })
        }
      }
      const longest = Object.entries(longestAnswer)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([channel, n]) => `${channel} ${n}`)
      process.stdout.write(`  the most rows in one answer across the bridge, by call (${bridgeCalls} calls): ${longest.join(', ')}\n`)
    }
  }
  return { category: walkCategory, dayVisits, deskStarts, ledgerWalks, directoryWalks, longestAnswer, bridgeCalls }
}

/** The issue's goals: every interaction at a ten-year ledger, and a cold start to the desk. */
const STEP_GOAL_MS = 100
const COLD_START_GOAL_MS = 1000

/** The median of each part over the runs (so they need not add up to the step's p50 exactly). */
function whereTimeWent(runs: StepParts[]): string {
  const median = (pick: (p: StepParts) => number) => stats(runs.map(pick)).p50
  const ms = (pick: (p: StepParts) => number) => Math.round(median(pick))
  const code = median((p) => p.codeFiles) > 0 ? ` (code: ${ms((p) => p.codeFiles)} files, ${ms((p) => p.codeKb)} kB)` : ''
  return [
    ...(median((p) => p.input) > 0 ? [`click ${ms((p) => p.input)}`] : []),
    `to the call ${ms((p) => p.toCall)}${code}`,
    `bridge ${ms((p) => p.bridge)} (ledger ${ms((p) => p.ledger)}; ${ms((p) => p.calls)} calls, ${median((p) => p.answerKb).toFixed(1)} kB)`,
    `drawn ${ms((p) => p.drawn)}`,
    ...(runs.some((p) => p.painted !== null)
      ? [`painted ${Math.round(stats(runs.map((p) => (p.painted ?? p.waited) - p.waited)).p50)}`]
      : []),
    `the walk seeing it ${ms((p) => p.seen)}`,
  ].join(' · ')
}
