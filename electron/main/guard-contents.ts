import type { Session, WebContents } from 'electron'
import { isOwnPage, type RendererPage } from './renderer-page'

/** Stays put unless the target is provably the app's own page: whatever goes wrong deciding, it stays. */
function stayUnlessOwnPage(page: RendererPage, event: { url: string; preventDefault: () => void }): void {
  let own = false
  try {
    own = isOwnPage(page, event.url)
  } finally {
    if (!own) event.preventDefault()
  }
}

/** Keeps every web contents on the app's own page: no navigation away, no popups, no webviews. */
export function guardContents(contents: WebContents, page: RendererPage): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => stayUnlessOwnPage(page, event))
  contents.on('will-redirect', (event) => stayUnlessOwnPage(page, event))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/**
 * No camera, location, notifications and the like. The one exception is writing to the
 * clipboard from the app's own page, so a "复制" button can copy a ledger number.
 */
export function denyPermissions(session: Session, page: RendererPage): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && isOwnPage(page, details.requestingUrl))
  })
}
