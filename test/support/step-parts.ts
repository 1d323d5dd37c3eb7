// Where a timed step of the screen walk spent its time, from what the page itself recorded: the
// press (the pointerdown event's own time stamp), and its resource timing for the calls across the
// bridge (with the ledger's own time, which the bridge sends as Server-Timing) and for the code it
// fetched. The page's Date and performance object are the test's fixed clock (browser.ts), so the
// page is read through what the clock leaves alone: event time stamps and a PerformanceObserver.
// `npm run bench` reports these; nothing asserts them.

import type { Page } from 'playwright-core'
import { z } from 'zod'

/** The walk's clock, which the steps' start and end are read from. */
export const walkNow = (): number => performance.now()

export interface StepParts {
  /** From the step's start to the press reaching the page (Playwright finding and clicking the target); 0 for a start. */
  input: number
  /** From the press (or the start) to the first call across the bridge: the handler, code fetched, rendering before the call. */
  toCall: number
  /** From the first call's start to the last answer the step waited for. */
  bridge: number
  /** Of which the ledger's handlers (the longest call's own time, from the bridge). */
  ledger: number
  /** From the last answer to the page's last change before the walk saw it: React and antd drawing it. */
  drawn: number
  /** From that change to the step's end: the walk seeing it (Playwright's polling and round trips). */
  seen: number
  /**
   * The clerk's wait: from the press to the page's last change (the result in the DOM, before the
   * browser lays it out and paints it), without the walk finding the target or seeing the result.
   */
  waited: number
  /**
   * The clerk's wait to the result on screen: from the press to the first frame the page painted
   * after its last change (that change laid out and painted). Null if the page painted none.
   */
  painted: number | null
  /** Calls across the bridge during the step, and the kB their answers carried. */
  calls: number
  answerKb: number
  /** Code (scripts, styles, the page itself) fetched during the step. */
  codeFiles: number
  codeKb: number
}

const pageRecord = z.object({
  pressed: z.number().nullable(),
  changes: z.array(z.number()),
  paints: z.array(z.number()),
  resources: z.array(
    z.object({
      name: z.string(),
      start: z.number(),
      end: z.number(),
      size: z.number(),
      ledger: z.number(),
    }),
  ),
})

/** Call after each navigation: the page notes its last press from then on. */
export async function watchPresses(page: Page): Promise<void> {
  // Strings: this side has no DOM types, and the functions run in the page.
  await page.evaluate(`(() => {
    document.addEventListener('pointerdown', (e) => { window.__ledgerPressedAt = e.timeStamp }, true)
    window.__ledgerChanges = []
    window.__ledgerPaints = []
    // A message posted from an animation frame's callback arrives once that frame is laid out and
    // painted: the time the change was on screen. One probe per frame, however many changes.
    let probing = false
    const painted = () => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        probing = false
        const paints = window.__ledgerPaints
        paints.push(new Event('now').timeStamp)
        if (paints.length > 5000) paints.splice(0, 2500)
      }
      channel.port2.postMessage(null)
    }
    new MutationObserver(() => {
      const changes = window.__ledgerChanges
      changes.push(new Event('now').timeStamp)
      if (changes.length > 5000) changes.splice(0, 2500)
      if (!probing) {
        probing = true
        requestAnimationFrame(painted)
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })()`)
}

/** The page's clock minus the walk's, from the quickest of a few round trips. */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 }
  for (let i = 0; i < 3; i++) {
    const before = walkNow()
    const inPage = z.number().parse(await page.evaluate('new Event("now").timeStamp'))
    const after = walkNow()
    if (after - before < best.rtt) best = { rtt: after - before, offset: inPage - (before + after) / 2 }
  }
  return best.offset
}

/** The parts of the step that ran from `startedAt` to `endedAt` (walkNow()); `pressed` when it began with a click. */
export async function partsOf(page: Page, startedAt: number, endedAt: number, pressed: boolean): Promise<StepParts> {
  const offset = await clockOffset(page)
  const record = pageRecord.parse(
    await page.evaluate(`(async () => {
      const resources = () => new Promise((resolve) => {
        new PerformanceObserver((list, observer) => { observer.disconnect(); resolve(list.getEntries()) }).observe({ type: 'resource', buffered: true })
        setTimeout(() => resolve([]), 1000)
      })
      // Resource timings run on another origin than event time stamps here: a small fetch of our
      // own, timed on both, says by how much (to within half its time).
      let shift = { span: Infinity, by: 0 }
      for (let i = 0; i < 3; i++) {
        const probe = '/__bridge.js?clock=' + Math.random()
        const before = new Event('now').timeStamp
        await (await fetch(probe)).text()
        const after = new Event('now').timeStamp
        await new Promise((resolve) => setTimeout(resolve, 0))
        const timed = (await resources()).find((e) => e.name.endsWith(probe))
        if (timed && after - before < shift.span) shift = { span: after - before, by: (before + after) / 2 - (timed.startTime + timed.responseEnd) / 2 }
      }
      return {
        pressed: window.__ledgerPressedAt ?? null,
        changes: window.__ledgerChanges ?? [],
        paints: window.__ledgerPaints ?? [],
        resources: (await resources()).filter((e) => !e.name.includes('?clock=')).map((e) => ({
          name: e.name,
          start: e.startTime + shift.by,
          end: e.responseEnd + shift.by,
          size: e.encodedBodySize,
          ledger: e.serverTiming.find((t) => t.name === 'ledger')?.duration ?? 0,
        })),
      }
    })()`),
  )
  const at = (t: number) => t - offset
  // A millisecond of slack either way for the clocks' alignment.
  const during = record.resources.filter((r) => at(r.start) >= startedAt - 1 && at(r.end) <= endedAt + 1)
  const calls = during.filter((r) => new URL(r.name).pathname.startsWith('/__api/'))
  const code = during.filter((r) => !new URL(r.name).pathname.startsWith('/__api/'))
  const press = pressed && record.pressed !== null ? Math.max(startedAt, at(record.pressed)) : startedAt
  const firstCall = calls.length > 0 ? Math.min(...calls.map((c) => at(c.start))) : null
  const lastAnswer = calls.length > 0 ? Math.max(...calls.map((c) => at(c.end))) : null
  // The page's last change before the walk saw the step done: when the answer was in the page.
  // (Nothing watched the page, as at a start: all of it counts as drawing.)
  const lastChange =
    record.changes.length === 0 ? endedAt : Math.max(lastAnswer ?? press, ...record.changes.map(at).filter((t) => t <= endedAt))
  const firstPaint = record.paints.map(at).find((t) => t >= lastChange)
  const kb = (rs: typeof during) => rs.reduce((n, r) => n + r.size, 0) / 1000
  return {
    input: press - startedAt,
    toCall: firstCall === null ? 0 : Math.max(0, firstCall - press),
    bridge: firstCall === null || lastAnswer === null ? 0 : lastAnswer - firstCall,
    ledger: Math.max(0, ...calls.map((c) => c.ledger)),
    drawn: lastChange - (lastAnswer ?? press),
    seen: endedAt - lastChange,
    waited: lastChange - press,
    painted: firstPaint === undefined ? null : firstPaint - press,
    calls: calls.length,
    answerKb: kb(calls),
    codeFiles: code.length,
    codeKb: kb(code),
  }
}
