import type { Page } from 'playwright-core'

// Whether a list's spinner is drawn with the screen, or only once its answer keeps the clerk
// waiting: read from the page's DOM as it changes, not from the clock.

/**
 * From now on, notes whether the first draw of `within` (a CSS selector) had a spinner in it, and
 * whether one was drawn there at all.
 */
export async function watchSpinner(page: Page, within: string): Promise<void> {
  // A string, run in the page: the tests are type-checked without the browser's types.
  await page.evaluate(`(() => {
    const watch = { firstDraw: null, ever: false }
    window.spinnerWatch = watch
    const look = () => {
      if (!document.querySelector(${JSON.stringify(within)})) return
      const spinning = document.querySelector(${JSON.stringify(`${within} .ant-spin-spinning`)}) !== null
      if (watch.firstDraw === null) watch.firstDraw = spinning
      if (spinning) watch.ever = true
    }
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true })
  })()`)
}

/** Whether the first draw had a spinner (null: not drawn yet), and whether one was drawn since. */
export async function spinnerSeen(page: Page): Promise<{ firstDraw: boolean | null; ever: boolean }> {
  const firstDraw: unknown = await page.evaluate('window.spinnerWatch.firstDraw')
  const ever: unknown = await page.evaluate('window.spinnerWatch.ever')
  return { firstDraw: typeof firstDraw === 'boolean' ? firstDraw : null, ever: ever === true }
}

/** Every answer of `channel` held back until `release` is called. */
export async function holdAnswers(page: Page, channel: string): Promise<{ release: () => void }> {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(`**/__api/${channel}`, async (route) => {
    await held
    // The page may have closed meanwhile (a test that failed before its release).
    await route.continue().catch(() => undefined)
  })
  return { release }
}
