import type { Page } from 'playwright-core'

// Whether a list's spinner was drawn at all while its answer was on its way: a quick answer is
// drawn without one (the spinner waits a fifth of a second), a slow one with it.

/** From now on, notes any spinner drawn inside `within` (a CSS selector) in the page. */
export async function watchSpinner(page: Page, within: string): Promise<void> {
  // A string, run in the page: the tests are type-checked without the browser's types.
  await page.evaluate(`(() => {
    window.spinnerSeen = false
    new MutationObserver(() => {
      if (document.querySelector(${JSON.stringify(`${within} .ant-spin-spinning`)})) window.spinnerSeen = true
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })()`)
}

/** True when a spinner was drawn since watchSpinner. */
export async function spinnerSeen(page: Page): Promise<boolean> {
  return (await page.evaluate('window.spinnerSeen')) === true
}

/** Every answer of `channel` held back until `release` is called (or `ms` have passed, when given). */
export async function holdAnswers(page: Page, channel: string, ms?: number): Promise<{ release: () => void }> {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => {
    release = resolve
    if (ms !== undefined) setTimeout(resolve, ms)
  })
  await page.route(`**/__api/${channel}`, async (route) => {
    await held
    await route.continue()
  })
  return { release }
}
