import type { Locator } from 'playwright-core'

/** The element's background colour as the browser computed it (`rgb(…)`): what the clerk sees, not the classes. */
export function backgroundOf(element: Locator): Promise<string | undefined> {
  return element.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor)
}
